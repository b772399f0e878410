package org.emulens.ensemble.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ExceedanceCounterTest {
    private static final double[] THRESHOLDS = {0.5, -1, 2, Double.NEGATIVE_INFINITY};

    private static double[] data(Random random) {
        double[] data = new double[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextGaussian();
        }
        data[0] = 0.5; // equal to a threshold: not above it
        data[1] = Double.NaN;
        data[2] = Double.POSITIVE_INFINITY;
        return data;
    }

    @Test
    void countsValuesStrictlyAboveEachThreshold() {
        double[] data = data(new Random(1));
        ExceedanceCounter counter = MergeChecks.whole(data, () -> new ExceedanceCounter(THRESHOLDS));
        long valid = 0;
        for (double x : data) {
            if (!Double.isNaN(x)) {
                valid++;
            }
        }
        assertEquals(valid, counter.count());
        assertEquals(1, counter.nanCount());
        for (int t = 0; t < THRESHOLDS.length; t++) {
            long above = 0;
            for (double x : data) {
                if (!Double.isNaN(x) && x > THRESHOLDS[t]) {
                    above++;
                }
            }
            assertEquals(above, counter.exceedanceCount(t), "threshold " + THRESHOLDS[t]);
            assertEquals((double) above / valid, counter.exceedanceProbability(t), 0.0);
        }
        assertEquals(1.0, counter.exceedanceProbability(3), 0.0);
    }

    @Test
    void anySplitCombinedInAnyOrderGivesTheWhole() {
        Random random = new Random(2);
        double[] data = data(random);
        ExceedanceCounter whole = MergeChecks.whole(data, () -> new ExceedanceCounter(THRESHOLDS));
        for (int parts = 1; parts <= 10; parts++) {
            ExceedanceCounter merged = MergeChecks.randomSplit(data, () -> new ExceedanceCounter(THRESHOLDS),
                    parts, random);
            assertEquals(whole.count(), merged.count());
            assertEquals(whole.nanCount(), merged.nanCount());
            for (int t = 0; t < THRESHOLDS.length; t++) {
                assertEquals(whole.exceedanceCount(t), merged.exceedanceCount(t), parts + " parts");
            }
        }
    }

    @Test
    void rejectsMismatchedThresholdsAndNaNThresholds() {
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new ExceedanceCounter(1, 2).combine(new ExceedanceCounter(1, 3)));
        assertEquals("ExceedanceCounter thresholds differ: expected [1.0, 2.0], found [1.0, 3.0]",
                mismatch.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new ExceedanceCounter(1, Double.NaN));
        assertEquals("thresholds[1]: expected a number, found NaN", nan.getMessage());
    }

    @Test
    void noValuesGivesNaNProbabilityAndThresholdsAreCopied() {
        double[] thresholds = {1, 2};
        ExceedanceCounter counter = new ExceedanceCounter(thresholds);
        thresholds[0] = 99;
        assertArrayEquals(new double[] {1, 2}, counter.thresholds());
        assertTrue(Double.isNaN(counter.exceedanceProbability(0)));
    }
}
