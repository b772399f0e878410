package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FactorTest {
    private static final double[] U = {1e-6, 0.025, 0.3, 0.5, 0.9, 0.999999};

    /*
     * Expected quantiles from SciPy 1.10.1 (Debian /usr/bin/python3), e.g.
     *   stats.norm.ppf(U, loc=1.5, scale=0.4)
     *   stats.truncnorm.ppf(U, (-0.5-0.2)/1.0, (2.0-0.2)/1.0, loc=0.2, scale=1.0)
     *   np.exp(stats.norm.ppf(U, loc=0.3, scale=0.5))
     *   stats.triang.ppf(U, c=0.25, loc=1, scale=2)
     * Tolerance 1e-12 relative: both sides are inverse CDFs accurate to a few ulps in the body; the truncated
     * normal's inverse is computed differently (SciPy via ndtri of the rescaled probability), hence 1e-9 there.
     */
    @Test
    void normalQuantilesMatchScipy() {
        assertQuantiles(Factor.normal("k", 1.5, 0.4), 1e-12, -0.40136972352915956, 0.7160144061839782,
                1.2902397949167836, 1.5, 2.0126206262178403, 3.4013697235268348);
    }

    @Test
    void truncatedNormalQuantilesMatchScipy() {
        assertQuantiles(Factor.truncatedNormal("t", 0.2, 1.0, -0.5, 2.0), 1e-9, -0.4999976874416396,
                -0.44329514514518337, 0.09602718441599721, 0.46116318545553137, 1.4364755624357075,
                1.9999908537221434);
    }

    @Test
    void logNormalQuantilesMatchScipy() {
        assertQuantiles(Factor.logNormal("z", 0.3, 0.5), 1e-12, 0.12534163942961463, 0.5066261154697307,
                1.0385232411755194, 1.3498588075760032, 2.5619681783584793, 14.537218506771017);
    }

    @Test
    void triangularQuantilesMatchScipy() {
        assertQuantiles(Factor.triangular("w", 1, 1.5, 3), 1e-12, 1.001, 1.158113883008419, 1.5508623253810563,
                1.775255128608411, 2.452277442494834, 2.9982679491924062);
    }

    @Test
    void uniformIsTheAffineMapIncludingTheEnds() {
        Factor f = Factor.uniform("x", -2, 5);
        assertEquals(-2.0, f.valueAt(0.0));
        assertEquals(5.0, f.valueAt(1.0));
        assertEquals(0.10000000000000009, f.valueAt(0.3), 0.0, "SciPy/SALib: 0.3 * 7 - 2");
    }

    @Test
    void salibConventionsMapToTheSameMarginals() {
        assertEquals(new Marginal.Uniform(1, 2), Factor.fromSalib("a", "unif", 1, 2).marginal());
        assertEquals(new Marginal.Normal(3, 0.5), Factor.fromSalib("a", "norm", 3, 0.5).marginal());
        assertEquals(new Marginal.TruncatedNormal(0.2, 1, -0.5, 2),
                Factor.fromSalib("a", "truncnorm", -0.5, 2, 0.2, 1).marginal());
        assertEquals(new Marginal.LogNormal(0.3, 0.5), Factor.fromSalib("a", "lognorm", 0.3, 0.5).marginal());
        // SALib docs: [1.0, 3.0, 0.5] is 1 to 3 with the peak at 2.
        assertEquals(new Marginal.Triangular(1, 2, 3), Factor.fromSalib("a", "triang", 1, 3, 0.5).marginal());
    }

    @Test
    void invalidParametersAreReportedWithTheFactorName() {
        assertMessage("factor 'theta': bounds inverted, lower 0.5 > upper 0.2",
                () -> Factor.uniform("theta", 0.5, 0.2));
        assertMessage("factor 'k': sd must be > 0, found -1.0", () -> Factor.normal("k", 0, -1));
        assertMessage("factor 'k': sd must be > 0, found 0.0", () -> Factor.normal("k", 0, 0));
        assertMessage("factor 't': bounds inverted, lower 3.0 > upper 1.0",
                () -> Factor.truncatedNormal("t", 0, 1, 3, 1));
        assertMessage("factor 'z': sigma must be > 0, found 0.0", () -> Factor.logNormal("z", 0, 0));
        assertMessage("factor 'w': mode 4.0 outside the bounds, expected within [1.0, 3.0]",
                () -> Factor.triangular("w", 1, 4, 3));
        assertMessage("factor 'm': mean is NaN, expected a finite number", () -> Factor.normal("m", Double.NaN, 1));
        assertMessage("factor 'e': bounds empty, lower 1.0 = upper 1.0; a fixed value is not an uncertain factor",
                () -> Factor.uniform("e", 1, 1));
        assertMessage("factor name is blank, expected a non-empty name", () -> Factor.uniform(" ", 0, 1));
        assertMessage("factor 'g': unknown SALib distribution 'gamma', expected one of unif, norm, truncnorm, "
                + "lognorm, triang", () -> Factor.fromSalib("g", "gamma", 1, 2));
        assertMessage("factor 'n': SALib 'norm' takes 2 values [mean, sd], found 3",
                () -> Factor.fromSalib("n", "norm", 1, 2, 3));
    }

    @Test
    void unboundedMarginalRefusesTheCubeBoundaryByName() {
        DesignException e = assertThrows(DesignException.class, () -> Factor.normal("k", 0, 1).valueAt(0.0));
        assertTrue(e.getMessage().startsWith("factor 'k': unit coordinate 0.0 maps to -Infinity"), e.getMessage());
        assertThrows(DesignException.class, () -> Factor.uniform("x", 0, 1).valueAt(1.5));
        assertThrows(DesignException.class, () -> Factor.uniform("x", 0, 1).valueAt(Double.NaN));
    }

    private static void assertQuantiles(Factor f, double relTol, double... expected) {
        for (int i = 0; i < U.length; i++) {
            double got = f.valueAt(U[i]);
            assertEquals(expected[i], got, relTol * Math.abs(expected[i]), f + " at u = " + U[i]);
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(DesignException.class, call).getMessage());
    }
}
