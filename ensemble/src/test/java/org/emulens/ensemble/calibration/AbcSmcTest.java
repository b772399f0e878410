package org.emulens.ensemble.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

class AbcSmcTest {
    private static final long SEED = 99L;

    @Test
    void abcSmcNarrowsTowardsTheMcmcPosteriorAndDoesNotDependOnTheBatchSize() {
        Prior prior = BetaCase.prior();
        try (CpuBackend backend = new CpuBackend(1);
                CompiledEmulator c = backend.compile(BetaCase.model(), TanhMode.FAST)) {
            ModelAtObservations model = new ModelAtObservations(c, "beta", prior.names(), BetaCase.observations(), 1 << 14);
            double[] truth = {0.1, 0.33};
            ObservationErrors errors = ObservationErrors.of(BetaCase.synthetic(model, truth, SEED, 0),
                    BetaCase.SYSTEMATIC_SD, BetaCase.EMULATOR_SD, 0, 0);
            AbcSmc.Settings s = new AbcSmc.Settings(400, 5, 0.5, 200_000, SEED);
            AbcSmc.Result abc = AbcSmc.run(prior, model, errors, s, 512, Progress.NONE);
            assertFalse(abc.stoppedEarly());
            for (int g = 2; g < abc.generations().size(); g++) {
                assertTrue(abc.generations().get(g).epsilon() < abc.generations().get(g - 1).epsilon());
            }
            assertEquals(1.0, Arrays.stream(abc.weights()).sum(), 1e-12);
            // the same candidates in the same order, whatever the batch
            AbcSmc.Result other = AbcSmc.run(prior, model, errors, s, 333, Progress.NONE);
            assertArrayEquals(abc.particles(), other.particles());
            assertEquals(abc.generations(), other.generations());

            EnsembleSampler.Chains mcmc = EnsembleSampler.run(new EnsembleSampler.Settings(16, 300, 1000, 2.0, SEED),
                    PosteriorCoverageTest.startPoints(prior, 16, SEED), new GaussianPosterior(prior, model, errors),
                    Progress.NONE);
            double[][] pooled = mcmc.pooled();
            for (int j = 0; j < 2; j++) {
                final int col = j;
                double mean = Arrays.stream(pooled).mapToDouble(x -> x[col]).average().orElseThrow();
                double sd = Math.sqrt(Arrays.stream(pooled).mapToDouble(x -> (x[col] - mean) * (x[col] - mean))
                        .average().orElseThrow());
                double abcMean = 0;
                for (int i = 0; i < abc.particles().length; i++) {
                    abcMean += abc.weights()[i] * abc.particles()[i][j];
                }
                // ABC with a tolerance > 0 approximates the posterior: its mean within half a posterior sd of the
                // MCMC mean (a wrong weight or kernel shifts it by more; the prior mean is several sds away)
                System.out.printf("parameter %d: MCMC mean %.4f sd %.4f, ABC-SMC mean %.4f (eps %.3g)%n", j, mean, sd,
                        abcMean, abc.generations().get(abc.generations().size() - 1).epsilon());
                assertEquals(mean, abcMean, 0.5 * sd, "parameter " + j);
            }
        }
    }
}
