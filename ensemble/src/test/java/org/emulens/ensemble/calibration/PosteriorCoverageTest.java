package org.emulens.ensemble.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.design.SobolSequence;
import org.junit.jupiter.api.Test;

/**
 * Calibration on synthetic data from the demo beta model: for each replicate the truth is drawn from the
 * prior and observations are made from the model at the truth plus noise with the stated structure (random
 * and shared bias). Then the truth must stay in NROY, and the posterior's central credible intervals must
 * cover it at their nominal rate: with the truth drawn from the prior, a correct posterior covers it with
 * probability exactly equal to the credible level, so the number of covering replicates is binomial.
 */
class PosteriorCoverageTest {
    private static final long SEED = 20261125L;
    private static final int REPLICATES = 50;
    private static final double LEVEL = 0.9;
    /** Two-sided false-failure rate of each parameter's coverage check; two parameters give ≤ 0.002 in all. */
    private static final double ALPHA = 0.001;

    @Test
    void credibleIntervalsCoverTheTruthAtTheirNominalRate() {
        BinomialDistribution b = BinomialDistribution.of(REPLICATES, LEVEL);
        // smallest lo with P(X < lo) <= alpha/2 and largest hi with P(X > hi) <= alpha/2
        int lo = 0;
        while (b.cumulativeProbability(lo) <= ALPHA / 2) {
            lo++;
        }
        int hi = REPLICATES;
        while (hi > 0 && b.survivalProbability(hi - 1) <= ALPHA / 2) {
            hi--;
        }
        Prior prior = BetaCase.prior();
        int[] covered = new int[2];
        double worstRhat = 0;
        double leastEss = Double.POSITIVE_INFINITY;
        try (CpuBackend backend = new CpuBackend(1);
                CompiledEmulator c = backend.compile(BetaCase.model(), TanhMode.FAST)) {
            ModelAtObservations model = new ModelAtObservations(c, "beta", prior.names(), BetaCase.observations(), 1 << 14);
            for (int r = 0; r < REPLICATES; r++) {
                double[] truth = BetaCase.truth(SEED, r);
                ObservationErrors errors = ObservationErrors.of(BetaCase.synthetic(model, truth, SEED, r),
                        BetaCase.SYSTEMATIC_SD, BetaCase.EMULATOR_SD, 0, 0);
                EnsembleSampler.Settings settings = new EnsembleSampler.Settings(16, 250, 800, 2.0, SEED + r);
                double[][] start = startPoints(prior, 16, SEED + r);
                EnsembleSampler.Chains chains = EnsembleSampler.run(settings, start,
                        new GaussianPosterior(prior, model, errors), Progress.NONE);
                for (int j = 0; j < 2; j++) {
                    double[][] pj = chains.parameter(j);
                    ChainDiagnostics.Summary s = ChainDiagnostics.of(pj);
                    worstRhat = Math.max(worstRhat, s.rhat());
                    leastEss = Math.min(leastEss, s.ess());

                    double[] all = Arrays.stream(pj).flatMapToDouble(Arrays::stream).sorted().toArray();
                    double qLo = all[(int) Math.floor((1 - LEVEL) / 2 * (all.length - 1))];
                    double qHi = all[(int) Math.ceil((1 + LEVEL) / 2 * (all.length - 1))];
                    if (truth[j] >= qLo && truth[j] <= qHi) {
                        covered[j]++;
                    }
                }
            }
        }
        System.out.printf("largest split R-hat %.3f, smallest ESS %.0f%n", worstRhat, leastEss);
        for (int j = 0; j < 2; j++) {
            System.out.printf("parameter %d: %d of %d %.0f%% intervals cover the truth (accepted %d..%d)%n",
                    j, covered[j], REPLICATES, 100 * LEVEL, lo, hi);
            assertTrue(covered[j] >= lo && covered[j] <= hi, "parameter " + j + ": " + covered[j] + " of "
                    + REPLICATES + " intervals cover the truth, expected " + lo + ".." + hi);
        }
        // every replicate's chains must have converged for the intervals to mean anything
        assertTrue(worstRhat < 1.1, "largest split R-hat " + worstRhat);
        assertTrue(leastEss > 150, "smallest ESS " + leastEss);
    }

    static double[][] startPoints(Prior prior, int walkers, long seed) {
        double[][] u = SobolSequence.scrambled(prior.dimensions(), seed).sample(0L, walkers);
        double[][] x = new double[walkers][];
        for (int k = 0; k < walkers; k++) {
            x[k] = prior.valueAt(u[k]);
        }
        return x;
    }
}
