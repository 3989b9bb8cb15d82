package dev.vigil.loadgen.send;

import dev.vigil.loadgen.report.SentTransaction;
import dev.vigil.loadgen.scenario.SimTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The transactions ingest accepted during a run, without their card numbers. Thread-safe. */
public final class Ledger {

    private final ConcurrentLinkedQueue<SentTransaction> accepted = new ConcurrentLinkedQueue<>();

    public void accepted(SimTransaction transaction, Instant sentAt) {
        accepted.add(
                new SentTransaction(transaction.transactionId(), transaction.bankId(), transaction.scenario(), sentAt));
    }

    public List<SentTransaction> transactions() {
        return new ArrayList<>(accepted);
    }
}
