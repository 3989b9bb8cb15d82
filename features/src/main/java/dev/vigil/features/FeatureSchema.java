package dev.vigil.features;

import java.util.List;
import java.util.Objects;

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

    /** The card features of {@link CardFeatures}, first version. */
    public static final FeatureSchema CARD_V1 = new FeatureSchema("card", 1, List.of(
            Names.AMOUNT_MINOR,
            Names.PRIOR_COUNT,
            Names.AMOUNT_MEAN,
            Names.AMOUNT_STD,
            Names.AMOUNT_TO_MEAN_RATIO,
            Names.AMOUNT_Z_SCORE,
            Names.SECONDS_SINCE_LAST,
            Names.TX_COUNT_10M,
            Names.TX_COUNT_1H,
            Names.DISTINCT_COUNTRIES_BEFORE,
            Names.NEW_COUNTRY,
            Names.CARD_NOT_PRESENT,
            Names.KM_FROM_LAST_LOCATION));

    public FeatureSchema {
        Objects.requireNonNull(name, "name");
        names = List.copyOf(names);
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("feature names must be unique in " + name + " v" + version);
        }
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

    /** The feature names of {@link #CARD_V1}; what each one means is documented where it is computed. */
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
        public static final String DISTINCT_COUNTRIES_BEFORE = "distinct_countries_before";
        public static final String NEW_COUNTRY = "new_country";
        public static final String CARD_NOT_PRESENT = "card_not_present";
        public static final String KM_FROM_LAST_LOCATION = "km_from_last_location";

        private Names() {
        }
    }
}
