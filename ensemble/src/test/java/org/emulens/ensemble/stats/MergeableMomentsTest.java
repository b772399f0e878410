package org.emulens.ensemble.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

/**
 * Against commons-math3, which stores the values and computes each moment in two passes.
 *
 * <p>Tolerances: one-pass updates accumulate rounding of order n·ε relative in the worst case and about
 * √n·ε typically (ε = 1.1e-16); for n = 10^5 values that is at most 1e-11. Relative tolerances of 1e-10 for
 * mean and variance and 1e-9 for skewness and kurtosis (absolute, as they are of order one) leave a
 * margin without hiding a wrong formula, which would be off by far more.
 */
class MergeableMomentsTest {
    private static final int N = 100_000;

    private static double[] shiftedNormal() {
        // Mean 1e4, sd 1: the case that breaks raw power sums.
        return new NormalDistribution(new Well19937c(1), 1e4, 1).sample(N);
    }

    private static double[] skewedGamma() {
        // Gamma(shape 2): skewness √2, excess kurtosis 3.
        return new GammaDistribution(new Well19937c(2), 2, 3).sample(N);
    }

    @Test
    void sampleMomentsMatchCommonsMath() {
        for (double[] data : new double[][] {shiftedNormal(), skewedGamma()}) {
            MergeableMoments ours = MergeChecks.whole(data, MergeableMoments::new);
            DescriptiveStatistics reference = new DescriptiveStatistics(data);
            assertEquals(N, ours.count());
            assertRelative(reference.getMean(), ours.mean(), 1e-10, "mean");
            assertRelative(reference.getVariance(), ours.sampleVariance(), 1e-10, "sample variance");
            assertRelative(reference.getPopulationVariance(), ours.populationVariance(), 1e-10,
                    "population variance");
            assertEquals(reference.getSkewness(), ours.sampleSkewness(), 1e-9, "sample skewness");
            assertEquals(reference.getKurtosis(), ours.sampleExcessKurtosis(), 1e-9, "sample excess kurtosis");
            assertEquals(reference.getMin(), ours.min(), 0.0);
            assertEquals(reference.getMax(), ours.max(), 0.0);
        }
    }

    @Test
    void populationMomentsMatchTheirDefinition() {
        for (double[] data : new double[][] {shiftedNormal(), skewedGamma()}) {
            MergeableMoments ours = MergeChecks.whole(data, MergeableMoments::new);
            double mean = new DescriptiveStatistics(data).getMean();
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            for (double x : data) {
                double d = x - mean;
                m2 += d * d;
                m3 += d * d * d;
                m4 += d * d * d * d;
            }
            m2 /= N;
            m3 /= N;
            m4 /= N;
            assertEquals(m3 / Math.pow(m2, 1.5), ours.populationSkewness(), 1e-9, "g1");
            assertEquals(m4 / (m2 * m2) - 3, ours.populationExcessKurtosis(), 1e-9, "g2");
        }
    }

    @Test
    void sampleCorrectionsMatchCommonsMathOnTinySamples() {
        double[] data = {1, 2, 4, 8, 16};
        MergeableMoments ours = MergeChecks.whole(data, MergeableMoments::new);
        DescriptiveStatistics reference = new DescriptiveStatistics(data);
        assertEquals(reference.getSkewness(), ours.sampleSkewness(), 1e-13);
        assertEquals(reference.getKurtosis(), ours.sampleExcessKurtosis(), 1e-13);
    }

    @Test
    void anySplitCombinedInAnyOrderGivesTheWhole() {
        Random random = new Random(7);
        for (double[] data : new double[][] {shiftedNormal(), skewedGamma(), withNaNs(skewedGamma(), random)}) {
            MergeableMoments whole = MergeChecks.whole(data, MergeableMoments::new);
            for (int parts = 1; parts <= 10; parts++) {
                MergeableMoments merged = MergeChecks.randomSplit(data, MergeableMoments::new, parts, random);
                String what = parts + " parts";
                assertEquals(whole.count(), merged.count(), what);
                assertEquals(whole.nanCount(), merged.nanCount(), what);
                assertEquals(whole.min(), merged.min(), 0.0, what);
                assertEquals(whole.max(), merged.max(), 0.0, what);
                assertRelative(whole.mean(), merged.mean(), 1e-12, what + " mean");
                assertRelative(whole.sampleVariance(), merged.sampleVariance(), 1e-10, what + " variance");
                assertEquals(whole.sampleSkewness(), merged.sampleSkewness(), 1e-9, what + " skewness");
                assertEquals(whole.sampleExcessKurtosis(), merged.sampleExcessKurtosis(), 1e-9, what + " kurtosis");
            }
        }
    }

    private static double[] withNaNs(double[] data, Random random) {
        for (int i = 0; i < 1000; i++) {
            data[random.nextInt(data.length)] = Double.NaN;
        }
        return data;
    }

    @Test
    void nanIsCountedAndLeftOut() {
        MergeableMoments clean = MergeChecks.whole(new double[] {1, 2, 3, 10}, MergeableMoments::new);
        MergeableMoments withNaN = MergeChecks.whole(new double[] {1, Double.NaN, 2, 3, Double.NaN, 10},
                MergeableMoments::new);
        assertEquals(2, withNaN.nanCount());
        assertEquals(4, withNaN.count());
        assertEquals(clean.mean(), withNaN.mean(), 0.0);
        assertEquals(clean.sampleVariance(), withNaN.sampleVariance(), 0.0);
        assertEquals(clean.sampleExcessKurtosis(), withNaN.sampleExcessKurtosis(), 0.0);
        assertEquals(4.0, clean.mean(), 0.0);
    }

    @Test
    void undefinedStatisticsAreNaN() {
        MergeableMoments empty = new MergeableMoments();
        assertTrue(Double.isNaN(empty.mean()));
        assertTrue(Double.isNaN(empty.min()));
        MergeableMoments two = MergeChecks.whole(new double[] {1, 3}, MergeableMoments::new);
        assertEquals(2.0, two.sampleVariance(), 0.0);
        assertTrue(Double.isNaN(two.sampleSkewness()));
        assertTrue(Double.isNaN(two.sampleExcessKurtosis()));
        MergeableMoments constant = MergeChecks.whole(new double[] {5, 5, 5, 5, 5}, MergeableMoments::new);
        assertEquals(0.0, constant.sampleVariance(), 0.0);
        assertTrue(Double.isNaN(constant.sampleSkewness()));
    }

    @Test
    void combiningWithItselfDoublesTheSample() {
        MergeableMoments moments = MergeChecks.whole(new double[] {1, 2, 4, 8, Double.NaN}, MergeableMoments::new);
        MergeableMoments doubled = MergeChecks.whole(new double[] {1, 2, 4, 8, Double.NaN, 1, 2, 4, 8, Double.NaN},
                MergeableMoments::new);
        moments.combine(moments);
        assertEquals(doubled.count(), moments.count());
        assertEquals(doubled.nanCount(), moments.nanCount());
        assertEquals(doubled.mean(), moments.mean(), 1e-15);
        assertEquals(doubled.sampleVariance(), moments.sampleVariance(), 1e-14);
        assertEquals(doubled.sampleSkewness(), moments.sampleSkewness(), 1e-14);
    }

    @Test
    void copyIsIndependent() {
        MergeableMoments original = MergeChecks.whole(new double[] {1, 2}, MergeableMoments::new);
        MergeableMoments copy = original.copy();
        copy.accept(100);
        assertEquals(2, original.count());
        assertEquals(1.5, original.mean(), 0.0);
        assertEquals(3, copy.count());
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what);
    }
}
