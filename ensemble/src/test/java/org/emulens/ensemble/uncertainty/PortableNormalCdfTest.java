package org.emulens.ensemble.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Φ against commons-math3's double-precision {@code Erf.erfc} (an independent implementation): the bound was
 * measured over every float in [−8, 8] (six minutes); here on a strided grid that keeps every binade.
 */
class PortableNormalCdfTest {

    private static double exactCdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    @Test
    void isWithinItsAbsoluteErrorBoundOverMinusEightToEight() {
        double max = 0;
        float worst = Float.NaN;
        int eight = Float.floatToRawIntBits(8f);
        for (int sign : new int[] {0, 0x80000000}) {
            // 1009 is prime, so the stride visits every mantissa residue; small |z| come from every binade.
            for (int bits = 0; bits <= eight; bits += 1009) {
                float z = Float.intBitsToFloat(bits | sign);
                double error = Math.abs(PortableNormalCdf.cdf(z) - exactCdf(z));
                if (error > max) {
                    max = error;
                    worst = z;
                }
            }
        }
        // Near 0 the grid above is sparse in absolute terms; the largest errors found there are checked densely.
        for (float z = -0.2f; z <= 0.2f; z += 1e-6f) {
            double error = Math.abs(PortableNormalCdf.cdf(z) - exactCdf(z));
            if (error > max) {
                max = error;
                worst = z;
            }
        }
        assertTrue(max <= PortableNormalCdf.MAX_ABS_ERROR, "max error " + max + " at z = " + worst);
    }

    @Test
    void hasTheLimitsAndNaNOfADistributionFunction() {
        assertEquals(0f, PortableNormalCdf.cdf(Float.NEGATIVE_INFINITY));
        assertEquals(1f, PortableNormalCdf.cdf(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(PortableNormalCdf.cdf(Float.NaN)));
        assertEquals(1f, PortableNormalCdf.cdf(5.5f));
        assertEquals(0f, PortableNormalCdf.cdf(-14.2f));
        assertTrue(PortableNormalCdf.cdf(-14.1f) > 0f);
    }

    @Test
    void isSymmetricToWithinTheRoundingOfOneMinusTail() {
        for (float z = 0f; z < 6f; z += 0.001f) {
            float sum = PortableNormalCdf.cdf(z) + PortableNormalCdf.cdf(-z);
            assertEquals(1.0, sum, 0x1p-24, "z = " + z);
        }
    }

    @Test
    void isNonDecreasingOnAFineGrid() {
        float previous = 0f;
        for (float z = -8f; z <= 8f; z += 1e-4f) {
            float p = PortableNormalCdf.cdf(z);
            assertTrue(p >= previous, "Φ(" + z + ") = " + p + " < " + previous);
            previous = p;
        }
    }
}
