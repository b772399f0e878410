package org.emulens.engine.trees;

import java.util.Arrays;
import org.emulens.engine.InvalidModelException;

/**
 * An immutable ensemble of regression trees in one flat node array, the layout the CPU backend and the
 * kernels walk: node {@code i} has a mode, a feature, a threshold, a true child and a false child (both
 * indices into the same arrays) and a flag saying where a missing value goes. A leaf holds a run of
 * target weights, {@code [leafFirst(i), leafFirst(i) + leafCount(i))} in {@link #weightTargets()} and
 * {@link #weightValues()}. Tree {@code t} starts at node {@link #roots()}{@code [t]}.
 *
 * <p>A row's output {@code j} is, as ONNX-ML TreeEnsembleRegressor defines it with post-transform NONE,
 * <pre>
 *   s_j = sum over trees of the weights for target j at the leaf the row reaches
 *   y_j = s_j + base_j                (aggregate SUM)
 *   y_j = s_j / trees + base_j        (aggregate AVERAGE)
 * </pre>
 * summed in float in tree order, so that every backend gets the same bits.
 */
public final class TreeEnsemble {
    /**
     * Emulator metadata key prefix of the fitting library's feature importances, when the ONNX file carries
     * them ({@code importance.impurity}, {@code importance.gain}): comma-separated, one per input.
     */
    public static final String IMPORTANCE_METADATA_PREFIX = "importance.";

    /** ONNX-ML aggregate functions that the engine evaluates. */
    public enum Aggregate {
        SUM, AVERAGE
    }

    private final int inputs;
    private final int targets;
    private final int[] roots;
    private final NodeMode[] modes;
    private final int[] features;
    private final float[] thresholds;
    private final int[] trueChildren;
    private final int[] falseChildren;
    private final boolean[] missingTracksTrue;
    private final int[] leafFirst;
    private final int[] leafCount;
    private final int[] weightTargets;
    private final float[] weightValues;
    private final Aggregate aggregate;
    private final float[] baseValues;
    private final int maxDepth;

    private TreeEnsemble(Builder b) {
        this.inputs = b.inputs;
        this.targets = b.targets;
        this.roots = b.roots.clone();
        this.modes = b.modes.clone();
        this.features = b.features.clone();
        this.thresholds = b.thresholds.clone();
        this.trueChildren = b.trueChildren.clone();
        this.falseChildren = b.falseChildren.clone();
        this.missingTracksTrue = b.missingTracksTrue.clone();
        this.leafFirst = b.leafFirst.clone();
        this.leafCount = b.leafCount.clone();
        this.weightTargets = b.weightTargets.clone();
        this.weightValues = b.weightValues.clone();
        this.aggregate = b.aggregate;
        this.baseValues = b.baseValues == null ? new float[targets] : b.baseValues.clone();
        this.maxDepth = validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates one row: reads {@code x[xOffset .. xOffset + inputs)} and writes
     * {@code y[yOffset .. yOffset + targets)}.
     */
    public void evaluate(float[] x, int xOffset, float[] y, int yOffset) {
        for (int j = 0; j < targets; j++) {
            y[yOffset + j] = 0.0f;
        }
        for (int root : roots) {
            int leaf = leafOf(x, xOffset, root);
            int first = leafFirst[leaf];
            for (int w = first; w < first + leafCount[leaf]; w++) {
                y[yOffset + weightTargets[w]] += weightValues[w];
            }
        }
        for (int j = 0; j < targets; j++) {
            float s = y[yOffset + j];
            if (aggregate == Aggregate.AVERAGE) {
                s = s / roots.length;
            }
            y[yOffset + j] = s + baseValues[j];
        }
    }

    /** The leaf that the row at {@code x[xOffset..]} reaches from node {@code root}. */
    public int leafOf(float[] x, int xOffset, int root) {
        int i = root;
        while (modes[i] != NodeMode.LEAF) {
            float v = x[xOffset + features[i]];
            boolean toTrue = modes[i].holds(v, thresholds[i]) || (missingTracksTrue[i] && Float.isNaN(v));
            i = toTrue ? trueChildren[i] : falseChildren[i];
        }
        return i;
    }

    public int inputs() {
        return inputs;
    }

    /**
     * Each input's share of the branch nodes that test it (XGBoost's "weight" importance, normalised): a
     * property of the structure alone, needing no data.
     */
    public double[] splitShares() {
        double[] share = new double[inputs];
        int branches = 0;
        for (int i = 0; i < modes.length; i++) {
            if (modes[i] != NodeMode.LEAF) {
                share[features[i]]++;
                branches++;
            }
        }
        for (int k = 0; k < inputs && branches > 0; k++) {
            share[k] /= branches;
        }
        return share;
    }

    public int targets() {
        return targets;
    }

    public int treeCount() {
        return roots.length;
    }

    public int nodeCount() {
        return modes.length;
    }

    /** The deepest path, in comparisons. */
    public int maxDepth() {
        return maxDepth;
    }

    public Aggregate aggregate() {
        return aggregate;
    }

    // The arrays below are copies: the caller may keep and change them.

    public int[] roots() {
        return roots.clone();
    }

    public NodeMode mode(int node) {
        return modes[node];
    }

    public int[] features() {
        return features.clone();
    }

    public float[] thresholds() {
        return thresholds.clone();
    }

    public int[] trueChildren() {
        return trueChildren.clone();
    }

    public int[] falseChildren() {
        return falseChildren.clone();
    }

    public boolean missingTracksTrue(int node) {
        return missingTracksTrue[node];
    }

    public int[] leafFirst() {
        return leafFirst.clone();
    }

    public int[] leafCount() {
        return leafCount.clone();
    }

    public int[] weightTargets() {
        return weightTargets.clone();
    }

    public float[] weightValues() {
        return weightValues.clone();
    }

    public float[] baseValues() {
        return baseValues.clone();
    }

    /**
     * Checks that every index is in range and that each tree is a tree (no node reached twice, so no
     * walk can loop); returns the deepest path.
     */
    private int validate() {
        int n = modes.length;
        if (roots.length == 0) {
            throw new InvalidModelException("tree ensemble has no trees");
        }
        if (inputs < 1 || targets < 1) {
            throw new InvalidModelException("tree ensemble needs at least one input and one target, found "
                    + inputs + " and " + targets);
        }
        if (baseValues.length != targets) {
            throw new InvalidModelException("tree ensemble: expected " + targets + " base values, found "
                    + baseValues.length);
        }
        for (int w = 0; w < weightTargets.length; w++) {
            if (weightTargets[w] < 0 || weightTargets[w] >= targets) {
                throw new InvalidModelException("tree ensemble: weight " + w + " is for target " + weightTargets[w]
                        + ", expected 0 to " + (targets - 1));
            }
            if (!Float.isFinite(weightValues[w])) {
                throw new InvalidModelException("tree ensemble: weight " + w + " is " + weightValues[w]);
            }
        }
        int[] seen = new int[n];
        int deepest = 0;
        int[] stack = new int[n];
        int[] depth = new int[n];
        for (int t = 0; t < roots.length; t++) {
            if (roots[t] < 0 || roots[t] >= n) {
                throw new InvalidModelException("tree ensemble: tree " + t + " starts at node " + roots[t]
                        + ", expected 0 to " + (n - 1));
            }
            int top = 0;
            markSeen(seen, roots[t], t);
            stack[top] = roots[t];
            depth[top++] = 0;
            while (top > 0) {
                int i = stack[--top];
                int d = depth[top];
                if (modes[i] == NodeMode.LEAF) {
                    if (leafFirst[i] < 0 || leafCount[i] < 0 || leafFirst[i] + leafCount[i] > weightTargets.length) {
                        throw new InvalidModelException("tree ensemble: leaf " + i + " has weights [" + leafFirst[i]
                                + ", " + (leafFirst[i] + leafCount[i]) + "), expected within [0, "
                                + weightTargets.length + ")");
                    }
                    deepest = Math.max(deepest, d);
                    continue;
                }
                if (features[i] < 0 || features[i] >= inputs) {
                    throw new InvalidModelException("tree ensemble: node " + i + " tests feature " + features[i]
                            + ", expected 0 to " + (inputs - 1));
                }
                if (Float.isNaN(thresholds[i])) {
                    throw new InvalidModelException("tree ensemble: node " + i + " has a NaN threshold");
                }
                for (int child : new int[] {trueChildren[i], falseChildren[i]}) {
                    if (child < 0 || child >= n) {
                        throw new InvalidModelException("tree ensemble: node " + i + " has child " + child
                                + ", expected 0 to " + (n - 1));
                    }
                    markSeen(seen, child, t);
                    stack[top] = child;
                    depth[top++] = d + 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (seen[i] == 0) {
                throw new InvalidModelException("tree ensemble: node " + i + " belongs to no tree");
            }
        }
        return deepest;
    }

    /** Marks a node as reached; a second time means a cycle or a shared subtree, which a walk could loop on. */
    private static void markSeen(int[] seen, int node, int tree) {
        if (seen[node]++ > 0) {
            throw new InvalidModelException("tree ensemble: node " + node + " is reached twice (tree " + tree
                    + "); expected each node to have one parent");
        }
    }

    @Override
    public String toString() {
        return "TreeEnsemble(" + roots.length + " trees, " + modes.length + " nodes, depth " + maxDepth + ", "
                + aggregate + ")";
    }

    /** Mutable builder over whole arrays; {@link #build()} validates. */
    public static final class Builder {
        private int inputs;
        private int targets = 1;
        private int[] roots = new int[0];
        private NodeMode[] modes = new NodeMode[0];
        private int[] features = new int[0];
        private float[] thresholds = new float[0];
        private int[] trueChildren = new int[0];
        private int[] falseChildren = new int[0];
        private boolean[] missingTracksTrue = new boolean[0];
        private int[] leafFirst = new int[0];
        private int[] leafCount = new int[0];
        private int[] weightTargets = new int[0];
        private float[] weightValues = new float[0];
        private Aggregate aggregate = Aggregate.SUM;
        private float[] baseValues;

        private Builder() {
        }

        public Builder inputs(int n) {
            this.inputs = n;
            return this;
        }

        public Builder targets(int n) {
            this.targets = n;
            return this;
        }

        public Builder roots(int[] r) {
            this.roots = r.clone();
            return this;
        }

        /** The per-node arrays, all of one length. */
        public Builder nodes(NodeMode[] modes, int[] features, float[] thresholds, int[] trueChildren,
                int[] falseChildren, boolean[] missingTracksTrue, int[] leafFirst, int[] leafCount) {
            int n = modes.length;
            for (int len : new int[] {features.length, thresholds.length, trueChildren.length, falseChildren.length,
                missingTracksTrue.length, leafFirst.length, leafCount.length}) {
                if (len != n) {
                    throw new InvalidModelException("tree ensemble: node arrays differ in length (" + n + " modes, "
                            + len + " of another)");
                }
            }
            this.modes = modes.clone();
            this.features = features.clone();
            this.thresholds = thresholds.clone();
            this.trueChildren = trueChildren.clone();
            this.falseChildren = falseChildren.clone();
            this.missingTracksTrue = missingTracksTrue.clone();
            this.leafFirst = leafFirst.clone();
            this.leafCount = leafCount.clone();
            return this;
        }

        public Builder weights(int[] targetIds, float[] values) {
            if (targetIds.length != values.length) {
                throw new InvalidModelException("tree ensemble: " + targetIds.length + " weight targets but "
                        + values.length + " weight values");
            }
            this.weightTargets = targetIds.clone();
            this.weightValues = values.clone();
            return this;
        }

        public Builder aggregate(Aggregate a) {
            this.aggregate = a;
            return this;
        }

        public Builder baseValues(float[] v) {
            this.baseValues = v == null ? null : v.clone();
            return this;
        }

        public TreeEnsemble build() {
            for (int i = 0; i < modes.length; i++) {
                if (modes[i] == null) {
                    throw new InvalidModelException("tree ensemble: node " + i + " has no mode");
                }
            }
            return new TreeEnsemble(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TreeEnsemble t)) {
            return false;
        }
        return inputs == t.inputs && targets == t.targets && aggregate == t.aggregate && Arrays.equals(roots, t.roots)
                && Arrays.equals(modes, t.modes) && Arrays.equals(features, t.features)
                && Arrays.equals(thresholds, t.thresholds) && Arrays.equals(trueChildren, t.trueChildren)
                && Arrays.equals(falseChildren, t.falseChildren) && Arrays.equals(missingTracksTrue, t.missingTracksTrue)
                && Arrays.equals(leafFirst, t.leafFirst) && Arrays.equals(leafCount, t.leafCount)
                && Arrays.equals(weightTargets, t.weightTargets) && Arrays.equals(weightValues, t.weightValues)
                && Arrays.equals(baseValues, t.baseValues);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(thresholds) * 31 + Arrays.hashCode(weightValues);
    }
}
