package dev.vigil.trainer.training;

import dev.vigil.events.LogisticModel;
import dev.vigil.events.Tree;
import dev.vigil.events.TreeEnsemble;
import dev.vigil.events.TreeNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;

/**
 * MLlib models to the portable {@code ModelBundle} parts the scorer evaluates in plain Java. Trees
 * are walked from MLlib's node API into flat arrays (root at 0, pre-order), keeping every node's
 * value, internal ones included.
 */
final class ModelExport {

    private ModelExport() {}

    /** Logistic regression on standardised features: the scaler's means and scales travel with it. */
    static LogisticModel logistic(StandardScalerModel scaler, LogisticRegressionModel lr) {
        return LogisticModel.newBuilder()
                .setIntercept(lr.intercept())
                .setCoefficients(boxed(lr.coefficients().toArray()))
                .setMeans(boxed(scaler.getWithMean() ? scaler.mean().toArray() : new double[lr.numFeatures()]))
                .setScales(boxed(scaler.std().toArray()))
                .build();
    }

    /** Random forest: each leaf holds the (weighted) fraud share of its training rows. */
    static TreeEnsemble randomForest(RandomForestClassificationModel forest) {
        List<Tree> trees = new ArrayList<>();
        for (DecisionTreeClassificationModel tree : forest.trees()) {
            trees.add(flatten(tree.rootNode(), true));
        }
        return new TreeEnsemble(boxed(forest.treeWeights()), trees);
    }

    /** Gradient-boosted trees: regression trees whose weighted leaf values sum to the margin. */
    static TreeEnsemble gradientBoosted(GBTClassificationModel gbt) {
        List<Tree> trees = new ArrayList<>();
        for (DecisionTreeRegressionModel tree : gbt.trees()) {
            trees.add(flatten(tree.rootNode(), false));
        }
        return new TreeEnsemble(boxed(gbt.treeWeights()), trees);
    }

    private static Tree flatten(Node root, boolean fraudShare) {
        List<TreeNode> nodes = new ArrayList<>();
        add(root, nodes, fraudShare);
        return new Tree(nodes);
    }

    private static int add(Node node, List<TreeNode> nodes, boolean fraudShare) {
        int index = nodes.size();
        nodes.add(null);
        double value = fraudShare ? fraudShare(node) : node.prediction();
        if (node instanceof InternalNode internal) {
            if (!(internal.split() instanceof ContinuousSplit split)) {
                throw new IllegalStateException(
                        "only continuous splits are exported; features have no categorical metadata");
            }
            int left = add(internal.leftChild(), nodes, fraudShare);
            int right = add(internal.rightChild(), nodes, fraudShare);
            nodes.set(index, new TreeNode(split.featureIndex(), split.threshold(), left, right, value));
        } else {
            nodes.set(index, new TreeNode(-1, 0.0, -1, -1, value));
        }
        return index;
    }

    /** What MLlib's forest averages: the class-1 share of the node's (weighted) training counts. */
    private static double fraudShare(Node node) {
        double[] counts = node.impurityStats().stats();
        double total = Arrays.stream(counts).sum();
        return total == 0 || counts.length < 2 ? 0.0 : counts[1] / total;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
