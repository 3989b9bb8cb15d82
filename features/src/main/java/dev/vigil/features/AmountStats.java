package dev.vigil.features;

/**
 * Time-decayed mean and variance of a card's amounts (in minor units), kept incrementally:
 * every past amount weighs {@code 2^(-age / half-life)}, so a card's "usual" follows its recent
 * spending. Weighted form of Welford's algorithm (West, 1979): {@code m2} is the weighted sum of
 * squared deviations from the mean.
 *
 * <p>Doubles are right here: these are statistics of amounts, never amounts on the wire.
 *
 * @param weight sum of the (decayed) weights of the amounts seen
 * @param mean   weighted mean
 * @param m2     weighted sum of squared deviations
 */
public record AmountStats(double weight, double mean, double m2) {

    public static final AmountStats NONE = new AmountStats(0, 0, 0);

    /** The same statistics with every weight multiplied by {@code factor} (mean and variance unchanged). */
    AmountStats decayed(double factor) {
        return new AmountStats(weight * factor, mean, m2 * factor);
    }

    /** Adds one amount with the given weight. */
    AmountStats plus(double amount, double amountWeight) {
        if (amountWeight == 0) {
            // so old it weighs nothing (the decay underflowed): nothing to add, and no 0 / 0
            return this;
        }
        double newWeight = weight + amountWeight;
        double delta = amount - mean;
        double newMean = mean + amountWeight * delta / newWeight;
        return new AmountStats(newWeight, newMean, m2 + amountWeight * delta * (amount - newMean));
    }

    /** Weighted population variance; 0 before any amount. */
    public double variance() {
        return weight > 0 ? Math.max(0, m2 / weight) : 0;
    }

    public double standardDeviation() {
        return Math.sqrt(variance());
    }
}
