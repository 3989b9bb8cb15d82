package dev.vigil.features.quality;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * What a decision did on labelled transactions: how many it flagged, how many were fraud, and how many
 * of the flagged were. An alert costs an analyst's time, so the alert rate is read beside precision and
 * recall.
 */
public record Confusion(long rows, long flagged, long frauds, long flaggedFrauds) {

    /** Counts {@code rows} by whether {@code flagged} holds (the decision) and {@code fraud} holds (the label). */
    public static <T> Confusion count(Collection<T> rows, Predicate<? super T> flagged, Predicate<? super T> fraud) {
        long flaggedCount = 0;
        long frauds = 0;
        long flaggedFrauds = 0;
        for (T row : rows) {
            boolean isFlagged = flagged.test(row);
            boolean isFraud = fraud.test(row);
            flaggedCount += isFlagged ? 1 : 0;
            frauds += isFraud ? 1 : 0;
            flaggedFrauds += isFlagged && isFraud ? 1 : 0;
        }
        return new Confusion(rows.size(), flaggedCount, frauds, flaggedFrauds);
    }

    /** Share of transactions flagged; 0 for none. */
    public double alertRate() {
        return rows == 0 ? 0 : (double) flagged / rows;
    }

    /** Share of flagged transactions that were fraud; NaN when nothing was flagged. */
    public double precision() {
        return flagged == 0 ? Double.NaN : (double) flaggedFrauds / flagged;
    }

    /** Share of frauds flagged; NaN without frauds. */
    public double recall() {
        return frauds == 0 ? Double.NaN : (double) flaggedFrauds / frauds;
    }
}
