package org.emulens.engine.trees;

/**
 * How a tree node decides, as ONNX-ML {@code nodes_modes} names it. A branch sends a row to its true
 * child when {@code x[feature] OP threshold} holds, or when {@code x[feature]} is missing (NaN) and the
 * node's missing values track the true branch; otherwise to its false child.
 */
public enum NodeMode {
    LEAF("LEAF"),
    BRANCH_LEQ("BRANCH_LEQ"),
    BRANCH_LT("BRANCH_LT"),
    BRANCH_GTE("BRANCH_GTE"),
    BRANCH_GT("BRANCH_GT"),
    BRANCH_EQ("BRANCH_EQ"),
    BRANCH_NEQ("BRANCH_NEQ");

    private final String onnxName;

    NodeMode(String onnxName) {
        this.onnxName = onnxName;
    }

    public String onnxName() {
        return onnxName;
    }

    /** The kernels' code for this mode (the EMU_NODE_* constants of emulens_trees.c). */
    public int code() {
        return ordinal();
    }

    /** The mode ONNX-ML calls {@code name}, or null if there is none. */
    public static NodeMode ofOnnx(String name) {
        for (NodeMode m : values()) {
            if (m.onnxName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The comparison itself, with IEEE semantics for NaN (only NEQ holds for a NaN). */
    boolean holds(float x, float threshold) {
        switch (this) {
            case BRANCH_LEQ:
                return x <= threshold;
            case BRANCH_LT:
                return x < threshold;
            case BRANCH_GTE:
                return x >= threshold;
            case BRANCH_GT:
                return x > threshold;
            case BRANCH_EQ:
                return x == threshold;
            case BRANCH_NEQ:
                return x != threshold;
            default:
                throw new IllegalStateException("a leaf has no comparison");
        }
    }
}
