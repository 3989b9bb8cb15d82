package dev.vigil.loadgen.imports;

import dev.vigil.loadgen.scenario.SimTransaction;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Merges transactions and their labels into one stream in event time: a label waits in a priority
 * queue until the import has passed its label time (the latest event time taken so far), then goes
 * out before the transaction that passed it. Only the labels not yet due are held, so memory grows
 * with the labels of one label delay, not with the file. Records outside the slice are not written,
 * but a transaction before the slice still queues its label, which may fall inside it.
 */
final class EventTimeMerge {

    private final Slice slice;
    private final HistorySink sink;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(Comparator.comparing(Pending::at).thenComparingLong(Pending::order));
    private Instant reached;
    private long order;
    private long transactions;
    private long labels;

    EventTimeMerge(Slice slice, HistorySink sink) {
        this.slice = slice;
        this.sink = sink;
    }

    /**
     * Takes the next transaction of the file with its label time ({@code null}: no label); labels
     * due by its event time are written first.
     */
    void take(SimTransaction transaction, Instant labelTime) {
        Instant time = transaction.eventTime();
        if (reached == null || time.isAfter(reached)) {
            reached = time;
        }
        releaseUntil(reached);
        if (slice.contains(time)) {
            sink.transaction(transaction);
            transactions++;
        }
        if (labelTime != null && slice.contains(labelTime)) {
            pending.add(new Pending(labelTime, order++, transaction));
        }
    }

    /** Writes every label still waiting, in label-time order: the file has ended (or the slice has). */
    void finish() {
        releaseUntil(Instant.MAX);
    }

    private void releaseUntil(Instant time) {
        while (!pending.isEmpty() && !pending.peek().at().isAfter(time)) {
            Pending due = pending.poll();
            sink.label(due.transaction(), due.transaction().isFraud(), due.at());
            labels++;
        }
    }

    /** The latest event time taken, or {@code null} before the first. */
    Instant reached() {
        return reached;
    }

    long transactions() {
        return transactions;
    }

    long labels() {
        return labels;
    }

    int waiting() {
        return pending.size();
    }

    private record Pending(Instant at, long order, SimTransaction transaction) {}
}
