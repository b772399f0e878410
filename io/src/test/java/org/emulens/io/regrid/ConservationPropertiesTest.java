package org.emulens.io.regrid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.emulens.engine.testing.RandomCases;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

/**
 * Area-weighted aggregation conserves the area-weighted total and the valid area, for random irregular
 * source and target grids over the same box (anywhere from the equator to a pole, edges not nested)
 * with random missing cells. The totals are summed independently here from {@link LatLonGrid#cellArea};
 * the tolerance, 1e-5 of the total of |value| x area, covers the float outputs (mean and coverage are
 * stored as float, 6e-8 relative each) summed over up to a few hundred target cells.
 */
class ConservationPropertiesTest {

    private static double[] cuts(SplittableRandom r, double lo, double hi, int n) {
        double[] e = new double[n + 1];
        e[0] = lo;
        e[n] = hi;
        for (int k = 1; k < n; k++) {
            e[k] = lo + r.nextDouble() * (hi - lo);
        }
        Arrays.sort(e);
        for (int k = 1; k <= n; k++) {
            if (e[k] - e[k - 1] < 1e-6) {
                return cuts(r, lo, hi, n);
            }
        }
        return e;
    }

    private static double[] centres(double[] edges) {
        double[] c = new double[edges.length - 1];
        for (int k = 0; k < c.length; k++) {
            c[k] = 0.5 * (edges[k] + edges[k + 1]);
        }
        return c;
    }

    private static LatLonGrid grid(double[] latEdges, double[] lonEdges) {
        return LatLonGrid.ofCentresAndEdges(centres(latEdges), latEdges, centres(lonEdges), lonEdges);
    }

    @Test
    void areaWeightedTotalsAreConservedOnRandomGrids() {
        RandomCases.run(200, (r, name) -> {
            double south = -90 + r.nextDouble() * 170;
            double north = Math.min(90, south + 0.1 + r.nextDouble() * 30);
            double west = -180 + r.nextDouble() * 300;
            double east = west + 0.1 + r.nextDouble() * 50;
            LatLonGrid fine = grid(cuts(r, south, north, 5 + r.nextInt(60)), cuts(r, west, east, 5 + r.nextInt(60)));
            LatLonGrid coarse = grid(cuts(r, south, north, 1 + r.nextInt(12)), cuts(r, west, east, 1 + r.nextInt(12)));
            double missing = r.nextDouble();
            float[] v = new float[fine.cellCount()];
            for (int k = 0; k < v.length; k++) {
                v[k] = r.nextDouble() < missing ? Float.NaN : (float) (r.nextDouble() * 200 - 50);
            }
            GridField f = GridField.of("x", "1", fine, v);
            AreaWeightedAggregation agg = AreaWeightedAggregation.between(fine, coarse);
            GridField mean = agg.mean(f);
            GridField coverage = agg.coverage(f);

            double fineTotal = 0;
            double fineAbs = 0;
            double fineArea = 0;
            for (int i = 0; i < fine.latCount(); i++) {
                for (int j = 0; j < fine.lonCount(); j++) {
                    float x = f.value(i, j);
                    if (!Float.isNaN(x)) {
                        fineTotal += x * fine.cellArea(i, j);
                        fineAbs += Math.abs(x) * fine.cellArea(i, j);
                        fineArea += fine.cellArea(i, j);
                    }
                }
            }
            double coarseTotal = 0;
            double coarseArea = 0;
            for (int i = 0; i < coarse.latCount(); i++) {
                for (int j = 0; j < coarse.lonCount(); j++) {
                    double covered = coverage.value(i, j) * coarse.cellArea(i, j);
                    coarseArea += covered;
                    if (covered > 0) {
                        coarseTotal += mean.value(i, j) * covered;
                    }
                }
            }
            assertEquals(fineArea, coarseArea, 1e-6 * fineArea + 1e-15, "covered area");
            assertEquals(fineTotal, coarseTotal, 1e-5 * fineAbs + 1e-15, "area-weighted total");
        });
    }
}
