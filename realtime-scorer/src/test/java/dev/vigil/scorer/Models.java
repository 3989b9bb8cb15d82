package dev.vigil.scorer;

import dev.vigil.events.LogisticModel;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.model.Bundles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;

/** Model bundles for topology tests: logistic models whose score is known without the features. */
final class Models {

    private Models() {}

    /** A model that ignores the features and scores every transaction {@code sigmoid(logOdds)}. */
    static ModelBundle constant(String scope, String version, double logOdds) {
        int n = FeatureSchema.CURRENT.size();
        return Bundles.base(FeatureSchema.CURRENT, version, ModelType.LOGISTIC_REGRESSION)
                .setBankId(scope)
                .setLogistic(new LogisticModel(
                        logOdds,
                        Bundles.list(new double[n]),
                        Bundles.list(new double[n]),
                        new ArrayList<>(Collections.nCopies(n, 1.0))))
                .setMetrics(Map.of())
                .build();
    }

    static double sigmoid(double logOdds) {
        return 1 / (1 + Math.exp(-logOdds));
    }
}
