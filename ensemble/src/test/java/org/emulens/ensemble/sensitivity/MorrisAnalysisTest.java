package org.emulens.ensemble.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.ensemble.design.Problem;
import org.junit.jupiter.api.Test;

class MorrisAnalysisTest {

    /**
     * For a linear model y = sum c_i x_i every elementary effect of factor i is exactly c_i per unit of x_i;
     * on U(lo, hi) factors that is c_i (hi - lo) per unit-cube coordinate. So mu = c_i (hi - lo),
     * mu* = |mu|, sigma = 0.
     */
    @Test
    void linearModelHasConstantElementaryEffects() {
        double[] c = {3, -2, 0.5, 0};
        Problem p = Problem.builder().uniform("a", 0, 1).uniform("b", -1, 1).uniform("c", 10, 14)
                .uniform("d", 0, 1).build();
        double[] width = {1, 2, 4, 1};
        MorrisIndices r = MorrisAnalysis.run(p, (rows, out) -> {
            for (int i = 0; i < rows.length; i++) {
                out[i] = c[0] * rows[i][0] + c[1] * rows[i][1] + c[2] * rows[i][2] + c[3] * rows[i][3];
            }
        }, 20, 4, 1L);
        for (int i = 0; i < 4; i++) {
            assertEquals(c[i] * width[i], r.mu(i), 1e-12, "mu " + i);
            assertEquals(Math.abs(c[i] * width[i]), r.muStar(i), 1e-12, "mu* " + i);
            assertEquals(0, r.sigma(i), 1e-12, "sigma " + i);
        }
    }

    /**
     * On the G-function with p = 4 (delta = 2/3) every move of factor i is between levels 0 and 2/3 or 1/3 and 1,
     * where |4 x - 2| is 2 and 2/3, so g_i changes by (4/3) / (1 + a_i) on every move and mu*_i is proportional to
     * 1 / (1 + a_i) times the mean product of the other factors' g_j. The ranking therefore follows a_i: factor 0
     * (a = 0) first, then a = 1, 4.5, 9, and the four a = 99 factors last. Adjacent ratios are >= 1.8 (2, 1.8, 10)
     * while the products' means over 50 trajectories vary by a few per cent, so the order is not a close call.
     */
    @Test
    void gFunctionMuStarRanksFactorsByImportance() {
        MorrisIndices r = MorrisAnalysis.run(TestFunctions.unitProblem(8), TestFunctions.gFunction(TestFunctions.G_A),
                50, 4, 11L);
        double[] m = r.muStar();
        assertTrue(m[0] > m[1] && m[1] > m[2] && m[2] > m[3], "decreasing over a = 0, 1, 4.5, 9: " + r);
        for (int i = 4; i < 8; i++) {
            assertTrue(m[3] > m[i], "a = 9 above a = 99: " + r);
        }
        System.out.println("G-function Morris, r = 50, p = 4:\n" + r);
    }
}
