package org.emulens.ensemble.seasonal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emulens.ensemble.stats.CellStatistics;

/** Bit-for-bit comparison of two season results, shared by the batching and backend tests. */
public final class SeasonResults {
    private SeasonResults() {
    }

    public static void assertSame(SeasonResult a, SeasonResult b) {
        assertEquals(a.cellCount(), b.cellCount());
        for (int c = 0; c < a.cellCount(); c++) {
            assertEquals(a.hasData(c), b.hasData(c), "cell " + c);
            if (!a.hasData(c)) {
                continue;
            }
            assertEquals(a.climatology(c).windows(), b.climatology(c).windows(), "windows of cell " + c);
            for (SeasonMetric m : SeasonMetric.values()) {
                CellStatistics x = a.metric(m, c);
                CellStatistics y = b.metric(m, c);
                if (x == null || y == null) {
                    assertEquals(x == null, y == null, m + " cell " + c);
                    continue;
                }
                String what = m.outputName() + " cell " + c;
                assertEquals(x.nanCount(), y.nanCount(), what);
                assertEquals(x.moments().count(), y.moments().count(), what);
                assertEquals(x.moments().mean(), y.moments().mean(), 0.0, what);
                assertEquals(x.moments().sampleVariance(), y.moments().sampleVariance(), 0.0, what);
                for (double q : new double[] {0.05, 0.5, 0.95}) {
                    if (x.moments().count() > 0) {
                        assertEquals(x.quantileSketch().quantile(q), y.quantileSketch().quantile(q), 0.0, what);
                    }
                }
                for (int t = 0; t < x.exceedance().thresholds().length; t++) {
                    assertEquals(x.exceedance().exceedanceCount(t), y.exceedance().exceedanceCount(t), what);
                }
            }
            if (a.hasDaily()) {
                for (int d = 1; d <= a.days(); d++) {
                    assertEquals(a.daily(c, d).moments().mean(), b.daily(c, d).moments().mean(), 0.0,
                            "daily mean, cell " + c + " day " + d);
                    assertEquals(a.daily(c, d).moments().sampleVariance(), b.daily(c, d).moments().sampleVariance(),
                            0.0, "daily variance, cell " + c + " day " + d);
                }
            }
        }
    }
}
