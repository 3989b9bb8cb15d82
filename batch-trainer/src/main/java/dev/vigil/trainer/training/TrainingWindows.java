package dev.vigil.trainer.training;

import static org.apache.spark.sql.functions.max;

import dev.vigil.trainer.archive.HistoryRows;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a run at reference time R fits, evaluates and publishes, in event time; labels only as they
 * had arrived (a label carries its own arrival time).
 *
 * <ul>
 *   <li><b>evaluation</b> {@code [R - labelDelay - test, R - labelDelay)}, labels known by R: placed where
 *       labels have matured, since a fraud is reported {@code labelDelay} after it happens; a window
 *       ending at R would hold frauds nobody has reported yet;</li>
 *   <li><b>evaluation training</b>: {@code train} long, ending {@code delay} before the evaluation, labels
 *       known by the evaluation's start: the candidates are fitted here and ranked on the evaluation, as
 *       a model fitted then would have been used then;</li>
 *   <li><b>final training</b> {@code [R - delay - train, R - delay)}, labels known by R: the most recent
 *       window whose labels are known, where the chosen learner is fitted once more, with the same
 *       parameters, for publication.</li>
 * </ul>
 */
public record TrainingWindows(Window evaluationTrain, Window evaluation, Window finalTrain) {

    /** Event times {@code [from, to)}, labels that arrived by {@code labelsKnownBy} (inclusive). */
    public record Window(Instant from, Instant to, Instant labelsKnownBy) {
        public Window {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("empty window: " + from + " .. " + to);
            }
        }

        Window earlier(Duration by) {
            return new Window(from.minus(by), to.minus(by), labelsKnownBy.minus(by));
        }

        @Override
        public String toString() {
            return from + " .. " + to + " (labels known by " + labelsKnownBy + ")";
        }
    }

    public TrainingWindows {
        if (evaluationTrain.to().isAfter(evaluation.from())) {
            throw new IllegalArgumentException("the evaluation training window must end before the evaluation: "
                    + evaluationTrain + ", " + evaluation);
        }
    }

    public static TrainingWindows at(
            Instant reference, Duration train, Duration delay, Duration test, Duration labelDelay) {
        Instant evaluationTo = reference.minus(labelDelay);
        Instant evaluationFrom = evaluationTo.minus(test);
        Instant evaluationTrainTo = evaluationFrom.minus(delay);
        Instant finalTo = reference.minus(delay);
        return new TrainingWindows(
                new Window(evaluationTrainTo.minus(train), evaluationTrainTo, evaluationFrom),
                new Window(evaluationFrom, evaluationTo, reference),
                new Window(finalTo.minus(train), finalTo, reference));
    }

    /** Every window, and when its labels are known, moved {@code by} back in time: a run that long ago. */
    TrainingWindows earlier(Duration by) {
        return new TrainingWindows(evaluationTrain.earlier(by), evaluation.earlier(by), finalTrain.earlier(by));
    }

    /**
     * The freshest transactions, {@code [R - delay, R)} after the final training window, their labels mostly not in
     * yet: the published fit has not seen them and they are the nearest the live traffic, so its alert thresholds
     * are set on its scores of them (an alert rate needs no labels). Empty without a delay.
     */
    public Optional<Window> freshest() {
        Instant reference = finalTrain.labelsKnownBy();
        return finalTrain.to().isBefore(reference)
                ? Optional.of(new Window(finalTrain.to(), reference, reference))
                : Optional.empty();
    }

    /**
     * The end of the newest window: the reference, where the freshest window (or, without a delay, the final training
     * window) ends, unless the evaluation ends later. Transactions after it are not used.
     */
    Instant end() {
        Instant reference = finalTrain.labelsKnownBy();
        return evaluation.to().isAfter(reference) ? evaluation.to() : reference;
    }

    /**
     * Just after the newest thing the history knows: the latest transaction event time or label
     * arrival, plus one millisecond (windows end exclusively). The reference for training on a
     * history as it was archived (a demo, a replay) rather than as of now. Empty for an empty history.
     */
    public static Optional<Instant> historyEnd(Dataset<Row> transactions, Dataset<Row> labels) {
        return Stream.of(newest(transactions, "eventTime"), newest(labels, "labelledAt"))
                .flatMap(Optional::stream)
                .max(Instant::compareTo)
                .map(newest -> newest.plusMillis(1));
    }

    private static Optional<Instant> newest(Dataset<Row> rows, String column) {
        Row row = rows.agg(max(column)).first();
        return row.isNullAt(0) ? Optional.empty() : Optional.of(HistoryRows.instant(row.get(0)));
    }
}
