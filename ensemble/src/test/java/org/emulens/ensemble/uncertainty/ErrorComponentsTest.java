package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.SEED;
import static org.emulens.ensemble.uncertainty.Samples.Z_1E6;
import static org.emulens.ensemble.uncertainty.Samples.assertCorrelation;
import static org.emulens.ensemble.uncertainty.Samples.assertKolmogorovSmirnovAccepts;
import static org.emulens.ensemble.uncertainty.Samples.assertSd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The random, locally correlated and systematic components: how they are shared between cells and members.
 * Expected correlations are analytic (the correlation function documented in {@link BilinearLatticeField},
 * re-derived here in double). Statistical thresholds as in {@link Samples} (false-failure rate 1e-6 each).
 */
class ErrorComponentsTest {
    private static final int N = 40_000;

    /** Values of one Gaussian input, sd only in the given component, at each of several cells. */
    private static float[][] valuesAtCells(float sdR, float sdC, float sdS, float length, int[] cells, float[] lats,
                                           float[] lons) {
        UncertaintyModel model = UncertaintyModel.builder(List.of("x")).input("x", ErrorShape.gaussian(), length)
                .build();
        MemberPerturber perturber = new MemberPerturber(model);
        float[][] values = new float[cells.length][N];
        float[] in = {0f};
        float[] out = new float[1];
        for (int c = 0; c < cells.length; c++) {
            CellUncertainty cell = CellUncertainty.of(model, cells[c], lats[c], lons[c], new float[] {sdR},
                    new float[] {sdC}, new float[] {sdS});
            for (int m = 0; m < N; m++) {
                perturber.perturb(SEED, cell, m, in, 0, out, 0);
                values[c][m] = out[0];
            }
        }
        return values;
    }

    @Test
    void systematicComponentIsIdenticalInEveryCellOfAMember() {
        float[][] v = valuesAtCells(0f, 0f, 0.5f, 1f, new int[] {0, 1, 123_456, -2},
                new float[] {0f, 45f, -60f, 89f}, new float[] {0f, 100f, -170f, 3f});
        for (int c = 1; c < v.length; c++) {
            for (int m = 0; m < N; m++) {
                assertEquals(Float.floatToRawIntBits(v[0][m]), Float.floatToRawIntBits(v[c][m]), "member " + m);
            }
        }
    }

    @Test
    void systematicComponentIsIndependentAcrossMembers() {
        float[] v = valuesAtCells(0f, 0f, 0.5f, 1f, new int[] {3}, new float[] {0f}, new float[] {0f})[0];
        assertKolmogorovSmirnovAccepts(new NormalDistribution(null, 0, 0.5), v);
        float[] first = java.util.Arrays.copyOfRange(v, 0, N - 1);
        float[] next = java.util.Arrays.copyOfRange(v, 1, N);
        assertCorrelation(0.0, first, next, "members m and m + 1");
    }

    @Test
    void randomComponentIsIndependentAcrossCellsEvenAtTheSamePlace() {
        float[][] v = valuesAtCells(1f, 0f, 0f, 1f, new int[] {10, 11, 5000}, new float[] {5f, 5f, 5f},
                new float[] {5f, 5f, 5f});
        assertCorrelation(0.0, v[0], v[1], "cells 10 and 11");
        assertCorrelation(0.0, v[0], v[2], "cells 10 and 5000");
        assertSd(1.0, v[0]);
    }

    @Test
    void correlatedComponentIsTheSameFieldForCoincidentCells() {
        float[][] v = valuesAtCells(0f, 1f, 0f, 1f, new int[] {1, 2}, new float[] {10.3f, 10.3f},
                new float[] {20.6f, 20.6f});
        for (int m = 0; m < N; m++) {
            assertEquals(Float.floatToRawIntBits(v[0][m]), Float.floatToRawIntBits(v[1][m]), "member " + m);
        }
    }

    @Test
    void correlatedComponentHasUnitVarianceOnNodesEdgesAndCentres() {
        // Positions on a node, on an edge, at a square's centre and in general position, L = 1.
        float[] lats = {10f, 10f, 10.5f, 10.3f};
        float[] lons = {20f, 20.5f, 20.5f, 20.6f};
        float[][] v = valuesAtCells(0f, 1f, 0f, 1f, new int[] {1, 2, 3, 4}, lats, lons);
        for (float[] values : v) {
            assertSd(1.0, values);
            assertKolmogorovSmirnovAccepts(new NormalDistribution(null, 0, 1), values);
        }
    }

    @Test
    void correlatedComponentCorrelationFollowsTheDocumentedFunctionAndDecreasesWithDistance() {
        float length = 1f;
        float lat = 10.3f;
        float lon = 20.6f;
        float[] eastward = {0f, 0.2f, 0.5f, 0.9f, 1.2f, 2.5f};
        int k = eastward.length;
        int[] cells = new int[k + 1];
        float[] lats = new float[k + 1];
        float[] lons = new float[k + 1];
        for (int i = 0; i < k; i++) {
            cells[i] = 100 + i;
            lats[i] = lat;
            lons[i] = lon + eastward[i];
        }
        // And one cell diagonally away, where both factors act.
        cells[k] = 200;
        lats[k] = lat + 0.6f;
        lons[k] = lon + 0.4f;
        float[][] v = valuesAtCells(0f, 1f, 0f, length, cells, lats, lons);
        double previous = 2;
        for (int i = 1; i <= k; i++) {
            double expected = expectedCorrelation(lats[0], lons[0], lats[i], lons[i], length);
            assertCorrelation(expected, v[0], v[i], "cell at (" + lats[i] + ", " + lons[i] + ")");
            if (i < k) {
                assertTrue(expected < previous, "test design: distances chosen so that correlation decreases");
                previous = expected;
            }
        }
        assertEquals(0.0, expectedCorrelation(lat, lon, lat, lon + 2.5f, length), 0.0, "compact support");
        double atHalf = Samples.correlation(v[0], v[2]);
        double atOnePointTwo = Samples.correlation(v[0], v[4]);
        assertTrue(atHalf > atOnePointTwo + 8 * Z_1E6 / Math.sqrt(N), "decreasing: " + atHalf + ", " + atOnePointTwo);
    }

    /** ρ1(gy) · ρ1(gx) with the hat functions of the class description, in double. */
    static double expectedCorrelation(float lat1, float lon1, float lat2, float lon2, float length) {
        return oneDimensional((lat1 + 90.0) / length, (lat2 + 90.0) / length)
                * oneDimensional((lon1 + 180.0) / length, (lon2 + 180.0) / length);
    }

    private static double oneDimensional(double s, double t) {
        double dot = 0;
        double ss = 0;
        double tt = 0;
        long first = (long) Math.floor(Math.min(s, t)) - 1;
        long last = (long) Math.floor(Math.max(s, t)) + 2;
        for (long node = first; node <= last; node++) {
            double hs = Math.max(0, 1 - Math.abs(s - node));
            double ht = Math.max(0, 1 - Math.abs(t - node));
            dot += hs * ht;
            ss += hs * hs;
            tt += ht * ht;
        }
        return dot / Math.sqrt(ss * tt);
    }
}
