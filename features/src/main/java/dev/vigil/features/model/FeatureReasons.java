package dev.vigil.features.model;

import dev.vigil.features.rules.ReasonCode;
import java.util.Map;

/**
 * Which reason a feature speaks for when it pushes a model's score up. Several features can speak
 * for one reason (the amount's ratio and z-score both say "far above usual"); a feature not listed
 * here is {@link ReasonCode#UNUSUAL_PATTERN}.
 */
final class FeatureReasons {

    private static final Map<String, ReasonCode> BY_FEATURE = Map.ofEntries(
            Map.entry("amount_minor", ReasonCode.AMOUNT_FAR_ABOVE_USUAL),
            Map.entry("amount_to_mean_ratio", ReasonCode.AMOUNT_FAR_ABOVE_USUAL),
            Map.entry("amount_z_score", ReasonCode.AMOUNT_FAR_ABOVE_USUAL),
            Map.entry("tx_count_10m", ReasonCode.BURST_OF_TRANSACTIONS),
            Map.entry("tx_count_1h", ReasonCode.BURST_OF_TRANSACTIONS),
            Map.entry("seconds_since_last", ReasonCode.BURST_OF_TRANSACTIONS),
            Map.entry("tx_count_24h", ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry("amount_sum_1h", ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry("amount_sum_24h", ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry("amount_sum_7d", ReasonCode.HIGH_SPEND_VELOCITY),
            Map.entry("new_country", ReasonCode.NEW_COUNTRY_FOR_CARD),
            Map.entry("distinct_countries_before", ReasonCode.NEW_COUNTRY_FOR_CARD),
            Map.entry("km_from_last_location", ReasonCode.IMPOSSIBLE_TRAVEL),
            Map.entry("speed_kmh_from_last", ReasonCode.IMPOSSIBLE_TRAVEL),
            Map.entry("new_merchant", ReasonCode.NEW_MERCHANT_FOR_CARD),
            Map.entry("new_mcc", ReasonCode.NEW_MCC_FOR_CARD),
            Map.entry("night_time", ReasonCode.NIGHT_TIME),
            Map.entry("local_hour", ReasonCode.NIGHT_TIME),
            Map.entry("weekend", ReasonCode.WEEKEND),
            Map.entry("card_not_present", ReasonCode.CARD_NOT_PRESENT),
            Map.entry("merchant_outside_card_country", ReasonCode.MERCHANT_OUTSIDE_CARD_COUNTRY),
            Map.entry("merchant_fraud_rate_1d", ReasonCode.RISKY_MERCHANT),
            Map.entry("merchant_fraud_rate_7d", ReasonCode.RISKY_MERCHANT),
            Map.entry("merchant_fraud_rate_30d", ReasonCode.RISKY_MERCHANT),
            Map.entry("common_point_score_30d", ReasonCode.COMMON_POINT_OF_PURCHASE),
            Map.entry("common_point_defrauded_cards_30d", ReasonCode.COMMON_POINT_OF_PURCHASE));

    private FeatureReasons() {}

    static ReasonCode codeOf(String feature) {
        return BY_FEATURE.getOrDefault(feature, ReasonCode.UNUSUAL_PATTERN);
    }
}
