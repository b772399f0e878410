package org.emulens.ensemble.sensitivity;

import org.emulens.engine.backend.CompiledEmulator;

/**
 * One output of a compiled emulator as a {@link BatchModel}: rows of factor values in the model's input
 * order, evaluated on whatever backend compiled it. The float arrays are reused between calls.
 */
public final class EmulatorBatchModel implements BatchModel {
    private final CompiledEmulator model;
    private final int output;
    private float[] in = new float[0];
    private float[] out = new float[0];

    public EmulatorBatchModel(CompiledEmulator model, int output) {
        if (output < 0 || output >= model.emulator().outputCount()) {
            throw new IllegalArgumentException("output index " + output + " out of range for "
                    + model.emulator().outputCount() + " outputs");
        }
        this.model = model;
        this.output = output;
    }

    @Override
    public synchronized void evaluate(double[][] rows, double[] values) {
        int d = model.emulator().inputCount();
        int k = model.emulator().outputCount();
        int n = rows.length;
        if (in.length < n * d) {
            in = new float[n * d];
            out = new float[n * k];
        }
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, the model takes " + d);
            }
            for (int j = 0; j < d; j++) {
                in[i * d + j] = (float) rows[i][j];
            }
        }
        model.evaluate(in, out, n);
        for (int i = 0; i < n; i++) {
            values[i] = out[i * k + output];
        }
    }
}
