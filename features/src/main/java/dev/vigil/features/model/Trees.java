package dev.vigil.features.model;

import dev.vigil.events.TreeEnsemble;
import dev.vigil.events.TreeNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A validated tree ensemble flattened into primitive arrays, every tree's nodes after the previous
 * tree's, so walking a tree touches no objects. For a random forest the weights are normalised to
 * add up to 1, so {@link #raw} is already the weighted average.
 *
 * <p>Laid out for speed (docs/benchmarks.md, the model steps). A split of a trained tree goes either
 * way about half the time, so a walk that branches on it mispredicts at every other level: here a
 * step is arithmetic instead (the side is the sign bit of {@code threshold − x}, the next node the
 * first child plus the side), with each tree's nodes breadth first so that a node's children are
 * side by side. All trees are walked a level at a time, so the steps of one level do not wait for
 * each other; a leaf is its own next node, so an uneven tree can take the steps of its deepest
 * branch. Each tree then adds its leaf, and for reasons its path's contributions, worked out when
 * the model is loaded, tree after tree in the bundle's order: the scores and contributions are bit
 * for bit those of a plain walk.
 */
final class Trees {

    /**
     * Per node: bit 63 set on a split, its first child (the left; the right is next) in bits 32-62,
     * its feature below; a leaf has no split bit and is its own first child.
     */
    private final long[] node;

    private final double[] threshold;
    /** Per node: the tree's weight × the node's value, what a leaf adds to the raw score. */
    private final double[] leafValue;

    /** The trees' roots, deepest tree first: the order of the walk. */
    private final int[] start;
    /** Per tree of the bundle, its place in the walk. */
    private final int[] place;
    /** Per level, how many trees (deepest first) are still that deep. */
    private final int[] walking;

    /** A leaf's path, root to leaf, is entries pathStart[leaf] to pathStart[leaf + 1] (none for a split). */
    private final int[] pathStart;
    /** Per entry, the feature of a split on a path. */
    private final int[] pathFeature;
    /** Per entry, its Saabas contribution: weight × (the child's value − the split's). */
    private final double[] pathDelta;

    /** The raw score with no feature known: the weighted sum of the roots' values. */
    private final double bias;

    private Trees(List<FlatTree> trees) {
        int nodes = trees.stream().mapToInt(tree -> tree.value.length).sum();
        this.node = new long[nodes];
        this.threshold = new double[nodes];
        this.leafValue = new double[nodes];
        this.pathStart = new int[nodes + 1];
        int[] roots = new int[trees.size()];
        List<Integer> features = new ArrayList<>();
        List<Double> deltas = new ArrayList<>();
        double rootsValue = 0;
        int offset = 0;
        for (int t = 0; t < trees.size(); t++) {
            FlatTree tree = trees.get(t);
            roots[t] = offset;
            rootsValue += tree.weight * tree.value[0];
            for (int n = 0; n < tree.value.length; n++) {
                int at = offset + n;
                boolean split = tree.left[n] > 0;
                // a leaf is its own first child, with no split bit to move it to the second
                node[at] = split
                        ? Long.MIN_VALUE | (long) (offset + tree.left[n]) << 32 | tree.feature[n]
                        : (long) at << 32;
                threshold[at] = tree.threshold[n];
                leafValue[at] = tree.weight * tree.value[n];
                pathStart[at] = features.size();
                if (!split) {
                    tree.addPath(n, features, deltas);
                }
            }
            offset += tree.value.length;
        }
        pathStart[nodes] = features.size();
        this.pathFeature = features.stream().mapToInt(Integer::intValue).toArray();
        this.pathDelta = deltas.stream().mapToDouble(Double::doubleValue).toArray();
        this.bias = rootsValue;

        int[] depths = trees.stream().mapToInt(FlatTree::depth).toArray();
        Integer[] deepestFirst = IntStream.range(0, trees.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(deepestFirst, Comparator.comparingInt(t -> -depths[t]));
        this.start = new int[roots.length];
        this.place = new int[roots.length];
        this.walking = new int[Arrays.stream(depths).max().orElse(0)];
        for (int k = 0; k < deepestFirst.length; k++) {
            int t = deepestFirst[k];
            start[k] = roots[t];
            place[t] = k;
            for (int level = 0; level < depths[t]; level++) {
                walking[level]++;
            }
        }
    }

    static Trees flatten(TreeEnsemble ensemble, boolean averageWeights) {
        double total = 0;
        for (double weight : ensemble.getWeights()) {
            total += weight;
        }
        List<FlatTree> trees = new ArrayList<>();
        for (int t = 0; t < ensemble.getTrees().size(); t++) {
            double weight = ensemble.getWeights().get(t);
            trees.add(FlatTree.of(ensemble.getTrees().get(t).getNodes(), averageWeights ? weight / total : weight));
        }
        return new Trees(trees);
    }

    /** Sum over trees of weight × leaf value. */
    double raw(double[] features) {
        int[] leaves = leaves(features);
        double sum = 0;
        for (int t = 0; t < place.length; t++) {
            sum += leafValue[leaves[place[t]]];
        }
        return sum;
    }

    double bias() {
        return bias;
    }

    /**
     * Saabas contributions into {@code out}, from the same walk that scores: returns {@link #raw}
     * exactly (the same sum in the same order), so a score and its reasons take one walk. Each
     * feature's contributions are added tree after tree, root to leaf, as a plain walk adds them,
     * so they too are bit for bit the same.
     */
    double contributions(double[] features, double[] out) {
        Arrays.fill(out, 0);
        int[] leaves = leaves(features);
        double sum = 0;
        for (int t = 0; t < place.length; t++) {
            int leaf = leaves[place[t]];
            for (int e = pathStart[leaf]; e < pathStart[leaf + 1]; e++) {
                out[pathFeature[e]] += pathDelta[e];
            }
            sum += leafValue[leaf];
        }
        return sum;
    }

    /**
     * Each tree's leaf, in the order of the walk. One level down is left when {@code x <= threshold},
     * as Spark's split does: the side is the sign bit of {@code threshold - x}, which is exact (a
     * rounded difference keeps the exact one's sign) except for its zero: {@code -0.0 - 0.0} is
     * {@code -0.0}, hence no {@code -0.0} threshold ({@link FlatTree#of} stores {@code 0.0}, equal in
     * every comparison), and for NaN, which {@link #comparable} replaces. A leaf's node has no split
     * bit, which masks the side to 0, and is its own first child: it stays.
     */
    private int[] leaves(double[] features) {
        double[] x = comparable(features);
        int[] at = start.clone();
        for (int trees : walking) {
            for (int k = 0; k < trees; k++) {
                int n = at[k];
                long split = node[n];
                long side = Double.doubleToRawLongBits(threshold[n] - x[(int) split]) & split;
                at[k] = ((int) (split >>> 32) & Integer.MAX_VALUE) + (int) (side >>> 63);
            }
        }
        return at;
    }

    /**
     * {@code x}, or a copy with each NaN replaced by +∞: a NaN feature goes right at every split, as
     * +∞ does below a finite threshold (every threshold is finite, {@link BundleValidator}).
     */
    private static double[] comparable(double[] x) {
        for (double v : x) {
            if (v != v) {
                double[] copy = x.clone();
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = Double.isNaN(copy[i]) ? Double.POSITIVE_INFINITY : copy[i];
                }
                return copy;
            }
        }
        return x;
    }

    /** One tree, its nodes breadth first (a split's children side by side), indices local to it. */
    private record FlatTree(
            double weight, int[] feature, double[] threshold, int[] left, int[] parent, double[] value) {

        static FlatTree of(List<TreeNode> nodes, double weight) {
            int size = nodes.size();
            int[] order = new int[size];
            int[] place = new int[size];
            int placed = 1;
            for (int k = 0; k < placed; k++) {
                TreeNode split = nodes.get(order[k]);
                if (split.getFeature() >= 0) {
                    for (int child : new int[] {split.getLeft(), split.getRight()}) {
                        place[child] = placed;
                        order[placed++] = child;
                    }
                }
            }
            int[] feature = new int[size];
            double[] threshold = new double[size];
            int[] left = new int[size];
            int[] parent = new int[size];
            double[] value = new double[size];
            parent[0] = -1;
            for (int k = 0; k < size; k++) {
                TreeNode n = nodes.get(order[k]);
                value[k] = n.getValue();
                if (n.getFeature() >= 0) {
                    feature[k] = n.getFeature();
                    // + 0.0 turns a -0.0 threshold into 0.0 (leaves() needs it), any other one unchanged
                    threshold[k] = n.getThreshold() + 0.0;
                    left[k] = place[n.getLeft()];
                    parent[left[k]] = k;
                    parent[left[k] + 1] = k;
                }
            }
            return new FlatTree(weight, feature, threshold, left, parent, value);
        }

        int depth() {
            // breadth first: a node's depth is its parent's plus one, and the last node is among the deepest
            int[] depth = new int[value.length];
            for (int n = 1; n < value.length; n++) {
                depth[n] = depth[parent[n]] + 1;
            }
            return depth[value.length - 1];
        }

        /** Appends the path of {@code leaf}, root to leaf: per split its feature and the very product a walk adds. */
        void addPath(int leaf, List<Integer> features, List<Double> deltas) {
            int from = features.size();
            for (int child = leaf; parent[child] >= 0; child = parent[child]) {
                int split = parent[child];
                features.add(from, feature[split]);
                deltas.add(from, weight * (value[child] - value[split]));
            }
        }
    }
}
