package org.emulens.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.calibration.AbcRejection;
import org.emulens.ensemble.calibration.EnsembleSampler;
import org.emulens.ensemble.calibration.GaussianPosterior;
import org.emulens.ensemble.calibration.HistoryMatching;
import org.emulens.ensemble.calibration.ModelAtObservations;
import org.emulens.ensemble.calibration.ObservationErrors;
import org.emulens.ensemble.calibration.Observations;
import org.emulens.ensemble.calibration.Prior;
import org.emulens.ensemble.calibration.Progress;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.kernels.DeviceBackends;
import org.junit.jupiter.api.Test;

/**
 * The same calibration (history matching, ensemble MCMC, ABC) with the same seed on the CPU reference backend and
 * on OpenCL gives the same numbers. With FAST tanh the two forward passes agree bit for bit, and every random
 * number comes from a Philox counter, so the NROY sets, the chains and the ABC samples must be identical.
 */
class OpenClCalibrationTest {
    private static final long SEED = 4242L;

    private record Outcome(HistoryMatching.Result hm, EnsembleSampler.Chains chains, AbcRejection.Result abc) {
    }

    private static Outcome calibrate(Backend backend, Emulator e) {
        Problem p = Problem.builder().uniform("theta_wilt", 0.05, 0.15).uniform("theta_crit", 0.25, 0.40).build();
        Prior prior = Prior.independent(p, new double[] {0.02, 0.15}, new double[] {0.2, 0.45});
        int n = 12;
        double[][] in = new double[n][];
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = new double[] {0.05 + 0.4 * i / (n - 1)};
            sd[i] = 0.03;
        }
        Observations placeholder = new Observations("synthetic", List.of("theta"), in, new double[n], sd, null);
        try (CompiledEmulator c = backend.compile(e, TanhMode.FAST)) {
            ModelAtObservations model = new ModelAtObservations(c, "beta", prior.names(), placeholder, 4096);
            double[] f = new double[n];
            model.evaluate(new double[][] {{0.1, 0.33}}, 1, f);
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = f[i] + 0.03 * MemberDraws.normal(SEED, ReservedStreams.INPUT_PERTURBATION, 0, 0, i);
            }
            ObservationErrors errors = ObservationErrors.of(placeholder.withValues(z), 0.01, 0.00063, 0, 0);
            HistoryMatching.Result hm = HistoryMatching.run(prior, model, errors,
                    List.of(new HistoryMatching.Wave(3, 2, 3000), new HistoryMatching.Wave(3, 1, 2000)),
                    SEED, 700, 10_000, Progress.NONE);
            double[][] start = new double[16][];
            for (int k = 0; k < 16; k++) {
                start[k] = hm.nroyPoints()[k * hm.nroyPoints().length / 16];
            }
            EnsembleSampler.Chains chains = EnsembleSampler.run(new EnsembleSampler.Settings(16, 50, 100, 2.0, SEED),
                    start, new GaussianPosterior(prior, model, errors), Progress.NONE);
            AbcRejection.Result abc = AbcRejection.run(prior, model, errors, 3000, 0.02, SEED, 700, Progress.NONE);
            return new Outcome(hm, chains, abc);
        }
    }

    @Test
    void theSameSeedGivesTheSameCalibrationOnCpuAndOpenCl() {
        OpenClBackend opencl = DeviceBackends.openClOrSkip();
        Emulator e = ModelFiles.read(Path.of(System.getProperty("emulens.project.dir", "..")).resolve("models/beta.onnx"));
        Outcome cpu;
        try (CpuBackend b = new CpuBackend(2)) {
            cpu = calibrate(b, e);
        }
        Outcome gpu = calibrate(opencl, e);
        assertEquals(cpu.hm().waves(), gpu.hm().waves());
        assertArrayEquals(cpu.hm().nroyPoints(), gpu.hm().nroyPoints());
        assertArrayEquals(cpu.chains().samples(), gpu.chains().samples());
        assertEquals(cpu.chains().acceptance(), gpu.chains().acceptance());
        assertArrayEquals(cpu.abc().accepted(), gpu.abc().accepted());
        assertArrayEquals(cpu.abc().distances(), gpu.abc().distances());
    }
}
