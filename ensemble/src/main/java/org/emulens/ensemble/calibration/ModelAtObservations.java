package org.emulens.ensemble.calibration;

import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;

/**
 * One emulator output at every observation, for many parameter sets at once: each parameter set is combined
 * with each observation's other inputs into one input row, and the rows go through the compiled emulator (any
 * backend) in chunks of at most {@code maxRows}, so 10^5 or more parameter sets stream through without the
 * full ensemble ever being held. Not thread-safe (it reuses its buffers).
 */
public final class ModelAtObservations {
    private final CompiledEmulator model;
    private final int output;
    private final int[] source;
    private final int parameters;
    private final Observations observations;
    private final int setsPerChunk;
    private final float[] in;
    private final float[] out;

    /**
     * @param parameterNames the calibrated inputs, in the prior's order; every other model input must be a
     *     column of the observations
     */
    public ModelAtObservations(CompiledEmulator model, String outputName, List<String> parameterNames,
            Observations observations, int maxRows) {
        Emulator e = model.emulator();
        this.model = model;
        this.observations = observations;
        this.parameters = parameterNames.size();
        int o = -1;
        for (int k = 0; k < e.outputCount(); k++) {
            if (e.outputs().get(k).name().equals(outputName)) {
                o = k;
            }
        }
        if (o < 0) {
            throw new CalibrationException("model '" + e.name() + "' has no output '" + outputName + "'; it has "
                    + e.outputs().stream().map(Variable::name).toList());
        }
        this.output = o;
        for (String p : parameterNames) {
            if (e.inputs().stream().noneMatch(v -> v.name().equals(p))) {
                throw new CalibrationException("parameter '" + p + "' is not an input of model '" + e.name()
                        + "'; its inputs are " + e.inputs().stream().map(Variable::name).toList());
            }
        }
        // source[j] >= 0: parameter column; < 0: observation column -(source + 1)
        this.source = new int[e.inputCount()];
        for (int j = 0; j < e.inputCount(); j++) {
            Variable v = e.inputs().get(j);
            int p = parameterNames.indexOf(v.name());
            if (p >= 0) {
                source[j] = p;
                continue;
            }
            int c = observations.inputNames().indexOf(v.name());
            if (c < 0) {
                throw new CalibrationException(observations.source() + ": model input '" + v.name()
                        + "' is neither a calibrated parameter nor a column of the observations (columns "
                        + observations.inputNames() + ")");
            }
            for (int i = 0; i < observations.size(); i++) {
                double x = observations.input(i, c);
                if (v.hasRange() && !v.inRange(x)) {
                    throw new CalibrationException(observations.source() + ": observation " + (i + 1) + ": input '"
                            + v.name() + "' = " + x + " is outside the model's valid range [" + v.validMin() + ", "
                            + v.validMax() + "]");
                }
            }
            source[j] = -(c + 1);
        }
        int n = observations.size();
        this.setsPerChunk = Math.max(1, maxRows / n);
        this.in = new float[setsPerChunk * n * e.inputCount()];
        this.out = new float[setsPerChunk * n * e.outputCount()];
    }

    public Observations observations() {
        return observations;
    }

    public int dimensions() {
        return parameters;
    }

    public Emulator emulator() {
        return model.emulator();
    }

    /**
     * Writes the model output for parameter set {@code p} at observation {@code i} into
     * {@code values[p * n + i]}, for {@code p < count}.
     */
    public void evaluate(double[][] sets, int count, double[] values) {
        int n = observations.size();
        int d = source.length;
        int k = model.emulator().outputCount();
        for (int first = 0; first < count; first += setsPerChunk) {
            int m = Math.min(setsPerChunk, count - first);
            for (int p = 0; p < m; p++) {
                double[] theta = sets[first + p];
                for (int i = 0; i < n; i++) {
                    int row = (p * n + i) * d;
                    for (int j = 0; j < d; j++) {
                        int s = source[j];
                        in[row + j] = (float) (s >= 0 ? theta[s] : observations.input(i, -(s + 1)));
                    }
                }
            }
            model.evaluate(in, out, m * n);
            for (int r = 0; r < m * n; r++) {
                values[first * n + r] = out[r * k + output];
            }
        }
    }
}
