package dev.vigil.loadgen;

import dev.vigil.loadgen.scenario.SimTransaction;
import dev.vigil.loadgen.scenario.Simulator;
import dev.vigil.loadgen.send.Ledger;
import dev.vigil.loadgen.send.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warm-up: genuine purchases backdated over the span before now, sent in batches as fast as
 * the target takes them, so the scorer knows the cards before the first fraud. Not timed.
 */
final class History {

    private final Target target;
    private final Ledger ledger;
    private final PrintStream progress;

    History(Target target, Ledger ledger, PrintStream progress) {
        this.target = target;
        this.ledger = ledger;
        this.progress = progress;
    }

    void send(Simulator simulator, int transactions, Duration span) throws IOException, InterruptedException {
        if (transactions == 0) {
            return;
        }
        Instant end = Instant.now().minus(Duration.ofMinutes(1));
        Duration step = span.dividedBy(transactions);
        Instant start = end.minus(span);
        long accepted = 0;
        long refused = 0;
        List<SimTransaction> batch = new ArrayList<>();
        for (int i = 0; i < transactions; i++) {
            batch.add(simulator.genuine(start.plus(step.multipliedBy(i)).truncatedTo(ChronoUnit.MILLIS)));
            if (batch.size() == Target.MAX_BATCH || i == transactions - 1) {
                String outcome = target.sendBatch(batch);
                if (outcome == null) {
                    accepted += batch.size();
                    Instant now = Instant.now();
                    batch.forEach(t -> ledger.accepted(t, now));
                } else {
                    refused += batch.size();
                    progress.printf("history: a batch of %d was refused: %s%n", batch.size(), outcome);
                }
                batch.clear();
            }
        }
        progress.printf(
                "history: %d genuine transactions over the last %s accepted, %d refused%n",
                accepted, span.toString().substring(2).toLowerCase(Locale.ROOT), refused);
    }
}
