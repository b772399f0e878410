package org.emulens.ensemble.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedBinHistogramTest {

    @Test
    void countsMatchDirectBinningWithUnderflowAndOverflow() {
        // Bins of width 0.25 over [-1, 1): edges are exact binary fractions, so membership is unambiguous.
        FixedBinHistogram histogram = new FixedBinHistogram(-1, 1, 8);
        Random random = new Random(3);
        double[] data = new double[20_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1.5 * random.nextGaussian();
        }
        long[] expected = new long[8];
        long under = 0;
        long over = 0;
        for (double x : data) {
            histogram.accept(x);
            if (x < -1) {
                under++;
            } else if (x >= 1) {
                over++;
            } else {
                for (int b = 0; b < 8; b++) {
                    if (x >= -1 + 0.25 * b && x < -1 + 0.25 * (b + 1)) {
                        expected[b]++;
                    }
                }
            }
        }
        assertArrayEquals(expected, histogram.binCounts());
        assertEquals(under, histogram.underflow());
        assertEquals(over, histogram.overflow());
        assertEquals(data.length, histogram.count());
    }

    @Test
    void edgesInfinitiesAndNaNGoWhereDocumented() {
        FixedBinHistogram histogram = MergeChecks.whole(new double[] {0, 0.25, 0.9999999999, 1, -1e-300,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN}, () -> new FixedBinHistogram(0, 1, 4));
        assertArrayEquals(new long[] {1, 1, 0, 1}, histogram.binCounts());
        assertEquals(2, histogram.underflow());
        assertEquals(2, histogram.overflow());
        assertEquals(1, histogram.nanCount());
        assertEquals(0.75, histogram.binLowerEdge(3), 0.0);
    }

    @Test
    void anySplitCombinedInAnyOrderGivesTheWhole() {
        Random random = new Random(4);
        double[] data = new double[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 97 == 0 ? Double.NaN : 3 * random.nextGaussian();
        }
        FixedBinHistogram whole = MergeChecks.whole(data, () -> new FixedBinHistogram(-5, 5, 37));
        for (int parts = 1; parts <= 10; parts++) {
            FixedBinHistogram merged = MergeChecks.randomSplit(data, () -> new FixedBinHistogram(-5, 5, 37), parts,
                    random);
            assertArrayEquals(whole.binCounts(), merged.binCounts(), parts + " parts");
            assertEquals(whole.underflow(), merged.underflow());
            assertEquals(whole.overflow(), merged.overflow());
            assertEquals(whole.nanCount(), merged.nanCount());
        }
    }

    @Test
    void rejectsMismatchedBinningNamingBothSides() {
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new FixedBinHistogram(0, 1, 10).combine(new FixedBinHistogram(0, 2, 10)));
        assertEquals("FixedBinHistogram binning differs: expected [lo=0.0, hi=1.0, bins=10], "
                + "found [lo=0.0, hi=2.0, bins=10]", mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FixedBinHistogram(1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new FixedBinHistogram(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FixedBinHistogram(-Double.MAX_VALUE, Double.MAX_VALUE, 4));
    }
}
