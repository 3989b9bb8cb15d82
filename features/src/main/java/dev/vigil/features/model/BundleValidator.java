package dev.vigil.features.model;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.events.TreeEnsemble;
import dev.vigil.events.TreeNode;
import dev.vigil.features.FeatureSchema;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Everything a bundle must satisfy before it scores: the features it was trained on are exactly the
 * ones computed here, arrays have the lengths they claim, and every tree is a tree (children in
 * range, each node reached once from the root, no unreachable split because of thresholds that
 * contradict the path).
 */
final class BundleValidator {

    private BundleValidator() {}

    static void validate(ModelBundle bundle, FeatureSchema schema) {
        String version = String.valueOf(bundle.getModelVersion());
        if (!schema.id().equals(bundle.getFeatureSchema())) {
            throw new InvalidModelException(
                    version,
                    "trained on feature schema " + bundle.getFeatureSchema() + " but the features computed here are "
                            + schema.id());
        }
        if (!schema.names().equals(bundle.getFeatureNames())) {
            throw new InvalidModelException(
                    version,
                    "feature names " + bundle.getFeatureNames() + " differ from " + schema.id() + " " + schema.names());
        }
        double review = bundle.getReviewThreshold();
        double decline = bundle.getDeclineThreshold();
        require(
                version,
                review >= 0 && review <= decline && decline <= 1,
                "thresholds must satisfy 0 <= review <= decline <= 1, got review " + review + ", decline " + decline);
        ModelType type = bundle.getModelType();
        int n = schema.size();
        switch (type) {
            case LOGISTIC_REGRESSION -> {
                var logistic = bundle.getLogistic();
                require(version, logistic != null, "LOGISTIC_REGRESSION without logistic parameters");
                require(version, Double.isFinite(logistic.getIntercept()), "intercept is not finite");
                requireFinite(version, "coefficients", logistic.getCoefficients(), n);
                requireFinite(version, "means", logistic.getMeans(), n);
                requireFinite(version, "scales", logistic.getScales(), n);
                for (int i = 0; i < n; i++) {
                    require(
                            version,
                            logistic.getScales().get(i) >= 0,
                            "scale of " + schema.names().get(i) + " is negative");
                }
            }
            case GRADIENT_BOOSTED_TREES, RANDOM_FOREST -> validateEnsemble(version, type, bundle.getEnsemble(), n);
            default -> throw new InvalidModelException(version, "unsupported model type " + type);
        }
    }

    private static void validateEnsemble(String version, ModelType type, TreeEnsemble ensemble, int n) {
        require(version, ensemble != null, type + " without an ensemble");
        int count = ensemble.getTrees().size();
        require(version, count > 0, "ensemble has no trees");
        requireFinite(version, "weights", ensemble.getWeights(), count);
        if (type == ModelType.RANDOM_FOREST) {
            double total = 0;
            for (double weight : ensemble.getWeights()) {
                require(version, weight >= 0, "random forest weights must not be negative");
                total += weight;
            }
            require(version, total > 0, "random forest weights add up to 0");
        }
        for (int t = 0; t < count; t++) {
            validateTree(version, "tree " + t, ensemble.getTrees().get(t).getNodes(), n);
        }
    }

    /** Walks the tree from the root keeping each feature's open interval (low, high] on the path. */
    private static void validateTree(String version, String tree, List<TreeNode> nodes, int n) {
        int size = nodes.size();
        require(version, size > 0, tree + " has no nodes");
        boolean[] seen = new boolean[size];
        Deque<Visit> pending = new ArrayDeque<>();
        double[] low = new double[n];
        double[] high = new double[n];
        Arrays.fill(low, Double.NEGATIVE_INFINITY);
        Arrays.fill(high, Double.POSITIVE_INFINITY);
        pending.push(new Visit(0, low, high));
        int reached = 0;
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            int index = visit.node();
            require(version, !seen[index], tree + " reaches node " + index + " twice (a cycle or a shared node)");
            seen[index] = true;
            reached++;
            TreeNode node = nodes.get(index);
            String where = tree + " node " + index;
            require(version, Double.isFinite(node.getValue()), where + " has a value that is not finite");
            int feature = node.getFeature();
            if (feature == -1) {
                continue;
            }
            require(
                    version,
                    feature >= 0 && feature < n,
                    where + " splits on feature " + feature + ", outside [0, " + n + ")");
            double threshold = node.getThreshold();
            require(version, Double.isFinite(threshold), where + " has a threshold that is not finite");
            require(
                    version,
                    threshold > visit.low()[feature] && threshold < visit.high()[feature],
                    where + " threshold " + threshold + " is outside (" + visit.low()[feature] + ", "
                            + visit.high()[feature] + ") set by its ancestors, so one branch is unreachable");
            requireChild(version, where, "left", node.getLeft(), size);
            requireChild(version, where, "right", node.getRight(), size);
            double[] leftHigh = visit.high().clone();
            leftHigh[feature] = threshold;
            double[] rightLow = visit.low().clone();
            rightLow[feature] = threshold;
            pending.push(new Visit(node.getRight(), rightLow, visit.high()));
            pending.push(new Visit(node.getLeft(), visit.low(), leftHigh));
        }
        require(version, reached == size, tree + " has " + (size - reached) + " nodes unreachable from the root");
    }

    private static void requireChild(String version, String where, String side, int child, int size) {
        require(
                version,
                child > 0 && child < size,
                where + " " + side + " child " + child + " is outside (0, " + size + ")");
    }

    private static void requireFinite(String version, String name, List<Double> values, int length) {
        require(
                version,
                values != null && values.size() == length,
                name + " has " + (values == null ? 0 : values.size()) + " entries, expected " + length);
        for (int i = 0; i < length; i++) {
            require(version, Double.isFinite(values.get(i)), name + "[" + i + "] is not finite");
        }
    }

    private static void require(String version, boolean condition, String problem) {
        if (!condition) {
            throw new InvalidModelException(version, problem);
        }
    }

    private record Visit(int node, double[] low, double[] high) {}
}
