package dev.vigil.features.model;

import dev.vigil.events.TreeEnsemble;
import dev.vigil.events.TreeNode;
import java.util.List;

/**
 * A validated tree ensemble flattened into primitive arrays, every tree's nodes after the previous
 * tree's, so walking a tree touches no objects. For a random forest the weights are normalised to
 * add up to 1, so {@link #raw} is already the weighted average.
 */
final class Trees {

    private final int[] roots;
    private final double[] weights;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    /** The raw score with no feature known: the weighted sum of the roots' values. */
    private final double bias;

    private Trees(int[] roots, double[] weights, int[] feature, double[] threshold, int[] left, int[] right,
            double[] value) {
        this.roots = roots;
        this.weights = weights;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
        double rootsValue = 0;
        for (int t = 0; t < roots.length; t++) {
            rootsValue += weights[t] * value[roots[t]];
        }
        this.bias = rootsValue;
    }

    static Trees flatten(TreeEnsemble ensemble, boolean averageWeights) {
        List<Double> treeWeights = ensemble.getWeights();
        double total = 0;
        for (double weight : treeWeights) {
            total += weight;
        }
        int nodes = 0;
        for (var tree : ensemble.getTrees()) {
            nodes += tree.getNodes().size();
        }
        int[] roots = new int[ensemble.getTrees().size()];
        double[] weights = new double[roots.length];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        double[] value = new double[nodes];
        int offset = 0;
        for (int t = 0; t < roots.length; t++) {
            roots[t] = offset;
            weights[t] = averageWeights ? treeWeights.get(t) / total : treeWeights.get(t);
            List<TreeNode> treeNodes = ensemble.getTrees().get(t).getNodes();
            for (int n = 0; n < treeNodes.size(); n++) {
                TreeNode node = treeNodes.get(n);
                int at = offset + n;
                feature[at] = node.getFeature();
                threshold[at] = node.getThreshold();
                left[at] = node.getFeature() < 0 ? -1 : offset + node.getLeft();
                right[at] = node.getFeature() < 0 ? -1 : offset + node.getRight();
                value[at] = node.getValue();
            }
            offset += treeNodes.size();
        }
        return new Trees(roots, weights, feature, threshold, left, right, value);
    }

    /** Sum over trees of weight × leaf value. */
    double raw(double[] x) {
        double sum = 0;
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            while (feature[node] >= 0) {
                node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            sum += weights[t] * value[node];
        }
        return sum;
    }

    double bias() {
        return bias;
    }

    /**
     * Saabas contributions into {@code out}, in the same walk that scores: returns {@link #raw}
     * exactly (the same sum in the same order), so a score and its reasons take one walk.
     */
    double contributions(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0);
        double sum = 0;
        for (int t = 0; t < roots.length; t++) {
            double weight = weights[t];
            int node = roots[t];
            while (feature[node] >= 0) {
                int next = x[feature[node]] <= threshold[node] ? left[node] : right[node];
                out[feature[node]] += weight * (value[next] - value[node]);
                node = next;
            }
            sum += weight * value[node];
        }
        return sum;
    }
}
