package org.emulens.io.regrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.products.ErrorCorrelation;
import org.junit.jupiter.api.Test;

/**
 * Area-weighted aggregation against analytic results. Tolerances: sums of a few thousand doubles and
 * a float result, so 1e-6 relative; a wrong weight (cos(lat) left out is 3% at 60 degrees, an
 * overlap miscounted is 4% of a 0.25 degree cell) is far larger.
 */
class AreaWeightedAggregationTest {
    private static final Random RANDOM = new Random(20161227);

    @Test
    void areaWeightedTotalsAreConservedWithMissingCells() {
        // 0.05 to 0.25 degree at high latitude, where cos(lat) varies most across a cell
        LatLonGrid fine = LatLonGrid.regular(GeoBox.of(55, 60, 10, 12), 0.05);
        LatLonGrid coarse = LatLonGrid.regular(GeoBox.of(55, 60, 10, 12), 0.25);
        float[] v = new float[fine.cellCount()];
        for (int k = 0; k < v.length; k++) {
            v[k] = RANDOM.nextFloat() < 0.2 ? Float.NaN : 100 * RANDOM.nextFloat();
        }
        GridField f = GridField.of("x", "1", fine, v);
        AreaWeightedAggregation agg = AreaWeightedAggregation.between(fine, coarse);
        GridField mean = agg.mean(f);
        GridField coverage = agg.coverage(f);

        double fineTotal = 0;
        double fineValidArea = 0;
        for (int i = 0; i < fine.latCount(); i++) {
            for (int j = 0; j < fine.lonCount(); j++) {
                if (!Float.isNaN(f.value(i, j))) {
                    fineTotal += f.value(i, j) * fine.cellArea(i, j);
                    fineValidArea += fine.cellArea(i, j);
                }
            }
        }
        double coarseTotal = 0;
        double coarseValidArea = 0;
        for (int i = 0; i < coarse.latCount(); i++) {
            for (int j = 0; j < coarse.lonCount(); j++) {
                double covered = coverage.value(i, j) * coarse.cellArea(i, j);
                coarseValidArea += covered;
                if (covered > 0) {
                    coarseTotal += mean.value(i, j) * covered;
                }
            }
        }
        assertEquals(fineValidArea, coarseValidArea, 1e-9 * fineValidArea, "covered area");
        assertEquals(fineTotal, coarseTotal, 1e-6 * fineTotal, "area-weighted total");
    }

    @Test
    void weightsFollowTheSphereNotTheDegrees() {
        // two fine rows in one coarse cell, 0..60 and 60..80 N, values 1 and 0: the mean is the area
        // share of the southern band, (sin 60 - sin 0) / (sin 80 - sin 0), not its share of degrees (0.75)
        LatLonGrid fine = LatLonGrid.ofCentresAndEdges(new double[] {30, 70}, new double[] {0, 60, 80},
                new double[] {0.5}, new double[] {0, 1});
        LatLonGrid coarse = LatLonGrid.ofCentresAndEdges(new double[] {40}, new double[] {0, 80},
                new double[] {0.5}, new double[] {0, 1});
        GridField f = GridField.of("x", "1", fine, new float[] {1, 0});
        double expected = Math.sin(Math.toRadians(60)) / Math.sin(Math.toRadians(80));
        assertEquals(expected, AreaWeightedAggregation.between(fine, coarse).mean(f).value(0, 0), 1e-6);
    }

    @Test
    void partlyCoveredCellsReportTheirCoverage() {
        // a fine grid covering the southern half of the coarse cell, half of it NaN
        LatLonGrid fine = LatLonGrid.regular(GeoBox.of(0, 0.5, 0, 1), 0.5);
        LatLonGrid coarse = LatLonGrid.regular(GeoBox.of(0, 1, 0, 1), 1);
        GridField f = GridField.of("x", "1", fine, new float[] {Float.NaN, 3});
        AreaWeightedAggregation agg = AreaWeightedAggregation.between(fine, coarse);
        double south = Math.sin(Math.toRadians(0.5)) / Math.sin(Math.toRadians(1));
        assertEquals(south / 2, agg.coverage(f).value(0, 0), 1e-6);
        assertEquals(3, agg.mean(f).value(0, 0), 0.0, "NaN is left out, not averaged in as zero");
    }

    @Test
    void aCellWithNoValidValueIsNan() {
        LatLonGrid fine = LatLonGrid.regular(GeoBox.of(0, 1, 0, 1), 0.5);
        LatLonGrid coarse = LatLonGrid.regular(GeoBox.of(0, 1, 0, 1), 1);
        GridField f = GridField.of("x", "1", fine, new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN});
        assertTrue(Float.isNaN(AreaWeightedAggregation.between(fine, coarse).mean(f).value(0, 0)));
        assertEquals(0, AreaWeightedAggregation.between(fine, coarse).coverage(f).value(0, 0));
    }

    /**
     * Five fine cells of 0.2 degree in one row around the equator: equal areas, so equal weights, and sd
     * 0.5 each. Random: 0.5 / sqrt(5). Systematic: 0.5. Locally correlated, with patches of 0.4 degree
     * (44.5 km at the equator) starting at longitude 0: cells centred at 0.1, 0.3 | 0.5, 0.7 | 0.9 fall in
     * patches of 2, 2 and 1, so 0.5 * sqrt(2^2 + 2^2 + 1^2) / 5 = 0.3.
     */
    @Test
    void uncertaintiesAggregateByTheirCorrelation() {
        LatLonGrid fine = LatLonGrid.ofCentresAndEdges(new double[] {0}, new double[] {-0.5, 0.5},
                new double[] {0.1, 0.3, 0.5, 0.7, 0.9}, new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0});
        LatLonGrid coarse = LatLonGrid.regular(GeoBox.of(-0.5, 0.5, 0, 1), 1);
        GridField sd = GridField.of("sd", "K", fine, new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f});
        AreaWeightedAggregation agg = AreaWeightedAggregation.between(fine, coarse);
        assertEquals(0.5 / Math.sqrt(5), agg.standardDeviation(sd, ErrorCorrelation.RANDOM, 0).value(0, 0), 1e-7);
        assertEquals(0.5, agg.standardDeviation(sd, ErrorCorrelation.SYSTEMATIC, 0).value(0, 0), 1e-7);
        double patchKm = AreaWeightedAggregation.EARTH_RADIUS_KM * Math.toRadians(0.4);
        assertEquals(0.3, agg.standardDeviation(sd, ErrorCorrelation.LOCALLY_CORRELATED, patchKm).value(0, 0), 1e-6);
        // the two limits of the block approximation
        assertEquals(0.5 / Math.sqrt(5),
                agg.standardDeviation(sd, ErrorCorrelation.LOCALLY_CORRELATED, 0.001).value(0, 0), 1e-7);
        assertEquals(0.5, agg.standardDeviation(sd, ErrorCorrelation.LOCALLY_CORRELATED, 1e6).value(0, 0), 1e-7);
    }

    /** Unequal weights and sds: sqrt(sum w^2 s^2) / sum w, with the weights the band areas of two rows. */
    @Test
    void randomErrorsUseSquaredAreaWeights() {
        LatLonGrid fine = LatLonGrid.ofCentresAndEdges(new double[] {30, 70}, new double[] {0, 60, 80},
                new double[] {0.5}, new double[] {0, 1});
        LatLonGrid coarse = LatLonGrid.ofCentresAndEdges(new double[] {40}, new double[] {0, 80},
                new double[] {0.5}, new double[] {0, 1});
        GridField sd = GridField.of("sd", "1", fine, new float[] {0.2f, 0.4f});
        double w1 = Math.sin(Math.toRadians(60));
        double w2 = Math.sin(Math.toRadians(80)) - w1;
        double expected = Math.sqrt(w1 * w1 * 0.2f * 0.2f + w2 * w2 * 0.4f * 0.4f) / (w1 + w2);
        assertEquals(expected,
                AreaWeightedAggregation.between(fine, coarse).standardDeviation(sd, ErrorCorrelation.RANDOM, 0)
                        .value(0, 0), 1e-7);
        double systematic = (w1 * 0.2f + w2 * 0.4f) / (w1 + w2);
        assertEquals(systematic,
                AreaWeightedAggregation.between(fine, coarse).standardDeviation(sd, ErrorCorrelation.SYSTEMATIC, 0)
                        .value(0, 0), 1e-7);
    }
}
