package dev.vigil.loadgen.imports;

import dev.vigil.loadgen.replay.CsvRow;
import dev.vigil.loadgen.send.Labels;
import java.time.Duration;
import java.time.Instant;

/**
 * When a row's label became known, in event time: from the file's label-time column, or the
 * event time plus a fixed delay (a chargeback typically arrives days after the fraud). Rows labelled
 * fraud get a chargeback; a share of genuine rows, chosen from the transaction id so that every
 * slice and rerun chooses the same ones, a cardholder's confirmation.
 *
 * @param delay        {@code null} when the file says the label time
 * @param genuineShare share of genuine rows that get a label, 0 to 1
 */
record LabelTiming(Duration delay, double genuineShare) {

    LabelTiming {
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("--label-delay must not be negative");
        }
        if (genuineShare < 0 || genuineShare > 1) {
            throw new IllegalArgumentException("--genuine-label-share must be between 0 and 1");
        }
    }

    /**
     * The time the row's label is known, or {@code null} when it gets none: the file has no label,
     * it is a genuine row outside the sample, or (label-time column) the file gives no label time
     * for a sampled genuine row (for a fraud row, the reader refuses that).
     */
    Instant labelTime(CsvRow row, String transactionId) {
        if (row.fraud() == null || !row.fraud() && !Labels.sampled(transactionId, genuineShare)) {
            return null;
        }
        if (delay != null) {
            return row.time().plus(delay);
        }
        return row.labelTime();
    }
}
