package dev.vigil.loadgen.imports;

import java.util.Locale;

/**
 * What an import did. {@code rowsRead} counts every row read from the file (those outside the
 * slice and the skipped ones too), which is what the throughput is of.
 *
 * @param stoppedAt the bad row the import stopped at, or {@code null}
 */
public record ImportSummary(
        long transactions, long labels, long skipped, long rounded, long rowsRead, double seconds, String stoppedAt) {

    /** The last line on standard output, for people and for tools: its form is a contract. */
    public String line() {
        return String.format(
                Locale.ROOT,
                "imported: %d transactions, %d labels, %d skipped, %d rounded in %.1f s (%d rows/s)",
                transactions,
                labels,
                skipped,
                rounded,
                seconds,
                rowsPerSecond());
    }

    /** The same, timed over {@code seconds} (e.g. including the wait for the last acknowledgements). */
    public ImportSummary took(double totalSeconds) {
        return new ImportSummary(transactions, labels, skipped, rounded, rowsRead, totalSeconds, stoppedAt);
    }

    public long rowsPerSecond() {
        return seconds > 0 ? Math.round(rowsRead / seconds) : rowsRead;
    }
}
