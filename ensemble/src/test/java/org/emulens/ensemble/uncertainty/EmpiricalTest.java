package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.assertMean;
import static org.emulens.ensemble.uncertainty.Samples.assertSd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/**
 * Resampling a standardised error sample scaled to the total sd. Statistical thresholds as in
 * {@link Samples} (false-failure rate 1e-6 each).
 */
class EmpiricalTest {
    /** A skewed sample: mean 2.4, population sd sqrt(16.24) = 4.0299. */
    private static final float[] SAMPLE = {-1f, 0f, 0f, 3f, 10f};

    @Test
    void standardisesWithThePopulationMeanAndSd() {
        Empirical shape = ErrorShape.empirical(SAMPLE);
        assertEquals(2.4, shape.sampleMean(), 1e-12);
        assertEquals(Math.sqrt(16.24), shape.sampleSd(), 1e-12);
        double sd = Math.sqrt(16.24);
        float[] expected = new float[SAMPLE.length];
        for (int i = 0; i < SAMPLE.length; i++) {
            expected[i] = (float) ((SAMPLE[i] - 2.4) / sd);
        }
        assertArrayEquals(expected, shape.standardisedSample());
    }

    @Test
    void resamplesEveryValueWithEqualProbabilityScaledToSigma() {
        float x = 50f;
        float sigma = 2f;
        int n = 100_000;
        float[] values = Samples.perturbed(ErrorShape.empirical(SAMPLE), x, 0f, 0f, sigma, n);
        float[] standardised = ErrorShape.empirical(SAMPLE).standardisedSample();
        // Each of the five sample values; the two zeros are one value with twice the probability.
        float[] distinct = {x + sigma * standardised[0], x + sigma * standardised[1], x + sigma * standardised[3],
            x + sigma * standardised[4]};
        long[] counts = new long[distinct.length];
        for (float v : values) {
            int k = indexOf(distinct, v);
            assertTrue(k >= 0, "value " + v + " is not x + σ·(a standardised sample value)");
            counts[k]++;
        }
        double[] expected = {n / 5.0, 2 * n / 5.0, n / 5.0, n / 5.0};
        double p = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(p > Samples.P_MIN, "chi-square p-value " + p);
        assertMean(x, sigma, values);
        assertSd(sigma, values);
    }

    @Test
    void indexComesFromPhiOfTheScore() {
        Empirical shape = ErrorShape.empirical(new float[] {1f, 2f, 3f, 4f});
        float[] standardised = shape.standardisedSample();
        // Φ(w) in [0, ¼) -> value 0, [¼, ½) -> 1, ...; Φ(−1) = 0.159, Φ(−0.3) = 0.382, Φ(0.3) = 0.618,
        // Φ(1) = 0.841, and Φ(20) rounds to exactly 1, which picks the last value rather than one past it.
        float[] scores = {-1f, -0.3f, 0.3f, 1f, 20f};
        int[] expectedIndex = {0, 1, 2, 3, 3};
        for (int i = 0; i < scores.length; i++) {
            float w = scores[i];
            float value = shape.perturb(0f, 1f, attempt -> w);
            assertEquals(standardised[expectedIndex[i]], value, 0f, "w = " + w);
        }
    }

    @Test
    void keepsItsOwnCopyOfTheSample() {
        float[] errors = {1f, 2f, 3f};
        Empirical shape = ErrorShape.empirical(errors);
        errors[0] = 100f;
        assertArrayEquals(new float[] {1f, 2f, 3f}, shape.sample());
        assertEquals(ErrorShape.empirical(new float[] {1f, 2f, 3f}), shape);
    }

    private static int indexOf(float[] values, float v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
