package org.emulens.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.emulens.engine.gp.GaussianProcess;
import org.emulens.engine.trees.NodeMode;
import org.emulens.engine.trees.TreeEnsemble;

/**
 * Canonical bytes of the non-MLP families for {@link ModelHash}; little-endian, int32 integers. See
 * docs/MODEL-HASH.md.
 * <pre>
 * trees:  "emulens-trees-v1", inputs, targets, aggregate (0 SUM, 1 AVERAGE), nTrees, roots[nTrees],
 *         nNodes, per node: mode code, feature, threshold (float32), true child, false child,
 *         missing-tracks-true (0/1), leaf first weight, leaf weight count;
 *         nWeights, per weight: target, value (float32); base values[targets] (float32)
 * GP:     "emulens-gp-v1", len(kernel), kernel (ASCII), inputs d, points n, then float64:
 *         variance, length scales[d], training inputs[n][d], alpha[n], L lower triangle by rows,
 *         y mean, y std
 * </pre>
 */
final class FamilyHash {
    static final byte[] TREES = "emulens-trees-v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] GP = "emulens-gp-v1".getBytes(StandardCharsets.US_ASCII);

    private FamilyHash() {
    }

    static byte[] treeBytes(TreeEnsemble t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TREES);
        ModelHash.writeInt(out, t.inputs());
        ModelHash.writeInt(out, t.targets());
        ModelHash.writeInt(out, t.aggregate().ordinal());
        int[] roots = t.roots();
        ModelHash.writeInt(out, roots.length);
        for (int r : roots) {
            ModelHash.writeInt(out, r);
        }
        int[] features = t.features();
        float[] thresholds = t.thresholds();
        int[] trueChildren = t.trueChildren();
        int[] falseChildren = t.falseChildren();
        int[] leafFirst = t.leafFirst();
        int[] leafCount = t.leafCount();
        ModelHash.writeInt(out, t.nodeCount());
        for (int i = 0; i < t.nodeCount(); i++) {
            // Fields a node does not use are hashed as 0, whatever the arrays hold there.
            boolean leaf = t.mode(i) == NodeMode.LEAF;
            ModelHash.writeInt(out, t.mode(i).code());
            ModelHash.writeInt(out, leaf ? 0 : features[i]);
            ModelHash.writeFloats(out, new float[] {leaf ? 0f : thresholds[i]});
            ModelHash.writeInt(out, leaf ? 0 : trueChildren[i]);
            ModelHash.writeInt(out, leaf ? 0 : falseChildren[i]);
            ModelHash.writeInt(out, t.missingTracksTrue(i) ? 1 : 0);
            ModelHash.writeInt(out, leaf ? leafFirst[i] : 0);
            ModelHash.writeInt(out, leaf ? leafCount[i] : 0);
        }
        int[] targets = t.weightTargets();
        float[] values = t.weightValues();
        ModelHash.writeInt(out, targets.length);
        for (int w = 0; w < targets.length; w++) {
            ModelHash.writeInt(out, targets[w]);
            ModelHash.writeFloats(out, new float[] {values[w]});
        }
        ModelHash.writeFloats(out, t.baseValues());
        return out.toByteArray();
    }

    static byte[] gaussianProcessBytes(GaussianProcess g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(GP);
        byte[] kernel = g.kernel().fileName().getBytes(StandardCharsets.US_ASCII);
        ModelHash.writeInt(out, kernel.length);
        out.writeBytes(kernel);
        ModelHash.writeInt(out, g.inputs());
        ModelHash.writeInt(out, g.points());
        writeDoubles(out, new double[] {g.variance()});
        writeDoubles(out, g.lengthScales());
        writeDoubles(out, g.trainingInputs());
        writeDoubles(out, g.alpha());
        writeDoubles(out, g.cholesky());
        writeDoubles(out, new double[] {g.yMean(), g.yStd()});
        return out.toByteArray();
    }

    private static void writeDoubles(ByteArrayOutputStream out, double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        out.writeBytes(b.array());
    }
}
