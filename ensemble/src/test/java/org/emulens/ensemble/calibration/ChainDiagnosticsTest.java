package org.emulens.ensemble.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.junit.jupiter.api.Test;

/**
 * Split R-hat and ESS on chains whose answers are known: independent normal draws (R-hat ≈ 1, ESS ≈ the draw
 * count) and AR(1) chains x_t = ρ x_{t−1} + sqrt(1 − ρ²) ε_t, whose integrated autocorrelation time is
 * (1 + ρ)/(1 − ρ), so ESS ≈ n (1 − ρ)/(1 + ρ).
 */
class ChainDiagnosticsTest {
    private static final int CHAINS = 4;
    private static final int DRAWS = 5000;

    private static double[][] ar1(double rho, double[] offsets, long seed) {
        double[][] c = new double[CHAINS][DRAWS];
        double s = Math.sqrt(1 - rho * rho);
        for (int j = 0; j < CHAINS; j++) {
            double x = MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, j, 0, 0);
            for (int t = 0; t < DRAWS; t++) {
                x = rho * x + s * MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, j, t + 1, 0);
                c[j][t] = x + offsets[j];
            }
        }
        return c;
    }

    @Test
    void independentDrawsHaveRhatOneAndFullEss() {
        ChainDiagnostics.Summary s = ChainDiagnostics.of(ar1(0, new double[CHAINS], 5));
        // ESS of 20000 iid draws: the estimate's relative sd is a few percent
        assertEquals(1.0, s.rhat(), 0.01);
        assertEquals(CHAINS * DRAWS, s.ess(), 0.1 * CHAINS * DRAWS);
    }

    @Test
    void ar1ChainsHaveTheirKnownEss() {
        for (double rho : new double[] {0.5, 0.9}) {
            ChainDiagnostics.Summary s = ChainDiagnostics.of(ar1(rho, new double[CHAINS], 11));
            double expected = CHAINS * DRAWS * (1 - rho) / (1 + rho);
            // the ESS estimate's sampling error grows with rho; 20% holds with room at these lengths
            assertEquals(expected, s.ess(), 0.2 * expected, "rho " + rho);
            assertEquals(1.0, s.rhat(), 0.02, "rho " + rho);
        }
    }

    @Test
    void chainsStuckInDifferentPlacesHaveLargeRhat() {
        ChainDiagnostics.Summary s = ChainDiagnostics.of(ar1(0.5, new double[] {0, 0, 3, 3}, 3));
        assertTrue(s.rhat() > 1.5, "R-hat " + s.rhat());
        // within-chain drift: the second half of every chain shifted shows up in split R-hat
        double[][] drift = ar1(0.0, new double[CHAINS], 4);
        for (double[] c : drift) {
            for (int t = DRAWS / 2; t < DRAWS; t++) {
                c[t] += 2;
            }
        }
        assertTrue(ChainDiagnostics.of(drift).rhat() > 1.3);
    }
}
