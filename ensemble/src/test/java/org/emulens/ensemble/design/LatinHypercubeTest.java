package org.emulens.ensemble.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class LatinHypercubeTest {

    /** Each of the n strata of each dimension holds exactly one point, checked in exact arithmetic. */
    @Test
    void everyStratumHoldsExactlyOnePoint() {
        for (int n : new int[] {1, 2, 7, 100, 1000}) {
            double[][] x = LatinHypercube.seeded(5, 42L).sample(n);
            for (int j = 0; j < 5; j++) {
                int[] counts = new int[n];
                for (double[] point : x) {
                    counts[exactStratum(point[j], n)]++;
                }
                for (int c : counts) {
                    assertEquals(1, c, "n = " + n + ", dimension " + j);
                }
            }
        }
    }

    /**
     * Within its stratum a point is uniform, so the positions {@code n x - stratum} of all points pooled are
     * independent U(0, 1) (the stratified points themselves are more even than i.i.d. ones, so a goodness-of-fit
     * test on them would say nothing). Kolmogorov-Smirnov at level 0.001 on 5 x 2000 positions; with the seed fixed
     * the test is deterministic, and for a random seed a correct design fails it with probability 0.001.
     */
    @Test
    void positionsWithinStrataAreUniform() {
        int n = 2000;
        double[][] x = LatinHypercube.seeded(5, 7L).sample(n);
        double[] within = new double[5 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                within[5 * i + j] = x[i][j] * n - exactStratum(x[i][j], n);
            }
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), within);
        assertTrue(p > 0.001, "KS p-value " + p);
    }

    /** Different dimensions get different permutations: matched strata would give rank correlation 1. */
    @Test
    void dimensionsAreNotPaired() {
        double[][] x = LatinHypercube.seeded(2, 3L).sample(1000);
        double sxy = 0;
        for (double[] p : x) {
            sxy += (p[0] - 0.5) * (p[1] - 0.5);
        }
        double correlation = sxy / x.length / (1.0 / 12);
        // For independent permutations the correlation has sd 1/sqrt(n - 1) ~ 0.032; 0.15 is 4.7 sd (p ~ 3e-6).
        assertTrue(Math.abs(correlation) < 0.15, "correlation " + correlation);
    }

    @Test
    void offsetsNextToOneStayInTheirStratum() {
        for (int n : new int[] {3, 7, 1 << 20, 999_983}) {
            for (int stratum : new int[] {0, 1, n / 2, n - 1}) {
                for (double offset : new double[] {0x1p-53, 0.5, 1 - 0x1p-53, Math.nextDown(1.0)}) {
                    double x = LatinHypercube.insideStratum(stratum, offset, n);
                    assertEquals(stratum, exactStratum(x, n), "n " + n + ", offset " + offset);
                    assertTrue(x > 0 && x < 1);
                }
            }
        }
    }

    @Test
    void sameSeedSameDesign() {
        assertArrayEquals(LatinHypercube.seeded(3, 1L).sample(50)[17], LatinHypercube.seeded(3, 1L).sample(50)[17],
                0.0);
    }

    private static int exactStratum(double x, int n) {
        return new BigDecimal(x).multiply(BigDecimal.valueOf(n)).intValue();
    }
}
