package dev.vigil.features.model;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.events.Tree;
import dev.vigil.events.TreeNode;

/** The bundle's documented formulas, written the obvious way over the Avro objects, to check the evaluator. */
final class ReferenceModel {

    private ReferenceModel() {
    }

    static double score(ModelBundle bundle, double[] x) {
        double raw = raw(bundle, x);
        return switch (bundle.getModelType()) {
            case LOGISTIC_REGRESSION -> 1 / (1 + Math.exp(-raw));
            case GRADIENT_BOOSTED_TREES -> 1 / (1 + Math.exp(-2 * raw));
            default -> raw;
        };
    }

    /** Log-odds for logistic regression, the margin for boosted trees, the probability for a forest. */
    static double raw(ModelBundle bundle, double[] x) {
        if (bundle.getModelType() == ModelType.LOGISTIC_REGRESSION) {
            var lr = bundle.getLogistic();
            double z = lr.getIntercept();
            for (int i = 0; i < x.length; i++) {
                double scale = lr.getScales().get(i);
                if (scale != 0) {
                    z += lr.getCoefficients().get(i) * (x[i] - lr.getMeans().get(i)) / scale;
                }
            }
            return z;
        }
        var ensemble = bundle.getEnsemble();
        double sum = 0;
        double weights = 0;
        for (int t = 0; t < ensemble.getTrees().size(); t++) {
            sum += ensemble.getWeights().get(t) * leaf(ensemble.getTrees().get(t), 0, x);
            weights += ensemble.getWeights().get(t);
        }
        return bundle.getModelType() == ModelType.GRADIENT_BOOSTED_TREES ? sum : sum / weights;
    }

    private static double leaf(Tree tree, int index, double[] x) {
        TreeNode node = tree.getNodes().get(index);
        if (node.getFeature() == -1) {
            return node.getValue();
        }
        return leaf(tree, x[node.getFeature()] <= node.getThreshold() ? node.getLeft() : node.getRight(), x);
    }
}
