package dev.vigil.loadgen.imports;

import dev.vigil.loadgen.replay.BadRow;
import dev.vigil.loadgen.replay.CsvRow;
import dev.vigil.loadgen.replay.CsvTransactions;
import dev.vigil.loadgen.replay.ReplayPlan;
import dev.vigil.loadgen.scenario.SimTransaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads a CSV of history and writes its transactions and labels in one event-time merge, keeping
 * the file's event times (no shift: the import is not bound by ingest's 7-day window). Bad rows
 * are reported on {@code log} by file, line and column, and stop the import or are skipped. A bad
 * row counts in the slice of its event time (in every slice when its time cannot be read); a slice
 * stops reading once the file has passed its end by the out-of-order tolerance, since no later row
 * can belong to it.
 */
public final class HistoryImport {

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final ReplayPlan plan;
    private final LabelTiming labels;
    private final Slice slice;
    private final OnBadRow onBadRow;
    private final Duration maxOutOfOrder;
    private final PrintWriter log;

    /**
     * @param labelDelay   label time = event time + this; {@code null} when the file's label-time column says it
     * @param genuineShare share of genuine rows that get a cardholder's confirmation (chosen by transaction id)
     */
    public HistoryImport(
            ReplayPlan plan,
            Duration labelDelay,
            double genuineShare,
            Slice slice,
            OnBadRow onBadRow,
            Duration maxOutOfOrder,
            PrintWriter log) {
        this.plan = plan;
        this.labels = new LabelTiming(labelDelay, genuineShare);
        this.slice = slice;
        this.onBadRow = onBadRow;
        this.maxOutOfOrder = maxOutOfOrder;
        this.log = log;
    }

    public ImportSummary run(CsvTransactions rows, HistorySink sink) throws IOException {
        long start = System.nanoTime();
        long lastProgress = start;
        EventTimeMerge merge = new EventTimeMerge(slice, sink);
        long read = 0;
        long skipped = 0;
        long rounded = 0;
        String stoppedAt = null;
        while (true) {
            CsvRow row;
            try {
                row = rows.next();
            } catch (BadRow bad) {
                read++;
                if (bad.eventTime() != null && !slice.contains(bad.eventTime())) {
                    continue;
                }
                log.println(bad.getMessage());
                log.flush();
                if (onBadRow == OnBadRow.STOP) {
                    stoppedAt = bad.getMessage();
                    break;
                }
                skipped++;
                continue;
            }
            if (row == null || slice.endsBefore(row.time().minus(maxOutOfOrder))) {
                break;
            }
            read++;
            SimTransaction transaction = plan.transaction(row, Duration.ZERO);
            merge.take(transaction, labels.labelTime(row, transaction.transactionId()));
            if (row.rounded() && slice.contains(row.time())) {
                rounded++;
            }
            if ((read & 0xFFF) == 0 && System.nanoTime() - lastProgress >= PROGRESS_EVERY_NANOS) {
                lastProgress = System.nanoTime();
                progress(read, merge, lastProgress - start);
            }
        }
        if (stoppedAt == null) {
            merge.finish();
        }
        return new ImportSummary(
                merge.transactions(),
                merge.labels(),
                skipped,
                rounded,
                read,
                (System.nanoTime() - start) / 1e9,
                stoppedAt);
    }

    private void progress(long read, EventTimeMerge merge, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        log.printf(
                Locale.ROOT,
                "%5.0fs  %d rows  %.0f rows/s  event time %s  transactions %d  labels %d (%d waiting)%n",
                seconds,
                read,
                read / seconds,
                merge.reached(),
                merge.transactions(),
                merge.labels(),
                merge.waiting());
        log.flush();
    }
}
