package dev.vigil.features.rules;

import dev.vigil.features.RecentEventTimes;

/**
 * Thresholds of the {@link RulesScorer}. {@link #DEFAULTS} is the one definition of the default
 * rules: the scorer (which lets each value be overridden by its environment) and the Spark
 * score-stream both start from it. Why each default is what it is: {@code features/README.md}.
 *
 * @param minHistory            transactions a card needs before its "usual" means anything
 *                              (amount and country rules stay silent before)
 * @param amountRatio           an amount is far above usual at this multiple of the card's mean…
 * @param amountZScore          …and this many (floored) standard deviations above it
 * @param burstTransactions     this many transactions (including the one scored) within
 *                              {@link dev.vigil.features.CardFeatures#BURST_WINDOW} is a burst
 * @param travelMinKm           impossible travel needs at least this distance from the last known location…
 * @param travelMinKmh          …covered at least this fast (an airliner flies about 900 km/h)
 * @param amountContribution    score of the amount rule alone, in (0, 1]
 * @param burstContribution     score of the burst rule alone
 * @param newCountryContribution score of the new-country rule alone
 * @param travelContribution    score of the impossible-travel rule alone
 * @param reviewAt              decision REVIEW from this score
 * @param declineAt             decision DECLINE from this score
 */
public record RulesConfig(
        int minHistory,
        double amountRatio,
        double amountZScore,
        int burstTransactions,
        double travelMinKm,
        double travelMinKmh,
        double amountContribution,
        double burstContribution,
        double newCountryContribution,
        double travelContribution,
        double reviewAt,
        double declineAt) {

    /**
     * Calibrated on a month of the simulated population's genuine purchases (10,000 cards, 30 days):
     * together they alert on 0.34 % of it (DefaultRulesOnGenuineMonthTest in load-generator).
     * Any one rule alone recommends REVIEW; two together, DECLINE.
     */
    public static final RulesConfig DEFAULTS =
            new RulesConfig(5, 10.0, 4.0, 3, 500, 1000, 0.75, 0.6, 0.5, 0.8, 0.5, 0.85);

    public RulesConfig {
        require(minHistory >= 1, "minHistory must be at least 1: " + minHistory);
        require(amountRatio > 1, "amountRatio must be above 1: " + amountRatio);
        require(amountZScore > 0, "amountZScore must be positive: " + amountZScore);
        // the ring of recent times bounds what a window count can see
        require(
                burstTransactions >= 2 && burstTransactions <= RecentEventTimes.CAPACITY + 1,
                "burstTransactions must be in [2, " + (RecentEventTimes.CAPACITY + 1) + "]: " + burstTransactions);
        require(travelMinKm > 0, "travelMinKm must be positive: " + travelMinKm);
        require(travelMinKmh > 0, "travelMinKmh must be positive: " + travelMinKmh);
        requireShare(amountContribution, "amountContribution");
        requireShare(burstContribution, "burstContribution");
        requireShare(newCountryContribution, "newCountryContribution");
        requireShare(travelContribution, "travelContribution");
        requireShare(reviewAt, "reviewAt");
        requireShare(declineAt, "declineAt");
        require(reviewAt <= declineAt, "reviewAt (" + reviewAt + ") must not exceed declineAt (" + declineAt + ")");
    }

    private static void requireShare(double value, String name) {
        require(value > 0 && value <= 1, name + " must be in (0, 1]: " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
