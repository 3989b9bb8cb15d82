package dev.vigil.features.rules;

import dev.vigil.features.RecentEventTimes;

/**
 * Thresholds of the {@link RulesScorer}.
 *
 * @param minHistory            transactions a card needs before its "usual" means anything
 *                              (amount and country rules stay silent before)
 * @param amountRatio           an amount is far above usual at this multiple of the card's mean…
 * @param amountZScore          …and this many (floored) standard deviations above it
 * @param burstTransactions     this many transactions (including the one scored) within
 *                              {@link dev.vigil.features.CardFeatures#BURST_WINDOW} is a burst
 * @param amountContribution    score of the amount rule alone, in (0, 1]
 * @param burstContribution     score of the burst rule alone
 * @param newCountryContribution score of the new-country rule alone
 * @param reviewAt              decision REVIEW from this score
 * @param declineAt             decision DECLINE from this score
 */
public record RulesConfig(int minHistory, double amountRatio, double amountZScore, int burstTransactions,
        double amountContribution, double burstContribution, double newCountryContribution,
        double reviewAt, double declineAt) {

    /** Defaults: any one rule alone recommends REVIEW; the amount rule with another one, DECLINE. */
    public static final RulesConfig DEFAULTS = new RulesConfig(5, 5.0, 3.0, 5, 0.75, 0.6, 0.5, 0.5, 0.85);

    public RulesConfig {
        require(minHistory >= 1, "minHistory must be at least 1: " + minHistory);
        require(amountRatio > 1, "amountRatio must be above 1: " + amountRatio);
        require(amountZScore > 0, "amountZScore must be positive: " + amountZScore);
        // the ring of recent times bounds what a window count can see
        require(burstTransactions >= 2 && burstTransactions <= RecentEventTimes.CAPACITY + 1,
                "burstTransactions must be in [2, " + (RecentEventTimes.CAPACITY + 1) + "]: " + burstTransactions);
        requireShare(amountContribution, "amountContribution");
        requireShare(burstContribution, "burstContribution");
        requireShare(newCountryContribution, "newCountryContribution");
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
