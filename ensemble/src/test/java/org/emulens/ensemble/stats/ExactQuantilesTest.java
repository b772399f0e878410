package org.emulens.ensemble.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;

class ExactQuantilesTest {

    /** Probabilities that are exact binary fractions, so q·n and commons-math3's p/100·n agree exactly. */
    private static double[] probabilities() {
        double[] q = new double[1025];
        for (int i = 0; i <= 1024; i++) {
            q[i] = i / 1024.0;
        }
        return q;
    }

    @Test
    void matchesCommonsMathInverseEmpiricalDistribution() {
        // Hyndman–Fan type 1 (commons-math3 EstimationType.R_1) is the lower quantile x[ceil(n·q)].
        double[] data = new LogNormalDistribution(new Well19937c(3), 0, 1).sample(10_007);
        ExactQuantiles ours = MergeChecks.whole(data, () -> new ExactQuantiles(20_000));
        Percentile reference = new Percentile().withEstimationType(EstimationType.R_1);
        reference.setData(data);
        for (double q : probabilities()) {
            double p = Math.max(q * 100, 1e-9); // commons-math3 requires p > 0; p -> 0 gives the minimum
            assertEquals(reference.evaluate(p), ours.quantile(q), 0.0, "q=" + q);
        }
    }

    @Test
    void anySplitCombinedInAnyOrderGivesTheSameQuantiles() {
        Random random = new Random(5);
        double[] data = new LogNormalDistribution(new Well19937c(4), 0, 1).sample(5000);
        data[17] = Double.NaN;
        ExactQuantiles whole = MergeChecks.whole(data, () -> new ExactQuantiles(5000));
        for (int parts = 1; parts <= 10; parts++) {
            ExactQuantiles merged = MergeChecks.randomSplit(data, () -> new ExactQuantiles(5000), parts, random);
            assertEquals(whole.count(), merged.count());
            assertEquals(1, merged.nanCount());
            for (double q : probabilities()) {
                assertEquals(whole.quantile(q), merged.quantile(q), 0.0, parts + " parts, q=" + q);
            }
        }
    }

    @Test
    void capacityIsAHardLimit() {
        ExactQuantiles small = MergeChecks.whole(new double[] {1, 2, 3}, () -> new ExactQuantiles(3));
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> small.accept(4));
        assertEquals("ExactQuantiles: expected at most 3 values, found 4; use a QuantileSketch for larger "
                + "ensembles", full.getMessage());
        small.accept(Double.NaN); // NaN takes no room
        assertThrows(IllegalStateException.class, () -> small.combine(small.copy()));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new ExactQuantiles(3).combine(new ExactQuantiles(4)));
        assertEquals("ExactQuantiles maxValues differs: expected 3, found 4", mismatch.getMessage());
    }

    @Test
    void emptyGivesNaNAndBadProbabilityThrows() {
        ExactQuantiles empty = new ExactQuantiles(10);
        assertTrue(Double.isNaN(empty.quantile(0.5)));
        assertThrows(IllegalArgumentException.class, () -> empty.quantile(-0.1));
        assertThrows(IllegalArgumentException.class, () -> empty.quantile(Double.NaN));
    }
}
