package dev.vigil.features;

import java.time.Duration;
import java.util.Arrays;

/**
 * A card's amounts over 1 hour, 24 hours, 7 days and 30 days, each as exponentially decayed
 * statistics ({@link AmountStats}) with that horizon as time constant: an amount {@code age} old
 * weighs {@code exp(-age / horizon)}. So the weight is a count of recent transactions (for a steady
 * rate, the number within one horizon), weight × mean their sum, and the spread their standard
 * deviation; an update is O(1) and the size fixed, unlike exact sliding windows.
 */
public final class SpendHorizons {

    public static final Duration[] HORIZONS = {
        Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30)
    };
    static final SpendHorizons NONE = new SpendHorizons(
            new AmountStats[] {AmountStats.NONE, AmountStats.NONE, AmountStats.NONE, AmountStats.NONE});

    private final AmountStats[] stats;

    private SpendHorizons(AmountStats[] stats) {
        this.stats = stats;
    }

    static SpendHorizons of(AmountStats[] stats) {
        if (stats.length != HORIZONS.length) {
            throw new IllegalArgumentException(
                    "spend horizons hold " + HORIZONS.length + " statistics, got " + stats.length);
        }
        return new SpendHorizons(stats.clone());
    }

    /** The statistics of horizon {@code i} (in {@link #HORIZONS} order). */
    public AmountStats at(int i) {
        return stats[i];
    }

    /** Every horizon aged by {@code age}: the state as of {@code age} later. */
    SpendHorizons aged(Duration age) {
        AmountStats[] next = new AmountStats[stats.length];
        for (int i = 0; i < stats.length; i++) {
            next[i] = stats[i].decayed(decay(age, i));
        }
        return new SpendHorizons(next);
    }

    /** Adds an amount {@code age} older than the time these statistics are aged to. */
    SpendHorizons plus(double amount, Duration age) {
        AmountStats[] next = new AmountStats[stats.length];
        for (int i = 0; i < stats.length; i++) {
            next[i] = stats[i].plus(amount, decay(age, i));
        }
        return new SpendHorizons(next);
    }

    static double decay(Duration age, int horizon) {
        return Math.exp(-(double) age.toMillis() / HORIZONS[horizon].toMillis());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpendHorizons that && Arrays.equals(stats, that.stats);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stats);
    }

    @Override
    public String toString() {
        return Arrays.toString(stats);
    }
}
