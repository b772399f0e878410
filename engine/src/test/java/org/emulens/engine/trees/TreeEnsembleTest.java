package org.emulens.engine.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.InvalidModelException;
import org.junit.jupiter.api.Test;

/** Hand-built trees whose outputs follow from the ONNX-ML definition by inspection. */
class TreeEnsembleTest {
    private static final NodeMode L = NodeMode.LEAF;

    /** One stump on feature 0 with threshold 1: leaves 10 (true) and 20 (false). */
    private static TreeEnsemble stump(NodeMode mode, boolean missingTrue, TreeEnsemble.Aggregate aggregate) {
        return TreeEnsemble.builder().inputs(2).targets(1).roots(new int[] {0, 3})
                .nodes(new NodeMode[] {mode, L, L, L}, new int[] {0, 0, 0, 0}, new float[] {1f, 0, 0, 0},
                        new int[] {1, 0, 0, 0}, new int[] {2, 0, 0, 0}, new boolean[] {missingTrue, false, false, false},
                        new int[] {0, 0, 1, 2}, new int[] {0, 1, 1, 1})
                .weights(new int[] {0, 0, 0}, new float[] {10f, 20f, 5f}).aggregate(aggregate)
                .baseValues(new float[] {0.5f}).build();
    }

    private static float eval(TreeEnsemble t, float x0) {
        float[] y = new float[1];
        t.evaluate(new float[] {x0, 0f}, 0, y, 0);
        return y[0];
    }

    @Test
    void everyBranchModeComparesAsOnnxMlDefinesIt() {
        // Second tree is a lone leaf worth 5; base 0.5. True branch: 10 + 5 + 0.5, false: 20 + 5 + 0.5.
        float t = 15.5f;
        float f = 25.5f;
        TreeEnsemble.Aggregate sum = TreeEnsemble.Aggregate.SUM;
        assertEquals(t, eval(stump(NodeMode.BRANCH_LEQ, false, sum), 1f));
        assertEquals(f, eval(stump(NodeMode.BRANCH_LT, false, sum), 1f));
        assertEquals(t, eval(stump(NodeMode.BRANCH_GTE, false, sum), 1f));
        assertEquals(f, eval(stump(NodeMode.BRANCH_GT, false, sum), 1f));
        assertEquals(t, eval(stump(NodeMode.BRANCH_EQ, false, sum), 1f));
        assertEquals(f, eval(stump(NodeMode.BRANCH_NEQ, false, sum), 1f));
        assertEquals(t, eval(stump(NodeMode.BRANCH_LT, false, sum), 0.5f));
        assertEquals(t, eval(stump(NodeMode.BRANCH_GT, false, sum), 2f));
    }

    @Test
    void missingValuesFollowTheTrackingFlag() {
        TreeEnsemble.Aggregate sum = TreeEnsemble.Aggregate.SUM;
        assertEquals(15.5f, eval(stump(NodeMode.BRANCH_LEQ, true, sum), Float.NaN));
        assertEquals(25.5f, eval(stump(NodeMode.BRANCH_LEQ, false, sum), Float.NaN));
        // NaN != threshold holds, so NEQ takes the true branch whatever the flag.
        assertEquals(15.5f, eval(stump(NodeMode.BRANCH_NEQ, false, sum), Float.NaN));
    }

    @Test
    void averageDividesTheSumByTheTreeCountBeforeTheBase() {
        assertEquals((10f + 5f) / 2f + 0.5f, eval(stump(NodeMode.BRANCH_LEQ, false, TreeEnsemble.Aggregate.AVERAGE),
                0f));
        assertEquals(2, stump(NodeMode.BRANCH_LEQ, false, TreeEnsemble.Aggregate.SUM).treeCount());
        assertEquals(1, stump(NodeMode.BRANCH_LEQ, false, TreeEnsemble.Aggregate.SUM).maxDepth());
    }

    @Test
    void splitSharesCountTheBranchNodesTestingEachInput() {
        double[] share = stump(NodeMode.BRANCH_LEQ, false, TreeEnsemble.Aggregate.SUM).splitShares();
        assertEquals(1.0, share[0]);
        assertEquals(0.0, share[1]);
    }

    @Test
    void aNodeWithTwoParentsIsRejectedBecauseAWalkCouldLoop() {
        InvalidModelException ex = assertThrows(InvalidModelException.class, () -> TreeEnsemble.builder().inputs(1)
                .roots(new int[] {0})
                .nodes(new NodeMode[] {NodeMode.BRANCH_LEQ, NodeMode.BRANCH_LEQ}, new int[] {0, 0}, new float[2],
                        new int[] {1, 0}, new int[] {1, 0}, new boolean[2], new int[2], new int[2])
                .build());
        assertTrue(ex.getMessage().contains("reached twice"), ex.getMessage());
    }

    @Test
    void aFeatureOutsideTheInputsIsRejected() {
        InvalidModelException ex = assertThrows(InvalidModelException.class, () -> TreeEnsemble.builder().inputs(1)
                .roots(new int[] {0})
                .nodes(new NodeMode[] {NodeMode.BRANCH_LEQ, L, L}, new int[] {3, 0, 0}, new float[3],
                        new int[] {1, 0, 0}, new int[] {2, 0, 0}, new boolean[3], new int[3], new int[3])
                .build());
        assertTrue(ex.getMessage().contains("feature 3"), ex.getMessage());
    }
}
