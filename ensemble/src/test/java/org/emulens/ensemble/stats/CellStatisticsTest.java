package org.emulens.ensemble.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CellStatisticsTest {
    private static final StatisticsSpec FULL = StatisticsSpec.builder()
            .moments()
            .quantileSketch(0.01)
            .exactQuantiles(10_000)
            .exceedance(0, 1)
            .histogram(-3, 3, 12)
            .build();

    private static double[] data() {
        Random random = new Random(9);
        double[] data = new double[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 250 == 0 ? Double.NaN : random.nextGaussian();
        }
        return data;
    }

    @Test
    void partsSeeExactlyWhatStandaloneStatisticsSee() {
        double[] data = data();
        CellStatistics cell = MergeChecks.whole(data, () -> new CellStatistics(FULL));
        MergeableMoments moments = MergeChecks.whole(data, MergeableMoments::new);
        assertEquals(moments.mean(), cell.moments().mean(), 0.0);
        assertEquals(moments.sampleVariance(), cell.moments().sampleVariance(), 0.0);
        assertEquals(MergeChecks.whole(data, () -> new QuantileSketch(0.01)), cell.quantileSketch());
        assertEquals(MergeChecks.whole(data, () -> new ExactQuantiles(10_000)).quantile(0.9),
                cell.exactQuantiles().quantile(0.9), 0.0);
        assertEquals(MergeChecks.whole(data, () -> new ExceedanceCounter(0, 1)).exceedanceCount(1),
                cell.exceedance().exceedanceCount(1));
        assertArrayEquals(MergeChecks.whole(data, () -> new FixedBinHistogram(-3, 3, 12)).binCounts(),
                cell.histogram().binCounts());
        assertEquals(20, cell.nanCount());
    }

    @Test
    void anySplitCombinedInAnyOrderGivesTheWhole() {
        Random random = new Random(10);
        double[] data = data();
        CellStatistics whole = MergeChecks.whole(data, () -> new CellStatistics(FULL));
        for (int parts = 1; parts <= 10; parts++) {
            CellStatistics merged = MergeChecks.randomSplit(data, () -> new CellStatistics(FULL), parts, random);
            assertEquals(whole.nanCount(), merged.nanCount());
            assertEquals(whole.moments().count(), merged.moments().count());
            assertEquals(whole.moments().mean(), merged.moments().mean(), 1e-15);
            assertEquals(whole.quantileSketch(), merged.quantileSketch());
            assertEquals(whole.exactQuantiles().quantile(0.25), merged.exactQuantiles().quantile(0.25), 0.0);
            assertEquals(whole.exceedance().exceedanceCount(0), merged.exceedance().exceedanceCount(0));
            assertArrayEquals(whole.histogram().binCounts(), merged.histogram().binCounts());
        }
    }

    @Test
    void accessorsReturnCopies() {
        CellStatistics cell = MergeChecks.whole(new double[] {1, 2, 3}, () -> new CellStatistics(FULL));
        cell.moments().accept(100);
        assertEquals(3, cell.moments().count());
    }

    @Test
    void rejectsMismatchedSpecAndAbsentStatistics() {
        StatisticsSpec momentsOnly = StatisticsSpec.builder().moments().build();
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new CellStatistics(FULL).combine(new CellStatistics(momentsOnly)));
        assertEquals("CellStatistics spec differs: expected StatisticsSpec[moments, quantileSketch(alpha=0.01), "
                + "exactQuantiles(maxValues=10000), exceedance[0.0, 1.0], histogram(lo=-3.0, hi=3.0, bins=12)], "
                + "found StatisticsSpec[moments]", mismatch.getMessage());
        IllegalStateException absent = assertThrows(IllegalStateException.class,
                () -> new CellStatistics(momentsOnly).quantileSketch());
        assertEquals("quantileSketch: not chosen in StatisticsSpec[moments]", absent.getMessage());
    }

    @Test
    void specIsAValueAndValidatesItsSettings() {
        assertEquals(StatisticsSpec.builder().exceedance(1, 2).histogram(0, 1, 3).build(),
                StatisticsSpec.builder().exceedance(1, 2).histogram(0, 1, 3).build());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> StatisticsSpec.builder().build());
        assertEquals("StatisticsSpec: expected at least one statistic, found none", none.getMessage());
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class,
                () -> StatisticsSpec.builder().quantileSketch(1.5).build());
        assertEquals("relativeAccuracy: expected 1.0E-6 <= relativeAccuracy < 1, found 1.5", alpha.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StatisticsSpec.builder().histogram(1, 0, 3).build());
        assertThrows(IllegalArgumentException.class, () -> StatisticsSpec.builder().exceedance(Double.NaN).build());
    }
}
