package dev.vigil.features.model;

import dev.vigil.features.FeatureSchema;
import dev.vigil.features.FeatureSchema.Names;
import dev.vigil.features.rules.ReasonCode;
import java.util.Map;

/**
 * Which reason a feature speaks for when it pushes a model's score up. Several features can speak
 * for one reason (the amount's ratio and z-score both say "far above usual"); a feature not listed
 * here is {@link ReasonCode#UNUSUAL_PATTERN}.
 *
 * <p>A reason that states a fact about the transaction ("at night", "first use in this country") is
 * given only when the transaction's own 0/1 feature for that fact is 1: a forest can raise a day-time
 * transaction's score through a split on {@code local_hour}, and an analyst told "at night" about a
 * purchase at 14:00 stops trusting every reason. Such a contribution is an {@code UNUSUAL_PATTERN}.
 */
final class FeatureReasons {

    private static final Map<String, ReasonCode> BY_FEATURE = Map.ofEntries(
            Map.entry(Names.AMOUNT_MINOR, ReasonCode.AMOUNT_FAR_ABOVE_USUAL),
            Map.entry(Names.AMOUNT_TO_MEAN_RATIO, ReasonCode.AMOUNT_FAR_ABOVE_USUAL),
            Map.entry(Names.AMOUNT_Z_SCORE, ReasonCode.AMOUNT_FAR_ABOVE_USUAL),
            Map.entry(Names.AMOUNT_TO_MCC_MEAN_RATIO, ReasonCode.AMOUNT_FAR_ABOVE_USUAL),
            Map.entry(Names.TX_COUNT_10M, ReasonCode.BURST_OF_TRANSACTIONS),
            Map.entry(Names.TX_COUNT_1H, ReasonCode.BURST_OF_TRANSACTIONS),
            Map.entry(Names.SECONDS_SINCE_LAST, ReasonCode.BURST_OF_TRANSACTIONS),
            Map.entry(Names.TX_COUNT_24H, ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry(Names.AMOUNT_SUM_1H, ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry(Names.AMOUNT_SUM_24H, ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry(Names.AMOUNT_SUM_7D, ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry(Names.NEW_COUNTRY, ReasonCode.NEW_COUNTRY_FOR_CARD),
            Map.entry(Names.DISTINCT_COUNTRIES_BEFORE, ReasonCode.NEW_COUNTRY_FOR_CARD),
            Map.entry(Names.KM_FROM_LAST_LOCATION, ReasonCode.IMPOSSIBLE_TRAVEL),
            Map.entry(Names.SPEED_KMH_FROM_LAST, ReasonCode.IMPOSSIBLE_TRAVEL),
            Map.entry(Names.NEW_MERCHANT, ReasonCode.NEW_MERCHANT_FOR_CARD),
            Map.entry(Names.NEW_MCC, ReasonCode.NEW_MCC_FOR_CARD),
            Map.entry(Names.NIGHT_TIME, ReasonCode.NIGHT_TIME),
            Map.entry(Names.LOCAL_HOUR, ReasonCode.NIGHT_TIME),
            Map.entry(Names.WEEKEND, ReasonCode.WEEKEND),
            Map.entry(Names.CARD_NOT_PRESENT, ReasonCode.CARD_NOT_PRESENT),
            Map.entry(Names.MERCHANT_OUTSIDE_CARD_COUNTRY, ReasonCode.MERCHANT_OUTSIDE_CARD_COUNTRY),
            Map.entry(Names.MERCHANT_FRAUD_RATE_1D, ReasonCode.RISKY_MERCHANT),
            Map.entry(Names.MERCHANT_FRAUD_RATE_7D, ReasonCode.RISKY_MERCHANT),
            Map.entry(Names.MERCHANT_FRAUD_RATE_30D, ReasonCode.RISKY_MERCHANT),
            Map.entry(Names.MERCHANT_FRAUD_AGE_DAYS, ReasonCode.RISKY_MERCHANT),
            Map.entry(Names.COMMON_POINT_SCORE, ReasonCode.COMMON_POINT_OF_PURCHASE),
            Map.entry(Names.COMMON_POINT_DEFRAUDED_CARDS, ReasonCode.COMMON_POINT_OF_PURCHASE));

    /** The reasons that state a fact, each with the 0/1 feature that is 1 when the fact holds. */
    private static final Map<ReasonCode, String> FACT = Map.of(
            ReasonCode.NIGHT_TIME, Names.NIGHT_TIME,
            ReasonCode.WEEKEND, Names.WEEKEND,
            ReasonCode.NEW_COUNTRY_FOR_CARD, Names.NEW_COUNTRY,
            ReasonCode.NEW_MERCHANT_FOR_CARD, Names.NEW_MERCHANT,
            ReasonCode.NEW_MCC_FOR_CARD, Names.NEW_MCC,
            ReasonCode.CARD_NOT_PRESENT, Names.CARD_NOT_PRESENT,
            ReasonCode.MERCHANT_OUTSIDE_CARD_COUNTRY, Names.MERCHANT_OUTSIDE_CARD_COUNTRY);

    private FeatureReasons() {}

    private static ReasonCode codeOf(String feature) {
        return BY_FEATURE.getOrDefault(feature, ReasonCode.UNUSUAL_PATTERN);
    }

    /** The reasons of one schema's features, resolved to positions once. */
    static Resolved resolve(FeatureSchema schema) {
        int n = schema.size();
        ReasonCode[] codes = new ReasonCode[n];
        int[] facts = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = codeOf(schema.names().get(i));
            String fact = FACT.get(codes[i]);
            facts[i] = fact == null ? -1 : schema.names().indexOf(fact);
        }
        return new Resolved(codes, facts);
    }

    /**
     * Per feature position its reason, and the position of the 0/1 feature its reason's fact needs
     * (-1 when the reason states no fact, or the schema has no such feature).
     */
    record Resolved(ReasonCode[] codes, int[] facts) {
        /** The reason feature {@code i}'s contribution speaks for in the transaction {@code x}. */
        ReasonCode codeOf(int i, double[] x) {
            int fact = facts[i];
            return fact >= 0 && x[fact] < 1 ? ReasonCode.UNUSUAL_PATTERN : codes[i];
        }
    }
}
