package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.assertKolmogorovSmirnovAccepts;
import static org.emulens.ensemble.uncertainty.Samples.assertMean;
import static org.emulens.ensemble.uncertainty.Samples.assertSd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Truncation by rejection. Expected moments are scipy's; distributions are tested against commons-statistics'
 * {@code TruncatedNormalDistribution}, an independent implementation. Statistical thresholds as in
 * {@link Samples} (false-failure rate 1e-6 each).
 */
class TruncatedGaussianTest {
    private static final int N = 100_000;

    /**
     * Soil moisture near the dry bound, x = 0.05, σ = 0.1 within [0, 0.45]. Expected values from scipy 1.10.1:
     * <pre>
     * /usr/bin/python3 -c "from scipy.stats import truncnorm; import numpy as np
     * m, v = truncnorm.stats((0 - 0.05) / 0.1, (0.45 - 0.05) / 0.1, loc=0.05, scale=0.1, moments='mv')
     * print(repr(float(m)), repr(float(np.sqrt(v))))"
     * 0.10089902006275354 0.06968234178353767
     * </pre>
     */
    @Test
    void matchesScipyTruncnormMomentsAndDistribution() {
        float[] values = Samples.perturbed(ErrorShape.truncatedGaussian(0f, 0.45f), 0.05f, 0.06f, 0.0f, 0.08f, N);
        assertWithinBounds(values, 0f, 0.45f);
        assertMean(0.10089902006275354, 0.06968234178353767, values);
        assertSd(0.06968234178353767, values);
        assertKolmogorovSmirnovAccepts(truncatedNormal(0.05f, 0.1, 0f, 0.45f), values);
    }

    /**
     * A nominal outside the bounds is clamped first, so x = −0.02 behaves as x = 0. scipy 1.10.1, as above
     * with x = 0: {@code truncnorm.stats(0, 4.5, loc=0, scale=0.1)} gives mean 0.07978580150421218, sd
     * 0.06027260847064288.
     */
    @Test
    void nominalOutsideTheBoundsIsClampedFirst() {
        float[] values = Samples.perturbed(ErrorShape.truncatedGaussian(0f, 0.45f), -0.02f, 0.1f, 0f, 0f, N);
        assertWithinBounds(values, 0f, 0.45f);
        assertMean(0.07978580150421218, 0.06027260847064288, values);
        assertSd(0.06027260847064288, values);
        assertKolmogorovSmirnovAccepts(truncatedNormal(0.0, 0.1, 0f, 0.45f), values);
        float[] clampedNominal = Samples.perturbed(ErrorShape.truncatedGaussian(0f, 0.45f), 0f, 0.1f, 0f, 0f, N);
        assertArrayEquals(clampedNominal, values);
    }

    /**
     * Bounds 0.06 wide against σ = 0.1 (centred): each attempt is accepted with probability 0.236, so about
     * 2e-4 of members reach the fallback; moments from scipy 1.10.1,
     * {@code truncnorm.stats(-0.3, 0.3, loc=0.5, scale=0.1)}: mean 0.5, sd 0.017216722100336507.
     */
    @Test
    void narrowBoundsStillGiveTheTruncatedNormal() {
        float[] values = Samples.perturbed(ErrorShape.truncatedGaussian(0.47f, 0.53f), 0.5f, 0.1f, 0f, 0f, N);
        assertWithinBounds(values, 0.47f, 0.53f);
        assertMean(0.5, 0.017216722100336507, values);
        assertSd(0.017216722100336507, values);
        assertKolmogorovSmirnovAccepts(truncatedNormal(0.5f, 0.1, 0.47f, 0.53f), values);
    }

    /**
     * Bounds 0.005σ wide: each attempt is accepted with probability 0.002, so 94% of members take the
     * uniform fallback; the truncated normal there is uniform to within a relative density difference of
     * 5e-6, far below what the test can see.
     */
    @Test
    void fallbackIsUniformOnTheBoundsWhereTheTruncatedNormalIsFlat() {
        float[] values = Samples.perturbed(ErrorShape.truncatedGaussian(1.0f, 1.005f), 1.002f, 1f, 0f, 0f, N);
        assertWithinBounds(values, 1.0f, 1.005f);
        assertKolmogorovSmirnovAccepts(truncatedNormal(1.002f, 1.0, 1.0f, 1.005f), values);
    }

    @Test
    void takesTheFirstAttemptWithinTheBounds() {
        TruncatedGaussian shape = ErrorShape.truncatedGaussian(0f, 1f);
        float[] errors = {-2f, 1.5f, -0.75f, 0.25f};
        assertEquals(0.25f, shape.perturb(1f, 1f, attempt -> errors[attempt]), 0f);
        // A bound itself is accepted.
        assertEquals(0f, shape.perturb(0.5f, 1f, attempt -> attempt == 0 ? -0.5f : 0.1f), 0f);
    }

    @Test
    void fallbackMapsTheFreshScoreOfAttempt32ThroughPhiOntoTheBounds() {
        TruncatedGaussian shape = ErrorShape.truncatedGaussian(2f, 6f);
        float sigma = 0.5f;
        for (float w : new float[] {-2.5f, -0.3f, 0f, 0.8f, 3f}) {
            float fallbackError = w * sigma;
            float value = shape.perturb(4f, sigma, attempt -> attempt < 32 ? 10f : fallbackError);
            double expected = 2.0 + 4.0 * new NormalDistribution(null, 0, 1).cumulativeProbability(w);
            // Φ to within 3.4e-7, times the width 4, plus a few float roundings of values near 4.
            assertEquals(expected, value, 4 * PortableNormalCdf.MAX_ABS_ERROR + 4e-6, "w = " + w);
        }
        assertEquals(6f, shape.perturb(4f, sigma, attempt -> attempt < 32 ? 10f : 100f), 0f);
    }

    @Test
    void zeroSdGivesTheClampedNominal() {
        float[] below = Samples.perturbed(ErrorShape.truncatedGaussian(0f, 1f), -0.5f, 0f, 0f, 0f, 3);
        float[] above = Samples.perturbed(ErrorShape.truncatedGaussian(0f, 1f), 1.5f, 0f, 0f, 0f, 3);
        float[] inside = Samples.perturbed(ErrorShape.truncatedGaussian(0f, 1f), 0.3f, 0f, 0f, 0f, 3);
        assertArrayEquals(new float[] {0f, 0f, 0f}, below);
        assertArrayEquals(new float[] {1f, 1f, 1f}, above);
        assertArrayEquals(new float[] {0.3f, 0.3f, 0.3f}, inside);
    }

    private static void assertWithinBounds(float[] values, float lower, float upper) {
        for (float v : values) {
            assertTrue(v >= lower && v <= upper, v + " outside [" + lower + ", " + upper + "]");
        }
    }

    /** commons-statistics' truncated normal, adapted to commons-math3's KS test. */
    private static AbstractRealDistribution truncatedNormal(double mean, double sd, double lower, double upper) {
        TruncatedNormalDistribution d = TruncatedNormalDistribution.of(mean, sd, lower, upper);
        return new AbstractRealDistribution(null) {
            private static final long serialVersionUID = 1L;

            @Override
            public double density(double x) {
                return d.density(x);
            }

            @Override
            public double cumulativeProbability(double x) {
                return d.cumulativeProbability(x);
            }

            @Override
            public double getNumericalMean() {
                return d.getMean();
            }

            @Override
            public double getNumericalVariance() {
                return d.getVariance();
            }

            @Override
            public double getSupportLowerBound() {
                return lower;
            }

            @Override
            public double getSupportUpperBound() {
                return upper;
            }

            @Override
            public boolean isSupportLowerBoundInclusive() {
                return true;
            }

            @Override
            public boolean isSupportUpperBoundInclusive() {
                return true;
            }

            @Override
            public boolean isSupportConnected() {
                return true;
            }
        };
    }
}
