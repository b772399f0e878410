package org.emulens.ensemble.seasonal;

import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;

/**
 * The bucket model that scripts/train/train_soil_moisture.py trains the demo emulator on, written out again
 * from its documented equations, standing in for the emulator so that a run can be compared with the truth.
 */
final class BucketTruth implements CompiledEmulator {
    private final Emulator emulator;

    BucketTruth(Emulator emulator) {
        this.emulator = emulator;
    }

    static double step(double theta, double precip, double pet) {
        double beta = Math.max(0, Math.min(1, (theta - 0.10) / 0.20));
        double drain = 0.5 * Math.max(theta - 0.32, 0);
        return Math.max(0, Math.min(0.45, theta + (precip - pet * beta) / 100 - drain));
    }

    @Override
    public Emulator emulator() {
        return emulator;
    }

    @Override
    public TanhMode tanhMode() {
        return TanhMode.EXACT;
    }

    @Override
    public void evaluate(float[] inputs, float[] outputs, int members) {
        for (int r = 0; r < members; r++) {
            outputs[r] = (float) step(inputs[4 * r], inputs[4 * r + 2], inputs[4 * r + 3]);
        }
    }

    @Override
    public void close() {
    }
}
