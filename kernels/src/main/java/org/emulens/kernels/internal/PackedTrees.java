package org.emulens.kernels.internal;

import org.emulens.engine.Emulator;
import org.emulens.engine.trees.TreeEnsemble;

/**
 * A tree ensemble flattened for the kernels, in the layout of the {@code EMU_TREE_*} and
 * {@code EMU_NODE_*} constants of emulens_trees.c: the usual model header (inputs, outputs, identity
 * output scaling) with family {@code EMU_FAMILY_TREES}, then a tree header, the roots, four ints per node
 * and the leaf weights' targets in the descriptor; thresholds, leaf weights and base values in the
 * parameters.
 */
final class PackedTrees {
    static final int FAMILY_TREES = 1;
    private static final int DESC_FAMILY = 5;
    private static final int DESC_TREES = 6;
    private static final int HEADER = 8;
    private static final int TREE_FIELDS = 8;
    private static final int NODE_FIELDS = 4;
    private static final int MISSING_TRUE = 0x100;

    private PackedTrees() {
    }

    static PackedModel of(Emulator e) {
        TreeEnsemble t = e.trees();
        int d = e.inputCount();
        int k = e.outputCount();
        int n = t.nodeCount();
        if (d > KernelSource.MAX_WIDTH || k > KernelSource.MAX_WIDTH) {
            throw new IllegalArgumentException("tree ensemble '" + e.name() + "': expected at most "
                    + KernelSource.MAX_WIDTH + " inputs and targets (the kernels keep a member's in private memory), "
                    + "found " + d + " and " + k);
        }
        int[] roots = t.roots();
        int[] weightIds = t.weightTargets();
        float[] weights = t.weightValues();
        long descSize = (long) HEADER + TREE_FIELDS + roots.length + (long) NODE_FIELDS * n + weightIds.length;
        long paramSize = 2L * d + 2L * k + n + weights.length + k;
        if (descSize > Integer.MAX_VALUE || paramSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tree ensemble '" + e.name() + "': " + n + " nodes are more than the "
                    + "kernels index");
        }
        int[] desc = new int[(int) descSize];
        float[] p = new float[(int) paramSize];
        // Identity input normalisation and output scaling, so the header reads as for any model.
        for (int i = 0; i < d; i++) {
            p[d + i] = 1.0f;
        }
        int at = 2 * d;
        desc[3] = at;
        for (int j = 0; j < k; j++) {
            p[at + j] = 1.0f;
        }
        at += k;
        desc[4] = at;
        at += k;
        desc[0] = 0;
        desc[1] = d;
        desc[2] = k;
        desc[DESC_FAMILY] = FAMILY_TREES;
        desc[DESC_TREES] = HEADER;

        int[] header = new int[TREE_FIELDS];
        int di = HEADER + TREE_FIELDS;
        header[0] = roots.length;
        header[1] = t.aggregate() == TreeEnsemble.Aggregate.AVERAGE ? 1 : 0;
        header[2] = di;
        System.arraycopy(roots, 0, desc, di, roots.length);
        di += roots.length;
        header[3] = di;
        int[] features = t.features();
        int[] trueChildren = t.trueChildren();
        int[] falseChildren = t.falseChildren();
        int[] leafFirst = t.leafFirst();
        int[] leafCount = t.leafCount();
        for (int i = 0; i < n; i++) {
            boolean leaf = t.mode(i).code() == 0;
            desc[di] = t.mode(i).code() | (t.missingTracksTrue(i) ? MISSING_TRUE : 0);
            desc[di + 1] = leaf ? 0 : features[i];
            desc[di + 2] = leaf ? leafFirst[i] : trueChildren[i];
            desc[di + 3] = leaf ? leafCount[i] : falseChildren[i];
            di += NODE_FIELDS;
        }
        header[5] = di;
        System.arraycopy(weightIds, 0, desc, di, weightIds.length);
        header[4] = at;
        System.arraycopy(t.thresholds(), 0, p, at, n);
        at += n;
        header[6] = at;
        System.arraycopy(weights, 0, p, at, weights.length);
        at += weights.length;
        header[7] = at;
        System.arraycopy(t.baseValues(), 0, p, at, k);
        System.arraycopy(header, 0, desc, HEADER, TREE_FIELDS);
        return new PackedModel(p, desc, d, k);
    }
}
