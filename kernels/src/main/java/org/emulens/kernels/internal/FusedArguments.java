package org.emulens.kernels.internal;

import org.emulens.kernels.CellPerturbation;

/** Checks shared by the backends' fused runs; messages say what was expected and what was found. */
public final class FusedArguments {
    private FusedArguments() {
    }

    public static void checkRun(CellPerturbation cells, int modelInputs, long firstMember, long members) {
        if (cells == null) {
            throw new IllegalArgumentException("cells: expected a CellPerturbation, found null");
        }
        if (cells.inputs() != modelInputs) {
            throw new IllegalArgumentException("cells: expected " + modelInputs
                    + " inputs per cell (the model's), found " + cells.inputs());
        }
        if (firstMember < 0 || members < 0) {
            throw new IllegalArgumentException("member range: expected first >= 0 and count >= 0, found first "
                    + firstMember + ", count " + members);
        }
        if (firstMember + members < firstMember) {
            throw new IllegalArgumentException("member range: expected first + count below 2^63, found first "
                    + firstMember + ", count " + members);
        }
    }

    /** A DEBUG dump must fit in Java arrays. */
    public static void checkDump(CellPerturbation cells, int modelInputs, int modelOutputs, long firstMember,
            int members) {
        checkRun(cells, modelInputs, firstMember, members);
        long values = (long) cells.cells() * members * Math.max(modelInputs, modelOutputs);
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("DEBUG dump: expected at most 2^31 values, found " + values
                    + " (cells x members x max(inputs, outputs)); dump fewer members");
        }
    }
}
