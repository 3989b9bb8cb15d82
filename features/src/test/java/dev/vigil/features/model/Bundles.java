package dev.vigil.features.model;

import dev.vigil.events.LogisticModel;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.events.Tree;
import dev.vigil.events.TreeEnsemble;
import dev.vigil.events.TreeNode;
import dev.vigil.features.FeatureSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Model bundles for tests and benchmarks, hand-built and random; the scorer's tests use them too,
 * through this module's test jar.
 */
public final class Bundles {

    public static final Instant TRAINED_AT = Instant.parse("2026-11-23T04:00:00Z");

    private Bundles() {}

    public static ModelBundle.Builder base(FeatureSchema schema, String version, ModelType type) {
        return ModelBundle.newBuilder()
                .setBankId("*")
                .setModelVersion(version)
                .setFeatureSchema(schema.id())
                .setFeatureNames(new ArrayList<>(schema.names()))
                .setModelType(type)
                .setReviewThreshold(0.5)
                .setDeclineThreshold(0.9)
                .setTrainedAt(TRAINED_AT)
                .setTrainFromTime(TRAINED_AT.minusSeconds(86_400 * 30))
                .setTrainToTime(TRAINED_AT.minusSeconds(86_400 * 7))
                .setTestFromTime(TRAINED_AT.minusSeconds(86_400 * 7))
                .setTestToTime(TRAINED_AT)
                .setMetrics(Map.of("auc_roc", 0.9));
    }

    public static ModelBundle logistic(
            FeatureSchema schema,
            String version,
            double intercept,
            double[] coefficients,
            double[] means,
            double[] scales) {
        return base(schema, version, ModelType.LOGISTIC_REGRESSION)
                .setLogistic(new LogisticModel(intercept, list(coefficients), list(means), list(scales)))
                .build();
    }

    public static ModelBundle ensemble(
            FeatureSchema schema, String version, ModelType type, double[] weights, List<List<TreeNode>> trees) {
        List<Tree> built = new ArrayList<>();
        for (List<TreeNode> nodes : trees) {
            built.add(new Tree(new ArrayList<>(nodes)));
        }
        return base(schema, version, type)
                .setEnsemble(new TreeEnsemble(list(weights), built))
                .build();
    }

    public static TreeNode split(int feature, double threshold, int left, int right, double value) {
        return new TreeNode(feature, threshold, left, right, value);
    }

    public static TreeNode leaf(double value) {
        return new TreeNode(-1, 0.0, -1, -1, value);
    }

    /** A full random tree of the given depth; thresholds in (0, 1), narrowing along each path. */
    public static List<TreeNode> randomTree(Random random, int features, int depth, boolean probabilities) {
        List<TreeNode> nodes = new ArrayList<>();
        grow(random, nodes, features, depth, probabilities, 0, new double[features], ones(features));
        return nodes;
    }

    /** A random tree whose branches stop early (a leaf with probability {@code stop} at each level), at most {@code depth} deep. */
    public static List<TreeNode> randomUnevenTree(Random random, int features, int depth, double stop) {
        List<TreeNode> nodes = new ArrayList<>();
        grow(random, nodes, features, depth, false, stop, new double[features], ones(features));
        return nodes;
    }

    private static int grow(
            Random random,
            List<TreeNode> nodes,
            int features,
            int depth,
            boolean probabilities,
            double stop,
            double[] low,
            double[] high) {
        int index = nodes.size();
        double value = probabilities ? random.nextDouble() : random.nextGaussian();
        if (depth == 0 || random.nextDouble() < stop) {
            nodes.add(leaf(value));
            return index;
        }
        int feature = random.nextInt(features);
        double threshold = low[feature] + (high[feature] - low[feature]) * (0.1 + 0.8 * random.nextDouble());
        nodes.add(null);
        double[] leftHigh = high.clone();
        leftHigh[feature] = threshold;
        int left = grow(random, nodes, features, depth - 1, probabilities, stop, low, leftHigh);
        double[] rightLow = low.clone();
        rightLow[feature] = threshold;
        int right = grow(random, nodes, features, depth - 1, probabilities, stop, rightLow, high);
        nodes.set(index, split(feature, threshold, left, right, value));
        return index;
    }

    public static ModelBundle randomEnsemble(
            Random random, FeatureSchema schema, ModelType type, int trees, int depth) {
        List<List<TreeNode>> built = new ArrayList<>();
        double[] weights = new double[trees];
        for (int t = 0; t < trees; t++) {
            built.add(randomTree(random, schema.size(), depth, type == ModelType.RANDOM_FOREST));
            weights[t] = type == ModelType.RANDOM_FOREST ? 1 : 0.1 + random.nextDouble();
        }
        return ensemble(schema, type + "-random", type, weights, built);
    }

    public static ModelBundle randomLogistic(Random random, FeatureSchema schema) {
        int n = schema.size();
        double[] coefficients = new double[n];
        double[] means = new double[n];
        double[] scales = new double[n];
        for (int i = 0; i < n; i++) {
            coefficients[i] = random.nextGaussian();
            means[i] = random.nextDouble();
            scales[i] = i % 5 == 4 ? 0 : 0.1 + random.nextDouble();
        }
        return logistic(schema, "lr-random", random.nextGaussian(), coefficients, means, scales);
    }

    public static double[] randomVector(Random random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble();
        }
        return x;
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }

    public static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double value : values) {
            list.add(value);
        }
        return list;
    }
}
