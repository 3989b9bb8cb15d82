package dev.vigil.loadgen.imports;

import dev.vigil.loadgen.scenario.SimTransaction;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.Function;

/**
 * A simulated world's history through the import's path: its transactions, already in event-time
 * order, and their labels at their own label times, in one {@link EventTimeMerge}, as {@code import}
 * writes a file's rows. Nothing of the wall clock enters a record.
 */
public final class SimulatedHistory {

    private SimulatedHistory() {}

    /**
     * Writes the transactions of {@code world} before {@code until}, and the labels due before it; the
     * rest of the world is left unread.
     *
     * @param labelTime a transaction's label time, or {@code null} when it gets none
     */
    public static ImportSummary write(
            Iterator<SimTransaction> world,
            Function<SimTransaction, Instant> labelTime,
            Instant until,
            HistorySink sink) {
        long start = System.nanoTime();
        Slice slice = new Slice(null, until);
        EventTimeMerge merge = new EventTimeMerge(slice, sink);
        long read = 0;
        while (world.hasNext()) {
            SimTransaction transaction = world.next();
            if (slice.endsBefore(transaction.eventTime())) {
                break;
            }
            read++;
            merge.take(transaction, labelTime.apply(transaction));
        }
        merge.finish();
        return new ImportSummary(
                merge.transactions(), merge.labels(), 0, 0, read, (System.nanoTime() - start) / 1e9, null);
    }
}
