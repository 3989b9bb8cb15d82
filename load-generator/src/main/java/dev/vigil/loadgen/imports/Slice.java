package dev.vigil.loadgen.imports;

import java.time.Instant;

/**
 * The part of history one import run takes: transactions whose event time, and labels whose label
 * time, is in {@code [from, until)}. Slices that tile time import every record exactly once, so a
 * backtest can import a day, run the batch layer, and import the next.
 *
 * @param from  {@code null}: from the beginning
 * @param until {@code null}: to the end
 */
public record Slice(Instant from, Instant until) {

    public static final Slice ALL = new Slice(null, null);

    public Slice {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("--from must be before --until");
        }
    }

    public boolean contains(Instant time) {
        return (from == null || !time.isBefore(from)) && (until == null || time.isBefore(until));
    }

    /** Whether nothing at or after {@code time} can be in the slice. */
    boolean endsBefore(Instant time) {
        return until != null && !time.isBefore(until);
    }
}
