package org.emulens.ensemble.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

class HistoryMatchingTest {
    private static final long SEED = 77L;
    /**
     * Each standardised residual at the truth is exactly N(0, 1) (the bias is in its variance), so with a
     * cutoff of 4.5 on the maximum over 16 observations the truth is ruled out with probability at most
     * 16 · P(|N| > 4.5) = 1.1e-4 per replicate, and by the second wave's cutoff of 4 on the second largest
     * with probability at most E[#(|N| > 4)] / 2 = 16 · 6.3e-5 / 2 = 5.1e-4 (Markov); over 10 replicates this
     * test fails falsely with probability below 0.007.
     */
    private static final double CUTOFF = 4.5;
    private static final double SECOND_CUTOFF = 4.0;

    @Test
    void trueParametersStayInNroyWhichShrinksOverWaves() {
        Prior prior = BetaCase.prior();
        try (CpuBackend backend = new CpuBackend(1);
                CompiledEmulator c = backend.compile(BetaCase.model(), TanhMode.FAST)) {
            ModelAtObservations model = new ModelAtObservations(c, "beta", prior.names(), BetaCase.observations(), 1 << 14);
            for (int r = 0; r < 10; r++) {
                double[] truth = BetaCase.truth(SEED, r);
                ObservationErrors errors = ObservationErrors.of(BetaCase.synthetic(model, truth, SEED, r),
                        BetaCase.SYSTEMATIC_SD, BetaCase.EMULATOR_SD, 0, 0);
                double[] f = new double[BetaCase.OBSERVATIONS];
                model.evaluate(new double[][] {truth}, 1, f);
                assertTrue(HistoryMatching.implausibility(errors, f, 0, 1) <= CUTOFF
                        && HistoryMatching.implausibility(errors, f, 0, 2) <= SECOND_CUTOFF,
                        "replicate " + r + ": the truth " + truth[0] + ", " + truth[1] + " is ruled out");
                HistoryMatching.Result result = HistoryMatching.run(prior, model, errors, List.of(
                        new HistoryMatching.Wave(CUTOFF, 1, 4096), new HistoryMatching.Wave(SECOND_CUTOFF, 2, 4096)),
                        SEED + r, 1024, 100_000, Progress.NONE);
                HistoryMatching.WaveResult w1 = result.waves().get(0);
                System.out.printf("replicate %d: NROY fraction %.4f after wave 1, %.4f after wave 2 (%d of %d in NROY)%n",
                        r, w1.nroyFraction(), result.last().nroyFraction(), result.last().nroy(), result.last().evaluated());
                // the box-restricted prior is the whole uniform prior here, so wave 1's fraction is a plain ratio
                assertEquals((double) w1.nroy() / w1.evaluated(), w1.nroyFraction(), 1e-12);
                // wave 2 samples where wave 1 left NROY, so more of its points land there
                assertTrue(result.last().nroy() > w1.nroy(), "replicate " + r);
                assertTrue(w1.nroyFraction() < 0.5, "replicate " + r + ": NROY fraction " + w1.nroyFraction());
                assertTrue(result.last().nroyFraction() <= w1.nroyFraction() * 1.05,
                        "replicate " + r + ": wave 2 " + result.last().nroyFraction() + " vs " + w1.nroyFraction());
                // the truth lies inside the bounding box of the NROY points of the last wave
                for (int j = 0; j < 2; j++) {
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (double[] x : result.nroyPoints()) {
                        lo = Math.min(lo, x[j]);
                        hi = Math.max(hi, x[j]);
                    }
                    assertTrue(truth[j] >= lo && truth[j] <= hi, "replicate " + r + " parameter " + j);
                }
            }
        }
    }

    @Test
    void implausibilityIsTheLargestOrSecondLargestStandardisedResidual() {
        Observations obs = new Observations("t", List.of("x"), new double[][] {{0}, {0}, {0}},
                new double[] {1, 2, 3}, new double[] {0.5, 1, 1}, null);
        ObservationErrors e = ObservationErrors.of(obs, 0, 0, 0, 0);
        double[] f = {0, 0, 0};
        // residuals 1, 2, 3 over sds 0.5, 1, 1: standardised 2, 2, 3
        assertEquals(3.0, HistoryMatching.implausibility(e, f, 0, 1), 1e-15);
        assertEquals(2.0, HistoryMatching.implausibility(e, f, 0, 2), 1e-15);
        ObservationErrors withAll = ObservationErrors.of(obs, 1, 1, 1, 0);
        // V = sd² + 1 + 1 + 1: sqrt(3.25), 2, 2
        assertEquals(3 / 2.0, HistoryMatching.implausibility(withAll, f, 0, 1), 1e-15);
    }
}
