package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.assertKolmogorovSmirnovAccepts;
import static org.emulens.ensemble.uncertainty.Samples.assertMean;
import static org.emulens.ensemble.uncertainty.Samples.assertSd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Multiplicative, mean-preserving lognormal error. Expected values are analytic: with
 * {@code s² = ln(1 + (σ/x)²)} the value is LogNormal(ln x − s²/2, s), with mean x and sd σ. Statistical
 * thresholds as in {@link Samples} (false-failure rate 1e-6 each).
 */
class LogNormalTest {
    private static final int N = 100_000;

    @Test
    void preservesTheMeanHasSdSigmaAndIsLognormal() {
        float x = 2f;
        double sigma = 0.5; // components 0.3, 0.4 -> total 0.5
        float[] values = Samples.perturbed(ErrorShape.logNormal(), x, 0.3f, 0f, 0.4f, N);
        double s2 = Math.log1p(sigma * sigma / (x * x));
        assertMean(x, sigma, values);
        assertSd(sigma, values);
        assertKolmogorovSmirnovAccepts(new LogNormalDistribution(null, Math.log(x) - s2 / 2, Math.sqrt(s2)), values);
        for (float v : values) {
            assertTrue(v > 0f, "lognormal value " + v);
        }
    }

    @Test
    void largeRelativeErrorsKeepTheMean() {
        // σ/x = 1.5: s = 1.0857, strongly skewed; the mean is still x.
        float x = 4f;
        double sigma = 6;
        float[] values = Samples.perturbed(ErrorShape.logNormal(), x, 6f, 0f, 0f, 400_000);
        double s2 = Math.log1p(sigma * sigma / (x * x));
        assertMean(x, sigma, values);
        assertKolmogorovSmirnovAccepts(new LogNormalDistribution(null, Math.log(x) - s2 / 2, Math.sqrt(s2)), values);
    }

    @Test
    void tinyRelativeErrorsAreNotLostToRounding() {
        // σ/x = 1e-5: 1 + (σ/x)² rounds to 1 in float, which is why s² uses a log1p construction.
        float x = 1000f;
        float[] values = Samples.perturbed(ErrorShape.logNormal(), x, 0.01f, 0f, 0f, 50_000);
        assertMean(x, 0.01, values);
        assertSd(0.01, values);
    }

    @Test
    void logSpaceVarianceIsAccurateFromTinyToHugeRatios() {
        // Against Math.log1p in double. Error budget: log within 0.86 ulp, plus the roundings of t, 1 + t,
        // u − 1, the quotient and the product, each at most 0.5 ulp, with Kahan's cancellation argument
        // keeping their sum near 3 ulps; 4 ulps allows for that.
        double maxUlps = 0;
        for (int bits = Float.floatToRawIntBits(1e-19f); bits < Float.floatToRawIntBits(1e18f); bits += 257) {
            float ratio = Float.intBitsToFloat(bits);
            double exact = Math.log1p((double) ratio * ratio);
            float got = LogNormal.logSpaceVariance(ratio);
            maxUlps = Math.max(maxUlps, Math.abs(got - exact) / Math.ulp((float) exact));
        }
        assertTrue(maxUlps <= 4, "max error " + maxUlps + " ulp");
    }

    @Test
    void nonPositiveNominalsHaveNoMultiplicativeError() {
        float[] zero = Samples.perturbed(ErrorShape.logNormal(), 0f, 1f, 0f, 0f, 3);
        float[] negative = Samples.perturbed(ErrorShape.logNormal(), -2f, 1f, 0f, 0f, 3);
        for (int m = 0; m < 3; m++) {
            assertEquals(0f, zero[m], 0f);
            assertEquals(-2f, negative[m], 0f);
        }
    }
}
