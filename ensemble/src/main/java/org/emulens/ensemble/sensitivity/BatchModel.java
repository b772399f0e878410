package org.emulens.ensemble.sensitivity;

/**
 * A model evaluated on many input rows at once, which is how an emulator runs efficiently (one batched forward
 * pass rather than one call per member).
 */
@FunctionalInterface
public interface BatchModel {

    /**
     * Writes the model output for {@code rows[i]} into {@code out[i]}, for every i.
     *
     * @param rows factor values, {@code [n][factors]}, one row per member, columns in the problem's factor order;
     *     must not be modified
     * @param out an array of length n to fill
     */
    void evaluate(double[][] rows, double[] out);
}
