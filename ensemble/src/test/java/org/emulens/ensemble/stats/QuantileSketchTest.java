package org.emulens.ensemble.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.CauchyDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The relative-error bound against exact sorted quantiles, and exact merging. The bound is deterministic
 * (it holds for every data set), so these tests have no false-failure rate; the data merely need to be
 * skewed and heavy-tailed to exercise many buckets.
 */
class QuantileSketchTest {
    private static final int N = 1_000_000;
    private static final double ALPHA = QuantileSketch.DEFAULT_RELATIVE_ACCURACY;

    /** 0, 0.0005, ..., 1 and the far tails. */
    private static double[] probabilities() {
        double[] q = new double[2001 + 4];
        for (int i = 0; i <= 2000; i++) {
            q[i] = i / 2000.0;
        }
        q[2001] = 1e-6;
        q[2002] = 1e-5;
        q[2003] = 1 - 1e-5;
        q[2004] = 1 - 1e-6;
        return q;
    }

    /** The value of rank max(1, ceil(q·n)) in the sorted data: the definition, computed directly. */
    private static double exactLowerQuantile(double[] sorted, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * sorted.length));
        return sorted[(int) rank - 1];
    }

    private static void assertWithinRelativeAccuracy(double[] data, QuantileSketch sketch, double alpha) {
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        double worst = 0;
        for (double q : probabilities()) {
            double exact = exactLowerQuantile(sorted, q);
            double estimate = sketch.quantile(q);
            // Bucket edges are computed in double: allow 1e-12 relative beyond alpha.
            double allowed = (alpha + 1e-12) * Math.abs(exact);
            assertTrue(Math.abs(estimate - exact) <= allowed,
                    "q=" + q + ": exact " + exact + ", estimate " + estimate);
            worst = Math.max(worst, Math.abs(estimate - exact) / Math.abs(exact));
        }
        // The bound should also be reasonably tight: a sketch much better than alpha would suggest the
        // buckets are not what the javadoc says.
        assertTrue(worst > alpha / 2, "worst relative error " + worst);
    }

    @Test
    void lognormalQuantilesAreWithinAlpha() {
        double[] data = new LogNormalDistribution(new Well19937c(11), 0, 2).sample(N);
        assertWithinRelativeAccuracy(data, MergeChecks.whole(data, QuantileSketch::new), ALPHA);
    }

    @Test
    void paretoQuantilesAreWithinAlpha() {
        double[] data = new ParetoDistribution(new Well19937c(12), 1, 1.1).sample(N);
        assertWithinRelativeAccuracy(data, MergeChecks.whole(data, QuantileSketch::new), ALPHA);
    }

    @Test
    void cauchyQuantilesOfBothSignsAreWithinAlpha() {
        double[] data = new CauchyDistribution(new Well19937c(13), 0, 1).sample(N);
        assertWithinRelativeAccuracy(data, MergeChecks.whole(data, QuantileSketch::new), ALPHA);
    }

    @Test
    void coarserAccuracyIsAlsoHonoured() {
        double[] data = new LogNormalDistribution(new Well19937c(14), 3, 1).sample(100_000);
        assertWithinRelativeAccuracy(data, MergeChecks.whole(data, () -> new QuantileSketch(0.05)), 0.05);
    }

    @Test
    void extremesAreExact() {
        double[] data = new CauchyDistribution(new Well19937c(15), 0, 1).sample(10_000);
        QuantileSketch sketch = MergeChecks.whole(data, QuantileSketch::new);
        assertEquals(Arrays.stream(data).min().getAsDouble(), sketch.quantile(0), 0.0);
        assertEquals(Arrays.stream(data).max().getAsDouble(), sketch.quantile(1), 0.0);
    }

    private static double[] mixedData(Random random) {
        double[] data = new CauchyDistribution(new Well19937c(random.nextLong()), 0, 1).sample(20_000);
        for (int i = 0; i < 200; i++) {
            data[random.nextInt(data.length)] = 0.0;
            data[random.nextInt(data.length)] = 1e-14; // counts as zero
            data[random.nextInt(data.length)] = Double.NaN;
        }
        data[random.nextInt(data.length)] = Double.POSITIVE_INFINITY;
        data[random.nextInt(data.length)] = Double.NEGATIVE_INFINITY;
        return data;
    }

    @Test
    void anySplitCombinedInAnyOrderIsIdenticalToTheWhole() {
        Random random = new Random(21);
        double[] data = mixedData(random);
        QuantileSketch whole = MergeChecks.whole(data, QuantileSketch::new);
        for (int parts = 1; parts <= 10; parts++) {
            QuantileSketch merged = MergeChecks.randomSplit(data, QuantileSketch::new, parts, random);
            assertEquals(whole, merged, parts + " parts");
            assertEquals(whole.hashCode(), merged.hashCode());
            for (double q : probabilities()) {
                assertEquals(whole.quantile(q), merged.quantile(q), 0.0, "q=" + q);
            }
        }
    }

    @Test
    void infinitiesAndZerosHaveTheirOwnRanks() {
        QuantileSketch sketch = MergeChecks.whole(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
            -1e-13, 0.0, 5.0, Double.POSITIVE_INFINITY, Double.NaN}, QuantileSketch::new);
        assertEquals(6, sketch.count());
        assertEquals(1, sketch.nanCount());
        // q·n half-way between ranks, so that ceil(q·n) is unambiguous: ranks 2, 3, 4, 5.
        assertEquals(Double.NEGATIVE_INFINITY, sketch.quantile(1.5 / 6));
        assertEquals(0.0, sketch.quantile(2.5 / 6), 0.0);
        assertEquals(0.0, sketch.quantile(3.5 / 6), 0.0);
        assertEquals(5.0, sketch.quantile(4.5 / 6), 5.0 * ALPHA);
        assertEquals(Double.POSITIVE_INFINITY, sketch.quantile(1));
    }

    @Test
    void foldingKeepsTheBoundForUpperQuantilesAndMergingExact() {
        // Values over 20 decades with only 64 buckets of 5 % each (a factor e^6.4 ≈ 600): the lowest
        // magnitudes are folded, the top buckets stay exact.
        double alpha = 0.05;
        int buckets = 64;
        Random random = new Random(31);
        double[] data = new double[50_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.pow(10, -10 + 20 * random.nextDouble());
        }
        QuantileSketch whole = MergeChecks.whole(data, () -> new QuantileSketch(alpha, buckets, 1e-12));
        for (int parts = 1; parts <= 10; parts++) {
            assertEquals(whole, MergeChecks.randomSplit(data, () -> new QuantileSketch(alpha, buckets, 1e-12),
                    parts, random), parts + " parts");
        }
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        double lowestUnfolded = sorted[sorted.length - 1] / Math.exp(2 * alpha * (buckets - 2));
        for (double q : probabilities()) {
            double exact = exactLowerQuantile(sorted, q);
            double estimate = whole.quantile(q);
            if (exact >= lowestUnfolded) {
                assertEquals(exact, estimate, (alpha + 1e-12) * exact, "q=" + q);
            } else {
                // Folded ranks may be far too large, but never too small beyond alpha.
                assertTrue(estimate >= exact * (1 - alpha - 1e-12), "q=" + q);
            }
        }
    }

    @Test
    void emptySketchHasNaNQuantiles() {
        QuantileSketch sketch = new QuantileSketch();
        assertTrue(Double.isNaN(sketch.quantile(0.5)));
        sketch.accept(Double.NaN);
        assertTrue(Double.isNaN(sketch.quantile(0.5)));
        assertEquals(0, sketch.count());
    }

    @Test
    void copyIsIndependentAndEqual() {
        QuantileSketch sketch = MergeChecks.whole(new double[] {1, 2, 3}, QuantileSketch::new);
        QuantileSketch copy = sketch.copy();
        assertEquals(sketch, copy);
        copy.accept(1e6);
        assertEquals(3, sketch.count());
        assertTrue(!sketch.equals(copy));
    }

    @Test
    void rejectsMismatchedConfigurationAndInvalidArguments() {
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new QuantileSketch(0.01).combine(new QuantileSketch(0.02)));
        assertEquals("QuantileSketch configuration differs: expected [relativeAccuracy=0.01, "
                + "maxBucketsPerSign=4096, minMagnitude=1.0E-12], found [relativeAccuracy=0.02, "
                + "maxBucketsPerSign=4096, minMagnitude=1.0E-12]", mismatch.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new QuantileSketch(0.01, 100, 1e-12).combine(new QuantileSketch(0.01, 200, 1e-12)));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSketch(1.0));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSketch(0.01, 1, 1e-12));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSketch(0.01, 100, 0));
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
                () -> new QuantileSketch().quantile(1.5));
        assertEquals("q: expected 0 <= q <= 1, found 1.5", q.getMessage());
    }
}
