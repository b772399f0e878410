package org.emulens.ensemble.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.emulens.engine.testing.RandomCases;
import org.junit.jupiter.api.Test;

/**
 * For every statistic, any split of the members into parts, combined in any order, gives what one
 * accumulator fed all members gives: exactly for the counting statistics, and for the moments within
 * the rounding of the pairwise update (relative 1e-9 on the mean and variance of values within
 * ±1e6, whose spread can be as small as one part in 1e6 of their size).
 *
 * <p>Each case draws its values (NaN, infinities, zeros, ties and tiny magnitudes among them), how many
 * parts there are, which part each value goes to and the order the parts are combined in.
 */
class MergeEqualsWholePropertiesTest {
    private static final StatisticsSpec FULL = StatisticsSpec.builder().moments().quantileSketch(0.01)
            .exactQuantiles(2000).exceedance(-1, 0, 0.5, 1e3).histogram(-10, 10, 17).build();

    /** Values, the part each goes to, and the order the parts are combined in. */
    record Split(double[] values, int[] part, List<Integer> order) {
        static Split random(SplittableRandom r, boolean finiteOnly) {
            int parts = 1 + r.nextInt(8);
            double[] values = new double[r.nextInt(1500)];
            int[] part = new int[values.length];
            for (int k = 0; k < values.length; k++) {
                values[k] = RandomCases.edgy(r, 1e6, finiteOnly);
                part[k] = r.nextInt(parts);
            }
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                order.add(p);
            }
            Collections.shuffle(order, new java.util.Random(r.nextLong()));
            return new Split(values, part, order);
        }

        <S extends MergeableStatistic<S>> S merged(Supplier<S> empty) {
            List<S> pieces = new ArrayList<>();
            for (int p = 0; p < order.size(); p++) {
                pieces.add(empty.get());
            }
            for (int k = 0; k < values.length; k++) {
                pieces.get(part[k]).accept(values[k]);
            }
            S result = empty.get();
            for (int p : order) {
                result.combine(pieces.get(p));
            }
            return result;
        }

        <S extends MergeableStatistic<S>> S whole(Supplier<S> empty) {
            return MergeChecks.whole(values, empty);
        }
    }

    @Test
    void countingStatisticsMergeExactly() {
        RandomCases.run(200, (r, name) -> {
            Split s = Split.random(r, false);
            CellStatistics whole = s.whole(() -> new CellStatistics(FULL));
            CellStatistics merged = s.merged(() -> new CellStatistics(FULL));
            assertEquals(whole.nanCount(), merged.nanCount());
            assertEquals(whole.quantileSketch(), merged.quantileSketch());
            for (double q : new double[] {0, 0.01, 0.25, 0.5, 0.9, 1}) {
                assertEquals(whole.quantileSketch().quantile(q), merged.quantileSketch().quantile(q), 0.0,
                        "sketch q=" + q);
                assertEquals(whole.exactQuantiles().quantile(q), merged.exactQuantiles().quantile(q), 0.0,
                        "exact q=" + q);
            }
            for (int t = 0; t < FULL.thresholds().length; t++) {
                assertEquals(whole.exceedance().exceedanceCount(t), merged.exceedance().exceedanceCount(t));
            }
            assertEquals(whole.exceedance().count(), merged.exceedance().count());
            assertArrayEquals(whole.histogram().binCounts(), merged.histogram().binCounts());
            assertEquals(whole.histogram().underflow(), merged.histogram().underflow());
            assertEquals(whole.histogram().overflow(), merged.histogram().overflow());
        });
    }

    @Test
    void aSketchThatFoldsItsLowestBucketsStillMergesExactly() {
        RandomCases.run(100, (r, name) -> {
            Split s = Split.random(r, false);
            assertEquals(s.whole(() -> new QuantileSketch(0.02, 16, 1e-12)),
                    s.merged(() -> new QuantileSketch(0.02, 16, 1e-12)));
        });
    }

    @Test
    void momentsMergeToTheWholeWithinRounding() {
        RandomCases.run(200, (r, name) -> {
            Split s = Split.random(r, true);
            MergeableMoments whole = s.whole(MergeableMoments::new);
            MergeableMoments merged = s.merged(MergeableMoments::new);
            assertEquals(whole.count(), merged.count());
            assertEquals(whole.nanCount(), merged.nanCount());
            assertEquals(whole.min(), merged.min(), 0.0);
            assertEquals(whole.max(), merged.max(), 0.0);
            if (whole.count() > 0) {
                assertEquals(whole.mean(), merged.mean(), 1e-9 * Math.max(1, Math.abs(whole.mean())));
            }
            if (whole.count() > 1) {
                assertEquals(whole.populationVariance(), merged.populationVariance(),
                        1e-9 * whole.populationVariance() + 1e-9);
            }
        });
    }
}
