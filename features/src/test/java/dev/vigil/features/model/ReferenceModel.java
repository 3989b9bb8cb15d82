package dev.vigil.features.model;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.events.Tree;
import dev.vigil.events.TreeNode;

/** The bundle's documented formulas, written the obvious way over the Avro objects, to check the evaluator. */
final class ReferenceModel {

    private ReferenceModel() {}

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

    /**
     * Saabas contributions of a tree ensemble into {@code out}, the obvious way: tree by tree, root
     * to leaf, each split adding weight × (child value − node value) to its feature (a forest's
     * weights normalised to add up to 1). Returns the raw score, a forest's summed with those weights.
     */
    static double contributions(ModelBundle bundle, double[] x, double[] out) {
        java.util.Arrays.fill(out, 0);
        var ensemble = bundle.getEnsemble();
        double total = 0;
        for (double w : ensemble.getWeights()) {
            total += w;
        }
        double sum = 0;
        for (int t = 0; t < ensemble.getTrees().size(); t++) {
            double weight = bundle.getModelType() == ModelType.RANDOM_FOREST
                    ? ensemble.getWeights().get(t) / total
                    : ensemble.getWeights().get(t);
            var nodes = ensemble.getTrees().get(t).getNodes();
            TreeNode node = nodes.get(0);
            while (node.getFeature() != -1) {
                TreeNode next =
                        nodes.get(x[node.getFeature()] <= node.getThreshold() ? node.getLeft() : node.getRight());
                out[node.getFeature()] += weight * (next.getValue() - node.getValue());
                node = next;
            }
            sum += weight * node.getValue();
        }
        return sum;
    }

    private static double leaf(Tree tree, int index, double[] x) {
        TreeNode node = tree.getNodes().get(index);
        if (node.getFeature() == -1) {
            return node.getValue();
        }
        return leaf(tree, x[node.getFeature()] <= node.getThreshold() ? node.getLeft() : node.getRight(), x);
    }
}
