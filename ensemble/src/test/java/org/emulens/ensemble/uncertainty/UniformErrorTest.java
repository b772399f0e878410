package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.assertKolmogorovSmirnovAccepts;
import static org.emulens.ensemble.uncertainty.Samples.assertMean;
import static org.emulens.ensemble.uncertainty.Samples.assertSd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.Test;

/**
 * Additive uniform error with the total sd: uniform on [x − σ√3, x + σ√3] (analytic). Statistical thresholds
 * as in {@link Samples} (false-failure rate 1e-6 each).
 */
class UniformErrorTest {

    @Test
    void isUniformWithTheTotalSd() {
        float x = 0.2f;
        double sigma = 0.05; // components 0.03, 0.04
        float[] values = Samples.perturbed(ErrorShape.uniform(), x, 0.03f, 0.04f, 0f, 100_000);
        double halfWidth = sigma * Math.sqrt(3);
        assertMean(x, sigma, values);
        assertSd(sigma, values);
        assertKolmogorovSmirnovAccepts(new UniformRealDistribution(null, x - halfWidth, x + halfWidth), values);
        // Within the interval up to float rounding of the half-width and the sum (a few ulps of 0.29).
        for (float v : values) {
            assertTrue(v >= x - halfWidth - 1e-7 && v <= x + halfWidth + 1e-7, "value " + v);
        }
    }

    @Test
    void mapsTheScoreThroughPhiOntoTheInterval() {
        float sigma = 2f;
        float halfWidth = sigma * UniformError.SQRT3;
        // w = 0 -> the centre, to within 2·halfWidth·(Φ's error) plus an ulp of 10; w = ±20 -> Φ is exactly
        // 1 (rounded) or 0 (underflowed, below z = -14.17): the ends.
        assertEquals(10f, ErrorShape.uniform().perturb(10f, sigma, attempt -> 0f),
                2 * halfWidth * PortableNormalCdf.MAX_ABS_ERROR + Math.ulp(10f));
        assertEquals(10f + halfWidth, ErrorShape.uniform().perturb(10f, sigma, attempt -> 40f), 0f);
        assertEquals(10f - halfWidth, ErrorShape.uniform().perturb(10f, sigma, attempt -> -40f), 0f);
    }
}
