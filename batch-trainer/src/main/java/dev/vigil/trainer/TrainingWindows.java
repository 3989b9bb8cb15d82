package dev.vigil.trainer;

import static org.apache.spark.sql.functions.max;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The time-ordered split, in event time, ending at the reference time:
 * {@code [trainFrom, trainTo)} train, {@code [trainTo, testFrom)} delay, {@code [testFrom, testTo)} test.
 *
 * <p>The delay is the time fraud takes to be reported: a model trained at {@code testFrom} would
 * only know labels that arrived by then, so training rows use labels known by {@code testFrom}
 * (the training cut-off), and test rows labels known by {@code testTo}. A chargeback that arrives
 * later is not used.
 */
record TrainingWindows(Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo) {

    TrainingWindows {
        if (!(trainFrom.isBefore(trainTo) && !trainTo.isAfter(testFrom) && testFrom.isBefore(testTo))) {
            throw new IllegalArgumentException("windows out of order: " + trainFrom + " " + trainTo + " "
                    + testFrom + " " + testTo);
        }
    }

    static TrainingWindows endingAt(Instant reference, Duration train, Duration delay, Duration test) {
        Instant testFrom = reference.minus(test);
        Instant trainTo = testFrom.minus(delay);
        return new TrainingWindows(trainTo.minus(train), trainTo, testFrom, reference);
    }

    /**
     * Just after the newest thing the history knows: the latest transaction event time or label
     * arrival, plus one millisecond (windows end exclusively). The reference for training on a
     * history as it was archived (a demo, a replay) rather than as of now. Empty for an empty history.
     */
    static Optional<Instant> historyEnd(Dataset<Row> transactions, Dataset<Row> labels) {
        return Stream.of(newest(transactions, "eventTime"), newest(labels, "labelledAt"))
                .flatMap(Optional::stream)
                .max(Instant::compareTo)
                .map(newest -> newest.plusMillis(1));
    }

    private static Optional<Instant> newest(Dataset<Row> rows, String column) {
        Row row = rows.agg(max(column)).first();
        return row.isNullAt(0) ? Optional.empty() : Optional.of(HistoryRows.instant(row.get(0)));
    }

    /** Labels known by this time may be used for training rows. */
    Instant trainingCutoff() {
        return testFrom;
    }
}
