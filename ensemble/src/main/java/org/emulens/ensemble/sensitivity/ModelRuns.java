package org.emulens.ensemble.sensitivity;

import java.util.Objects;
import org.emulens.ensemble.design.Problem;

/** Runs a {@link BatchModel} over design rows and checks what comes back, for the analyses in this package. */
final class ModelRuns {
    /** Rows per model call: large enough to keep a batched model busy, small enough to bound memory. */
    static final int CHUNK_ROWS = 8192;

    private ModelRuns() {
    }

    /** Design rows {@code from} (inclusive) to {@code to} (exclusive) in the unit cube. */
    @FunctionalInterface
    interface UnitRows {
        double[][] rows(int from, int to);
    }

    /**
     * Model outputs for design rows {@code 0 .. rows-1}, in order: each chunk is mapped through the problem and
     * handed to the model in one call.
     */
    static double[] evaluate(Problem problem, BatchModel model, int rows, UnitRows design) {
        Objects.requireNonNull(model, "model");
        double[] outputs = new double[rows];
        for (int from = 0; from < rows; from += CHUNK_ROWS) {
            int to = Math.min(rows, from + CHUNK_ROWS);
            double[] chunk = new double[to - from];
            model.evaluate(problem.valuesAt(design.rows(from, to)), chunk);
            System.arraycopy(chunk, 0, outputs, from, chunk.length);
        }
        return outputs;
    }

    /**
     * @throws SensitivityException if the count is not {@code expected} or any output is NaN or infinite
     */
    static void requireUsable(double[] outputs, int expected, String design) {
        if (outputs.length != expected) {
            throw new SensitivityException(design + " has " + expected + " rows, but " + outputs.length
                    + " outputs were given; expected one output per row, in design row order");
        }
        for (int r = 0; r < outputs.length; r++) {
            if (!Double.isFinite(outputs[r])) {
                throw new SensitivityException("model output at design row " + r + " is " + outputs[r]
                        + ", expected a finite number");
            }
        }
    }
}
