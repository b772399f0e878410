package org.emulens.ensemble.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Shared sampling and checking for the statistical tests of this package.
 *
 * <p>Every statistical assertion uses a fixed seed, so it is deterministic; each threshold is set so that,
 * with a fresh random seed, the assertion would fail with probability at most 1e-6 if the perturbations
 * followed the documented distribution exactly: two-sided normal quantile {@value #Z_1E6} for means, standard
 * deviations and correlations (whose estimators are asymptotically normal at these sample sizes), p-value
 * 1e-6 for Kolmogorov–Smirnov and chi-square tests.
 */
final class Samples {
    static final long SEED = 0x5EED_0F_E4_7C_17L;
    /** Two-sided standard normal quantile for a false-failure rate of 1e-6. */
    static final double Z_1E6 = 4.892;
    /** Significance level of the distribution tests, their false-failure rate. */
    static final double P_MIN = 1e-6;
    static final int CELL = 7;
    static final float LAT = 10.3f;
    static final float LON = 20.6f;

    private Samples() {
    }

    /** A model over one input {@code "x"} with {@code shape} and a correlated component of length 1 degree. */
    static UncertaintyModel oneInput(ErrorShape shape) {
        return UncertaintyModel.builder(List.of("x")).input("x", shape, 1f).build();
    }

    /** {@code members} perturbed values of a single input in one cell. */
    static float[] perturbed(ErrorShape shape, float nominal, float sdR, float sdC, float sdS, int members) {
        UncertaintyModel model = oneInput(shape);
        CellUncertainty cell = CellUncertainty.of(model, CELL, LAT, LON, new float[] {sdR}, new float[] {sdC},
                new float[] {sdS});
        MemberPerturber perturber = new MemberPerturber(model);
        float[] in = {nominal};
        float[] out = new float[1];
        float[] values = new float[members];
        for (int m = 0; m < members; m++) {
            perturber.perturb(SEED, cell, m, in, 0, out, 0);
            values[m] = out[0];
        }
        return values;
    }

    static void assertKolmogorovSmirnovAccepts(RealDistribution distribution, float[] sample) {
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(distribution, toDouble(sample), false);
        assertTrue(p > P_MIN,
                "Kolmogorov–Smirnov p-value " + p + " against " + distribution.getClass().getSimpleName());
    }

    static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double centralMoment(float[] values, int order) {
        double mean = mean(values);
        double sum = 0;
        for (float v : values) {
            sum += Math.pow(v - mean, order);
        }
        return sum / values.length;
    }

    /**
     * The sample mean is within {@value #Z_1E6} standard errors of {@code expected}, the standard error being
     * {@code expectedSd / √n}.
     */
    static void assertMean(double expected, double expectedSd, float[] sample) {
        assertEquals(expected, mean(sample), Z_1E6 * expectedSd / Math.sqrt(sample.length), "mean");
    }

    /**
     * The sample variance is within {@value #Z_1E6} standard errors of {@code expectedSd²}; its standard error
     * {@code sqrt((μ4 − σ⁴) / n)} is estimated from the sample's fourth moment, which covers any kurtosis.
     */
    static void assertSd(double expectedSd, float[] sample) {
        double variance = centralMoment(sample, 2);
        double m4 = centralMoment(sample, 4);
        double standardError = Math.sqrt((m4 - variance * variance) / sample.length);
        assertEquals(expectedSd * expectedSd, variance, Z_1E6 * standardError,
                "variance (sd " + Math.sqrt(variance) + ", expected " + expectedSd + ")");
    }

    static double correlation(float[] a, float[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /**
     * Pearson's r of {@code n} pairs from a bivariate normal with correlation ρ has standard deviation about
     * {@code (1 − ρ²) / √n}.
     */
    static void assertCorrelation(double expected, float[] a, float[] b, String what) {
        double tolerance = Z_1E6 * (1 - expected * expected) / Math.sqrt(a.length);
        assertEquals(expected, correlation(a, b), tolerance, what);
    }
}
