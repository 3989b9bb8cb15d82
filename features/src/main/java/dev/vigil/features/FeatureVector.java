package dev.vigil.features;

import java.util.Arrays;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The numbers a scorer sees for one transaction, in the order of its {@link FeatureSchema}.
 * Immutable: the values are copied in and out.
 */
public final class FeatureVector {

    private final FeatureSchema schema;
    private final double[] values;

    public FeatureVector(FeatureSchema schema, double[] values) {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (values.length != schema.size()) {
            throw new IllegalArgumentException(
                    schema.id() + " has " + schema.size() + " features, got " + values.length + " values");
        }
        this.values = values.clone();
    }

    public FeatureSchema schema() {
        return schema;
    }

    public double get(String feature) {
        return values[schema.indexOf(feature)];
    }

    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureVector that && schema.equals(that.schema) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", schema.id() + "{", "}");
        for (int i = 0; i < values.length; i++) {
            text.add(schema.names().get(i) + "=" + values[i]);
        }
        return text.toString();
    }
}
