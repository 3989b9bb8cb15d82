package dev.vigil.features.model;

import dev.vigil.events.TreeEnsemble;
import dev.vigil.events.TreeNode;
import java.util.Arrays;
import java.util.List;

/**
 * A validated tree ensemble flattened into primitive arrays, every tree's nodes after the previous
 * tree's, so walking a tree touches no objects. For a random forest the weights are normalised to
 * add up to 1, so {@link #raw} is already the weighted average.
 *
 * <p>Laid out for speed (docs/benchmarks.md, the model steps): a split of a random tree goes either
 * way about half the time, so a walk that branches on it mispredicts at every other level. Here a
 * step is a table look-up instead ({@code children[2 n + (x > threshold)]}, the side computed
 * with no jump), leaves are their own children so every tree of a group walks the same number of
 * steps, and {@value #LANES} trees are walked side by side so that their loads overlap instead of
 * each waiting for the one before. The sum still adds tree after tree in the bundle's order, so
 * the scores are bit for bit those of the plain walk.
 */
final class Trees {

    /** Trees walked side by side; 4 measured best on the benchmark machine (2 and 8 were slower). */
    private static final int LANES = 4;

    private final int[] roots;
    private final double[] weights;
    /** Steps to walk from each tree's root: the deepest tree of its group of {@value #LANES}, its own depth after the last full group. */
    private final int[] steps;

    private final int[] feature;
    private final double[] threshold;
    /** Node n's left child at 2n, its right at 2n + 1; a leaf's are itself. */
    private final int[] children;

    private final double[] value;
    /** Node n's Saabas contribution, weight × (its value − its parent's), to its parent's split feature; 0 at roots. */
    private final double[] delta;

    private final int[] parentFeature;
    /** The most steps any tree walks. */
    private final int maxSteps;
    /** The raw score with no feature known: the weighted sum of the roots' values. */
    private final double bias;

    private Trees(
            int[] roots,
            double[] weights,
            int[] steps,
            int[] feature,
            double[] threshold,
            int[] children,
            double[] value) {
        this.roots = roots;
        this.weights = weights;
        this.steps = steps;
        this.feature = feature;
        this.threshold = threshold;
        this.children = children;
        this.value = value;
        this.maxSteps = Arrays.stream(steps).max().orElse(0);
        this.delta = new double[value.length];
        this.parentFeature = new int[value.length];
        for (int t = 0; t < roots.length; t++) {
            int end = t + 1 < roots.length ? roots[t + 1] : value.length;
            for (int node = roots[t]; node < end; node++) {
                int left = children[2 * node];
                if (left != node) {
                    for (int child : new int[] {left, children[2 * node + 1]}) {
                        // the very product a walk adds when it goes from node to child
                        delta[child] = weights[t] * (value[child] - value[node]);
                        parentFeature[child] = feature[node];
                    }
                }
            }
        }
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
        int[] depths = new int[roots.length];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        int[] children = new int[2 * nodes];
        double[] value = new double[nodes];
        int offset = 0;
        for (int t = 0; t < roots.length; t++) {
            roots[t] = offset;
            weights[t] = averageWeights ? treeWeights.get(t) / total : treeWeights.get(t);
            List<TreeNode> treeNodes = ensemble.getTrees().get(t).getNodes();
            for (int n = 0; n < treeNodes.size(); n++) {
                TreeNode node = treeNodes.get(n);
                int at = offset + n;
                boolean leaf = node.getFeature() < 0;
                // a leaf compares feature 0 with anything and stays where it is either way
                feature[at] = leaf ? 0 : node.getFeature();
                // + 0.0 turns a -0.0 threshold into 0.0 (step() needs it), any other one unchanged
                threshold[at] = leaf ? 0 : node.getThreshold() + 0.0;
                children[2 * at] = leaf ? at : offset + node.getLeft();
                children[2 * at + 1] = leaf ? at : offset + node.getRight();
                value[at] = node.getValue();
            }
            offset += treeNodes.size();
        }
        for (int t = 0; t < roots.length; t++) {
            depths[t] = depth(roots[t], children);
        }
        return new Trees(roots, weights, stepsOf(depths), feature, threshold, children, value);
    }

    private static int depth(int node, int[] children) {
        int left = children[2 * node];
        return left == node ? 0 : 1 + Math.max(depth(left, children), depth(children[2 * node + 1], children));
    }

    private static int[] stepsOf(int[] depths) {
        int[] steps = depths.clone();
        for (int t = 0; t + LANES <= depths.length; t += LANES) {
            int deepest = 0;
            for (int k = t; k < t + LANES; k++) {
                deepest = Math.max(deepest, depths[k]);
            }
            Arrays.fill(steps, t, t + LANES, deepest);
        }
        return steps;
    }

    /** Sum over trees of weight × leaf value. */
    double raw(double[] features) {
        return walk(features, null);
    }

    double bias() {
        return bias;
    }

    /**
     * Saabas contributions into {@code out}, in the same walk that scores: returns {@link #raw}
     * exactly (the same sum in the same order), so a score and its reasons take one walk.
     */
    double contributions(double[] features, double[] out) {
        Arrays.fill(out, 0);
        return walk(features, out);
    }

    /**
     * The weighted sum of the trees' leaves, tree after tree. With {@code out}, the walk also notes
     * each tree's path, then adds its contributions to each feature tree by tree, root to leaf, as a
     * plain walk adds them, so they too are bit for bit the same.
     */
    private double walk(double[] features, double[] out) {
        double[] x = comparable(features);
        int stride = maxSteps + 1;
        // lane k's path is paths[k * stride ...]; the score alone needs none (and allocates nothing)
        int[] paths = out == null ? null : new int[LANES * stride];
        double sum = 0;
        int t = 0;
        for (; t + LANES <= roots.length; t += LANES) {
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            int steps = this.steps[t];
            for (int s = 0; s < steps; s++) {
                if (paths != null) {
                    paths[s] = a;
                    paths[stride + s] = b;
                    paths[2 * stride + s] = c;
                    paths[3 * stride + s] = d;
                }
                a = step(a, x);
                b = step(b, x);
                c = step(c, x);
                d = step(d, x);
            }
            if (paths != null) {
                paths[steps] = a;
                paths[stride + steps] = b;
                paths[2 * stride + steps] = c;
                paths[3 * stride + steps] = d;
                for (int lane = 0; lane < LANES; lane++) {
                    addPath(paths, lane * stride, steps, out);
                }
            }
            sum += weights[t] * value[a];
            sum += weights[t + 1] * value[b];
            sum += weights[t + 2] * value[c];
            sum += weights[t + 3] * value[d];
        }
        for (; t < roots.length; t++) {
            int node = roots[t];
            for (int s = 0; s < steps[t]; s++) {
                if (paths != null) {
                    paths[s] = node;
                }
                node = step(node, x);
            }
            if (paths != null) {
                paths[steps[t]] = node;
                addPath(paths, 0, steps[t], out);
            }
            sum += weights[t] * value[node];
        }
        return sum;
    }

    /** Adds to {@code out} the contributions of one tree's path, its nodes from {@code from}. */
    private void addPath(int[] paths, int from, int steps, double[] out) {
        int node = paths[from];
        for (int s = 1; s <= steps; s++) {
            int next = paths[from + s];
            if (next == node) {
                // a leaf above the group's depth: the rest of the path stays on it
                break;
            }
            out[parentFeature[next]] += delta[next];
            node = next;
        }
    }

    /**
     * One level down: left when {@code x <= threshold}, as Spark's split does. The side is the sign
     * bit of {@code threshold - x}, which is exact (a rounded difference keeps the exact one's sign)
     * except for its zero: {@code -0.0 - 0.0} is {@code -0.0}, hence no {@code -0.0} threshold
     * ({@link #flatten} stores {@code 0.0}, equal in every comparison), and for NaN, which
     * {@link #comparable} replaces. Arithmetic rather than a comparison, so that no jump depends on it.
     */
    private int step(int node, double[] x) {
        return children[2 * node + (int) (Double.doubleToRawLongBits(threshold[node] - x[feature[node]]) >>> 63)];
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
}
