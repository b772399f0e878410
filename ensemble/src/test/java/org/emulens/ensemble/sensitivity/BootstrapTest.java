package org.emulens.ensemble.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    /** Standard normal quantiles from published tables: z_0.975 = 1.959964, z_0.995 = 2.575829. */
    @Test
    void zScoreIsTheTwoSidedNormalQuantile() {
        assertEquals(1.959964, Bootstrap.defaults(1).zScore(), 5e-7);
        assertEquals(2.575829, Bootstrap.of(50, 0.99, 1).zScore(), 5e-7);
    }

    /** For estimates {1, 2, 3}: sd (n - 1) = 1, so the half-width is z. */
    @Test
    void halfWidthIsZTimesTheSampleStandardDeviation() {
        Bootstrap b = Bootstrap.defaults(1);
        assertEquals(b.zScore(), b.halfWidth(new double[] {1, 2, 3}), 1e-15);
    }

    @Test
    void resamplesAreReproducibleAndInRange() {
        Bootstrap b = Bootstrap.defaults(3);
        int[] first = b.resample(5, 1000);
        assertArrayEquals(first, Bootstrap.defaults(3).resample(5, 1000));
        for (int k : first) {
            assertTrue(k >= 0 && k < 1000);
        }
        // Drawing n from n with replacement leaves out a fraction (1 - 1/n)^n ~ e^-1 = 0.368 of points;
        // the count left out has sd ~ 0.48 sqrt(n) ~ 15 for n = 1000, so +-0.06 is 4 sd.
        boolean[] seen = new boolean[1000];
        int distinct = 0;
        for (int k : first) {
            distinct += seen[k] ? 0 : 1;
            seen[k] = true;
        }
        assertEquals(1 - Math.exp(-1), distinct / 1000.0, 0.06);
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(1, 0.95, 0));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(100, 1.0, 0));
    }
}
