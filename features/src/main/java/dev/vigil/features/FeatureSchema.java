package dev.vigil.features;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The names and order of the values in a {@link FeatureVector}, under a name and a version. A
 * model is trained against one schema and refuses vectors of another; changing what a feature
 * means, or the order, is a new version.
 *
 * @param name    what the features describe, e.g. {@code card}
 * @param version bumped on any change to names, order or meaning
 * @param names   feature names, in vector order
 */
public record FeatureSchema(String name, int version, List<String> names) {

    /**
     * The first card features grown to several horizons, travel speed, local time, new merchants and MCCs, merchant
     * risk. No longer computed: kept so a model trained on it is recognised and refused by name.
     */
    public static final FeatureSchema CARD_V2 = new FeatureSchema(
            "card",
            2,
            List.of(
                    Names.AMOUNT_MINOR,
                    Names.PRIOR_COUNT,
                    Names.AMOUNT_MEAN,
                    Names.AMOUNT_STD,
                    Names.AMOUNT_TO_MEAN_RATIO,
                    Names.AMOUNT_Z_SCORE,
                    Names.SECONDS_SINCE_LAST,
                    Names.TX_COUNT_10M,
                    Names.TX_COUNT_1H,
                    Names.TX_COUNT_24H,
                    Names.TX_COUNT_7D,
                    Names.TX_COUNT_30D,
                    Names.AMOUNT_SUM_1H,
                    Names.AMOUNT_SUM_24H,
                    Names.AMOUNT_SUM_7D,
                    Names.AMOUNT_SUM_30D,
                    Names.AMOUNT_MEAN_1H,
                    Names.AMOUNT_MEAN_24H,
                    Names.AMOUNT_MEAN_7D,
                    Names.AMOUNT_MEAN_30D,
                    Names.AMOUNT_STD_1H,
                    Names.AMOUNT_STD_24H,
                    Names.AMOUNT_STD_7D,
                    Names.AMOUNT_STD_30D,
                    Names.KM_FROM_LAST_LOCATION,
                    Names.SPEED_KMH_FROM_LAST,
                    Names.DISTINCT_COUNTRIES_BEFORE,
                    Names.NEW_COUNTRY,
                    Names.NEW_MERCHANT,
                    Names.NEW_MCC,
                    Names.LOCAL_HOUR,
                    Names.NIGHT_TIME,
                    Names.WEEKEND,
                    Names.CARD_NOT_PRESENT,
                    Names.MERCHANT_KNOWN,
                    Names.MERCHANT_TX_COUNT_1D,
                    Names.MERCHANT_TX_COUNT_7D,
                    Names.MERCHANT_TX_COUNT_30D,
                    Names.MERCHANT_FRAUD_RATE_1D,
                    Names.MERCHANT_FRAUD_RATE_7D,
                    Names.MERCHANT_FRAUD_RATE_30D));

    /**
     * Card-v2 and the card's issuing country against the merchant's. No longer computed: kept so a
     * model trained on it is recognised and refused by name.
     */
    public static final FeatureSchema CARD_V3 =
            grown(CARD_V2, 3, Names.CARD_COUNTRY_KNOWN, Names.MERCHANT_OUTSIDE_CARD_COUNTRY);

    /**
     * Card-v3 and the card's exposure to a common point of purchase: the riskiest merchant (by the
     * merchant-risk table in force) the card bought at in the last 30 days. No longer computed: kept so a
     * model trained on it is recognised and refused by name.
     */
    public static final FeatureSchema CARD_V4 =
            grown(CARD_V3, 4, Names.COMMON_POINT_SCORE, Names.COMMON_POINT_DEFRAUDED_CARDS);

    /**
     * Card-v4 and how long the merchant has been defrauded: days from the earliest fraud its merchant-risk
     * record counts to this transaction. No longer computed: kept so a model trained on it is recognised and
     * refused by name.
     */
    public static final FeatureSchema CARD_V5 = grown(CARD_V4, 5, Names.MERCHANT_FRAUD_AGE_DAYS);

    /**
     * Card-v5 and the card's recent peak: the highest amount-to-usual ratio among its earlier transactions,
     * each halved per week of age. A stolen card's thief spends far above the holder's usual, then again
     * in amounts that alone look ordinary; the peak carries the first to the next. No longer computed: kept so a
     * model trained on it is recognised and refused by name.
     */
    public static final FeatureSchema CARD_V6 = grown(CARD_V5, 6, Names.AMOUNT_RATIO_PEAK);

    /**
     * Card-v6 and the amount against the card's usual in the transaction's merchant category: a holder's usual
     * grocery bill and usual electronics purchase differ tenfold, so an amount ordinary for the card as a whole
     * can be far above its usual in the category.
     */
    public static final FeatureSchema CARD_V7 = grown(CARD_V6, 7, Names.AMOUNT_TO_MCC_MEAN_RATIO, Names.MCC_TX_COUNT);

    /** The schema {@link CardFeatures} computes now: the one models must be trained on. */
    public static final FeatureSchema CURRENT = CARD_V7;

    public FeatureSchema {
        Objects.requireNonNull(name, "name");
        names = List.copyOf(names);
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("feature names must be unique in " + name + " v" + version);
        }
    }

    /** A card schema's next version: {@code base}'s features, then {@code added}. */
    private static FeatureSchema grown(FeatureSchema base, int version, String... added) {
        return new FeatureSchema(
                base.name(),
                version,
                Stream.concat(base.names().stream(), Stream.of(added)).toList());
    }

    /** Position of a feature in the vector; throws for a name the schema does not have. */
    public int indexOf(String feature) {
        int index = names.indexOf(feature);
        if (index < 0) {
            throw new IllegalArgumentException("no feature '" + feature + "' in " + id());
        }
        return index;
    }

    public int size() {
        return names.size();
    }

    /** {@code name-vVersion}, e.g. {@code card-v1}. */
    public String id() {
        return name + "-v" + version;
    }

    /** The feature names of the card schemas; what each one means is documented in the module README. */
    public static final class Names {
        public static final String AMOUNT_MINOR = "amount_minor";
        public static final String PRIOR_COUNT = "prior_count";
        public static final String AMOUNT_MEAN = "amount_mean";
        public static final String AMOUNT_STD = "amount_std";
        public static final String AMOUNT_TO_MEAN_RATIO = "amount_to_mean_ratio";
        public static final String AMOUNT_Z_SCORE = "amount_z_score";
        public static final String SECONDS_SINCE_LAST = "seconds_since_last";
        public static final String TX_COUNT_10M = "tx_count_10m";
        public static final String TX_COUNT_1H = "tx_count_1h";
        public static final String TX_COUNT_24H = "tx_count_24h";
        public static final String TX_COUNT_7D = "tx_count_7d";
        public static final String TX_COUNT_30D = "tx_count_30d";
        public static final String AMOUNT_SUM_1H = "amount_sum_1h";
        public static final String AMOUNT_SUM_24H = "amount_sum_24h";
        public static final String AMOUNT_SUM_7D = "amount_sum_7d";
        public static final String AMOUNT_SUM_30D = "amount_sum_30d";
        public static final String AMOUNT_MEAN_1H = "amount_mean_1h";
        public static final String AMOUNT_MEAN_24H = "amount_mean_24h";
        public static final String AMOUNT_MEAN_7D = "amount_mean_7d";
        public static final String AMOUNT_MEAN_30D = "amount_mean_30d";
        public static final String AMOUNT_STD_1H = "amount_std_1h";
        public static final String AMOUNT_STD_24H = "amount_std_24h";
        public static final String AMOUNT_STD_7D = "amount_std_7d";
        public static final String AMOUNT_STD_30D = "amount_std_30d";
        public static final String KM_FROM_LAST_LOCATION = "km_from_last_location";
        public static final String SPEED_KMH_FROM_LAST = "speed_kmh_from_last";
        public static final String DISTINCT_COUNTRIES_BEFORE = "distinct_countries_before";
        public static final String NEW_COUNTRY = "new_country";
        public static final String NEW_MERCHANT = "new_merchant";
        public static final String NEW_MCC = "new_mcc";
        public static final String LOCAL_HOUR = "local_hour";
        public static final String NIGHT_TIME = "night_time";
        public static final String WEEKEND = "weekend";
        public static final String CARD_NOT_PRESENT = "card_not_present";
        public static final String MERCHANT_KNOWN = "merchant_known";
        public static final String MERCHANT_TX_COUNT_1D = "merchant_tx_count_1d";
        public static final String MERCHANT_TX_COUNT_7D = "merchant_tx_count_7d";
        public static final String MERCHANT_TX_COUNT_30D = "merchant_tx_count_30d";
        public static final String MERCHANT_FRAUD_RATE_1D = "merchant_fraud_rate_1d";
        public static final String MERCHANT_FRAUD_RATE_7D = "merchant_fraud_rate_7d";
        public static final String MERCHANT_FRAUD_RATE_30D = "merchant_fraud_rate_30d";
        public static final String CARD_COUNTRY_KNOWN = "card_country_known";
        public static final String MERCHANT_OUTSIDE_CARD_COUNTRY = "merchant_outside_card_country";
        public static final String COMMON_POINT_SCORE = "common_point_score_30d";
        public static final String COMMON_POINT_DEFRAUDED_CARDS = "common_point_defrauded_cards_30d";
        public static final String MERCHANT_FRAUD_AGE_DAYS = "merchant_fraud_age_days";
        public static final String AMOUNT_RATIO_PEAK = "amount_ratio_peak_7d";
        public static final String AMOUNT_TO_MCC_MEAN_RATIO = "amount_to_mcc_mean_ratio";
        public static final String MCC_TX_COUNT = "mcc_tx_count";

        private Names() {}
    }
}
