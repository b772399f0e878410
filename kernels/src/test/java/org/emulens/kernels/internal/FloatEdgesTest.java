package org.emulens.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.emulens.ensemble.stats.ExceedanceCounter;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.junit.jupiter.api.Test;

/** The float edges decide every value exactly as the ensemble module's double-precision statistics do. */
class FloatEdgesTest {

    /** Random floats, plus every float within a few ulps of each edge, where rounding could disagree. */
    private static List<Float> probes(float[] edges, double... extra) {
        List<Float> values = new ArrayList<>();
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            values.add((float) (r.nextGaussian() * 4));
        }
        List<Float> centres = new ArrayList<>();
        for (float e : edges) {
            centres.add(e);
        }
        for (double x : extra) {
            centres.add((float) x);
        }
        for (float c : centres) {
            if (Float.isNaN(c)) {
                continue;
            }
            float v = c;
            for (int k = 0; k < 4; k++) {
                v = Math.nextDown(v);
            }
            for (int k = 0; k < 9; k++) {
                values.add(v);
                v = Math.nextUp(v);
            }
        }
        values.add(Float.NEGATIVE_INFINITY);
        values.add(Float.POSITIVE_INFINITY);
        values.add(-0f);
        values.add(0f);
        return values;
    }

    private static int slot(float[] edges, float v) {
        int n = 0;
        for (float e : edges) {
            if (e <= v) {
                n++;
            }
        }
        return n;
    }

    @Test
    void histogramSlotsMatchFixedBinHistogram() {
        double[][] binnings = {{-3, 3, 48}, {0.1, 0.7, 3}, {-1e-3, 2e-3, 1000}, {273.15, 273.35, 7}, {0, 1, 1}};
        for (double[] b : binnings) {
            int bins = (int) b[2];
            float[] edges = FloatEdges.histogram(b[0], b[1], bins);
            for (float v : probes(edges, b[0], b[1])) {
                FixedBinHistogram h = new FixedBinHistogram(b[0], b[1], bins);
                h.accept(v);
                int expected = h.underflow() == 1 ? 0 : h.overflow() == 1 ? bins + 1 : 1 + indexOfOne(h.binCounts());
                assertEquals(expected, slot(edges, v), "value " + v + " in " + java.util.Arrays.toString(b));
            }
        }
    }

    @Test
    void exceedanceEdgesMatchExceedanceCounter() {
        double[] thresholds = {0.1, -0.1, 1.0 / 3, 1e-40, -1e300, 1e300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0.0, Float.MAX_VALUE, 273.15};
        float[] edges = FloatEdges.exceedance(thresholds);
        for (float v : probes(edges, thresholds)) {
            ExceedanceCounter c = new ExceedanceCounter(thresholds);
            c.accept(v);
            for (int t = 0; t < thresholds.length; t++) {
                assertEquals(c.exceedanceCount(t) == 1, v >= edges[t], "value " + v + " threshold " + thresholds[t]);
            }
        }
        assertTrue(Float.isNaN(edges[6]), "nothing exceeds +inf");
    }

    private static int indexOfOne(long[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                return i;
            }
        }
        throw new AssertionError("no bin counted the value");
    }
}
