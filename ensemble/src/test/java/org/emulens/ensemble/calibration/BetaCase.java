package org.emulens.ensemble.calibration;

import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * The synthetic calibration case the tests share: the demo soil-moisture stress model beta(θ; θ_wilt, θ_crit)
 * observed at 16 soil moistures with random error sd 0.02 and a shared bias of sd 0.02, and a uniform prior
 * on θ_wilt ∈ [0.05, 0.15], θ_crit ∈ [0.25, 0.40].
 */
final class BetaCase {
    static final double RANDOM_SD = 0.02;
    static final double SYSTEMATIC_SD = 0.02;
    /** The model's hold-out RMSE from its sidecar: the emulator error. */
    static final double EMULATOR_SD = 0.00063;
    static final int OBSERVATIONS = 16;

    private BetaCase() {
    }

    static Emulator model() {
        return ModelFiles.read(Path.of(System.getProperty("emulens.project.dir", "..")).resolve("models/beta.onnx"));
    }

    static Prior prior() {
        Problem p = Problem.builder().uniform("theta_wilt", 0.05, 0.15).uniform("theta_crit", 0.25, 0.40).build();
        return Prior.independent(p, new double[] {0.02, 0.15}, new double[] {0.2, 0.45});
    }

    /** Observation soil moistures evenly spread over [0.05, 0.45]; values are placeholders until replaced. */
    static Observations observations() {
        double[][] inputs = new double[OBSERVATIONS][];
        double[] sd = new double[OBSERVATIONS];
        for (int i = 0; i < OBSERVATIONS; i++) {
            inputs[i] = new double[] {0.05 + 0.4 * i / (OBSERVATIONS - 1)};
            sd[i] = RANDOM_SD;
        }
        return new Observations("synthetic", List.of("theta"), inputs, new double[OBSERVATIONS], sd, null);
    }

    /** A truth drawn from the prior for replicate {@code r} of a test seeded {@code seed}. */
    static double[] truth(long seed, int r) {
        float u0 = MemberDraws.uniform(seed, ReservedStreams.SYSTEMATIC, r, 0, 0);
        float u1 = MemberDraws.uniform(seed, ReservedStreams.SYSTEMATIC, r, 0, 1);
        return new double[] {0.05 + 0.10 * u0, 0.25 + 0.15 * u1};
    }

    /** Synthetic observations: the model at the truth plus independent noise plus one shared bias. */
    static Observations synthetic(ModelAtObservations model, double[] truth, long seed, int r) {
        int n = OBSERVATIONS;
        double[] f = new double[n];
        model.evaluate(new double[][] {truth}, 1, f);
        double bias = SYSTEMATIC_SD * MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, r, 0, 0);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = f[i] + bias + RANDOM_SD * MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, r, 1, i);
        }
        return model.observations().withValues(z);
    }
}
