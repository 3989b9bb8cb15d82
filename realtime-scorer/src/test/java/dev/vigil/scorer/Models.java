package dev.vigil.scorer;

import dev.vigil.events.LogisticModel;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.features.FeatureSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Model bundles for topology tests: logistic models whose score is known without the features. */
final class Models {

    static final Instant TRAINED_AT = Instant.parse("2026-11-21T04:00:00Z");

    private Models() {
    }

    /** A model that ignores the features and scores every transaction {@code sigmoid(logOdds)}. */
    static ModelBundle constant(String scope, String version, double logOdds) {
        int n = FeatureSchema.CURRENT.size();
        return ModelBundle.newBuilder()
                .setBankId(scope)
                .setModelVersion(version)
                .setFeatureSchema(FeatureSchema.CURRENT.id())
                .setFeatureNames(new ArrayList<>(FeatureSchema.CURRENT.names()))
                .setModelType(ModelType.LOGISTIC_REGRESSION)
                .setLogistic(new LogisticModel(logOdds, filled(n, 0.0), filled(n, 0.0), filled(n, 1.0)))
                .setReviewThreshold(0.5)
                .setDeclineThreshold(0.9)
                .setTrainedAt(TRAINED_AT)
                .setTrainFromTime(TRAINED_AT.minusSeconds(86_400 * 30))
                .setTrainToTime(TRAINED_AT.minusSeconds(86_400 * 7))
                .setTestFromTime(TRAINED_AT.minusSeconds(86_400 * 7))
                .setTestToTime(TRAINED_AT)
                .setMetrics(Map.of())
                .build();
    }

    static double sigmoid(double logOdds) {
        return 1 / (1 + Math.exp(-logOdds));
    }

    private static List<Double> filled(int n, double value) {
        return new ArrayList<>(Collections.nCopies(n, value));
    }
}
