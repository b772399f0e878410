package org.emulens.ensemble.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.emulens.ensemble.design.MonteCarloDesign;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.design.SaltelliDesign;
import org.emulens.ensemble.design.SobolSequence;
import org.junit.jupiter.api.Test;

class SobolAnalysisTest {
    private static final int N = 1 << 14;
    private static final long SEED = 2024L;

    /**
     * Acceptance: Ishigami (a = 7, b = 0.1) S1 and ST within 0.01 of the analytic values with N = 2^14 base
     * points of a scrambled Sobol' design. The typical error at this N is a few 1e-4: over seeds 0..39 the largest
     * error of any S1 or ST was 0.0031 here (0.0024 with SciPy's scrambling and the same estimators), so 0.01 is a
     * wide margin, not a tuned one, and the fixed seed is not a lucky one.
     */
    @Test
    void ishigamiIndicesMatchAnalyticValues() {
        SobolIndices r = SobolAnalysis.run(TestFunctions.ishigamiProblem(),
                TestFunctions.ishigami(TestFunctions.ISHIGAMI_A, TestFunctions.ISHIGAMI_B), N, SEED);
        double[][] exact = TestFunctions.ishigamiIndices(TestFunctions.ISHIGAMI_A, TestFunctions.ISHIGAMI_B);
        for (int i = 0; i < 3; i++) {
            assertEquals(exact[0][i], r.s1(i), 0.01, "S1 of x" + (i + 1));
            assertEquals(exact[1][i], r.st(i), 0.01, "ST of x" + (i + 1));
        }
        report("Ishigami", r, exact);
        // S13 = V13 / V, the only interaction; S12 = S23 = 0. Same bound, same margin (worst of 40 seeds 0.0031).
        assertEquals(exact[2][0], r.s2(0, 2), 0.01, "S13");
        assertEquals(0, r.s2(0, 1), 0.01, "S12");
        assertEquals(0, r.s2(1, 2), 0.01, "S23");
    }

    /**
     * Acceptance: G-function (a = 0, 1, 4.5, 9, 99 x 4), S1 and ST within 0.01 at N = 2^14; over seeds 0..39 the
     * largest error was 0.0012.
     */
    @Test
    void gFunctionIndicesMatchAnalyticValues() {
        SobolIndices r = SobolAnalysis.run(TestFunctions.unitProblem(8), TestFunctions.gFunction(TestFunctions.G_A),
                N, SEED);
        double[][] exact = TestFunctions.gIndices(TestFunctions.G_A);
        for (int i = 0; i < 8; i++) {
            assertEquals(exact[0][i], r.s1(i), 0.01, "S1 of x" + (i + 1));
            assertEquals(exact[1][i], r.st(i), 0.01, "ST of x" + (i + 1));
        }
        report("G-function", r, exact);
    }

    /**
     * Independent implementation: design rows and estimates from NumPy/SciPy (README next to the CSV), on an
     * unscrambled Sobol' base that both sides reproduce exactly. Design rows must match exactly; estimates agree
     * to 1e-10, the room left for sin() and summation-order rounding over 8192 outputs.
     */
    @Test
    void designAndEstimatesEqualAnIndependentImplementationOfSalib() throws IOException {
        Problem problem = TestFunctions.ishigamiProblem();
        SaltelliDesign design = SaltelliDesign.of(3, 1024, true, SobolSequence.unscrambled(6));
        double[][] unit = design.unitPoints();
        SobolIndices r = SobolAnalysis.run(problem,
                TestFunctions.ishigami(TestFunctions.ISHIGAMI_A, TestFunctions.ISHIGAMI_B), design,
                Bootstrap.defaults(1));
        int checked = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("saltelli-ishigami-reference.csv"), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                int i = Integer.parseInt(f[1]);
                int j = Integer.parseInt(f[2]);
                double expected = Double.parseDouble(f[3]);
                switch (f[0]) {
                    case "row" -> assertEquals(expected, unit[i][j], 0.0, "design row " + i + ", column " + j);
                    case "S1" -> assertEquals(expected, r.s1(i), 1e-10, "S1 " + i);
                    case "ST" -> assertEquals(expected, r.st(i), 1e-10, "ST " + i);
                    case "S2" -> assertEquals(expected, r.s2(i, j), 1e-10, "S2 " + i + "," + j);
                    default -> throw new AssertionError("unknown kind " + f[0]);
                }
                checked++;
            }
        }
        assertEquals(9 + 24 * 3, checked);
    }

    /**
     * Bootstrap intervals on an i.i.d. (Monte Carlo) base, where the bootstrap's independence assumption holds:
     * each of the six Ishigami S1/ST values must lie within its 99.9% interval. If the intervals are calibrated a
     * random seed fails some check with probability at most 6 x 0.001; the seed is fixed, so the test is
     * deterministic.
     */
    @Test
    void bootstrapIntervalsCoverTheAnalyticValuesOnAnIidBase() {
        SaltelliDesign design = SaltelliDesign.of(3, 4096, false, MonteCarloDesign.seeded(6, 77L));
        SobolIndices r = SobolAnalysis.run(TestFunctions.ishigamiProblem(),
                TestFunctions.ishigami(TestFunctions.ISHIGAMI_A, TestFunctions.ISHIGAMI_B), design,
                Bootstrap.of(200, 0.999, 78L));
        double[][] exact = TestFunctions.ishigamiIndices(TestFunctions.ISHIGAMI_A, TestFunctions.ISHIGAMI_B);
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(r.s1(i) - exact[0][i]) <= r.s1Conf(i), "S1 " + i + ": " + r);
            assertTrue(Math.abs(r.st(i) - exact[1][i]) <= r.stConf(i), "ST " + i + ": " + r);
            assertTrue(r.s1Conf(i) > 0 && r.stConf(i) < 0.2, "plausible widths: " + r);
        }
        assertTrue(!r.hasSecondOrder());
    }

    private static void report(String function, SobolIndices r, double[][] exact) {
        double s1 = 0;
        double st = 0;
        for (int i = 0; i < r.factors(); i++) {
            s1 = Math.max(s1, Math.abs(r.s1(i) - exact[0][i]));
            st = Math.max(st, Math.abs(r.st(i) - exact[1][i]));
        }
        System.out.printf("%s, N = 2^14, seed %d: max |S1 - exact| = %.5f, max |ST - exact| = %.5f%n%s", function,
                SEED, s1, st, r);
    }

    @Test
    void sameSeedGivesTheSameResults() {
        Problem p = TestFunctions.unitProblem(3);
        BatchModel m = TestFunctions.gFunction(new double[] {0, 1, 9});
        SobolIndices a = SobolAnalysis.run(p, m, 256, 5L);
        SobolIndices b = SobolAnalysis.run(p, m, 256, 5L);
        for (int i = 0; i < 3; i++) {
            assertEquals(a.s1(i), b.s1(i), 0.0);
            assertEquals(a.s1Conf(i), b.s1Conf(i), 0.0);
            assertEquals(a.stConf(i), b.stConf(i), 0.0);
        }
        assertEquals(a.s2Conf(0, 1), b.s2Conf(0, 1), 0.0);
        assertTrue(Double.isNaN(a.s2Matrix()[1][0]), "SALib layout: lower triangle NaN");
        assertEquals(List.of("x1", "x2", "x3"), a.names());
    }

    @Test
    void unusableOutputsAreReported() {
        SaltelliDesign design = SaltelliDesign.scrambledSobol(2, 8, false, 1L);
        List<String> names = List.of("a", "b");
        double[] y = new double[design.rows()];
        SensitivityException constant = assertThrows(SensitivityException.class,
                () -> SobolAnalysis.analyze(design, y, names, Bootstrap.defaults(1)));
        assertTrue(constant.getMessage().contains("variance 0.0, expected > 0"), constant.getMessage());
        y[5] = Double.NaN;
        assertEquals("model output at design row 5 is NaN, expected a finite number",
                assertThrows(SensitivityException.class,
                        () -> SobolAnalysis.analyze(design, y, names, Bootstrap.defaults(1))).getMessage());
        assertThrows(SensitivityException.class,
                () -> SobolAnalysis.analyze(design, new double[3], names, Bootstrap.defaults(1)));
    }
}
