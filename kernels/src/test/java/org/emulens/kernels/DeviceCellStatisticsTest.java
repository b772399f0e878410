package org.emulens.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.emulens.ensemble.stats.MergeableMoments;
import org.junit.jupiter.api.Test;

/** Partials merged on the host equal the independent MergeableMoments over all the values. */
class DeviceCellStatisticsTest {

    @Test
    void partialsOfAnySplitMergeIntoTheWhole() {
        Random r = new Random(3);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 280 + 3 * r.nextGaussian();
        }
        MergeableMoments whole = new MergeableMoments();
        for (double v : values) {
            whole.accept(v);
        }
        DeviceCellStatistics merged = new DeviceCellStatistics(0, 0, 0, null);
        int at = 0;
        while (at < values.length) {
            int n = Math.min(values.length - at, 1 + r.nextInt(700));
            MergeableMoments part = new MergeableMoments();
            for (int i = at; i < at + n; i++) {
                part.accept(values[i]);
            }
            merged.addPartial(part.count(), 0, part.mean(), part.populationVariance() * part.count(), part.min(),
                    part.max(), new int[0], 0);
            at += n;
        }
        assertEquals(whole.count(), merged.count());
        assertEquals(whole.mean(), merged.mean(), 1e-12 * Math.abs(whole.mean()));
        assertEquals(whole.sampleVariance(), merged.sampleVariance(), 1e-10 * whole.sampleVariance());
        assertEquals(whole.min(), merged.min(), 0.0);
        assertEquals(whole.max(), merged.max(), 0.0);
    }

    @Test
    void countersAddAndConfigurationsMustMatch() {
        DeviceCellStatistics a = new DeviceCellStatistics(0, 1, 2, new double[] {0.5});
        DeviceCellStatistics b = new DeviceCellStatistics(0, 1, 2, new double[] {0.5});
        a.addPartial(3, 1, 0.5, 0.1, 0.2, 0.9, new int[] {1, 1, 1, 0, 2}, 0);
        b.addPartial(2, 0, 0.1, 0.0, 0.1, 0.1, new int[] {0, 2, 0, 0, 0}, 0);
        a.combine(b);
        assertEquals(5, a.count());
        assertEquals(1, a.nanCount());
        assertEquals(1, a.histogramUnderflow());
        assertEquals(0, a.histogramOverflow());
        assertEquals(3, a.histogramCounts()[0]);
        assertEquals(2, a.exceedanceCount(0));
        assertThrows(IllegalArgumentException.class, () -> a.combine(new DeviceCellStatistics(0, 1, 3, null)));
    }
}
