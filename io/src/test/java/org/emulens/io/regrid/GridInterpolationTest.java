package org.emulens.io.regrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

/** Coarse-to-fine interpolation against analytic results; a plane is reproduced exactly by bilinear weights. */
class GridInterpolationTest {
    private static final LatLonGrid COARSE = LatLonGrid.regular(GeoBox.of(0, 1, 0, 1), 0.25);
    private static final LatLonGrid FINE = LatLonGrid.regular(GeoBox.of(0, 1, 0, 1), 0.05);

    private static GridField plane(LatLonGrid g) {
        float[] v = new float[g.cellCount()];
        for (int i = 0; i < g.latCount(); i++) {
            for (int j = 0; j < g.lonCount(); j++) {
                v[i * g.lonCount() + j] = (float) (2 + 3 * g.lat(i) - 5 * g.lon(j));
            }
        }
        return GridField.of("p", "1", g, v);
    }

    @Test
    void bilinearReproducesAPlaneBetweenTheCoarseCentres() {
        GridField out = GridInterpolation.between(COARSE, FINE, GridInterpolation.Method.BILINEAR).apply(plane(COARSE));
        for (int i = 0; i < FINE.latCount(); i++) {
            for (int j = 0; j < FINE.lonCount(); j++) {
                double lat = FINE.lat(i);
                double lon = FINE.lon(j);
                // inside the hull of the coarse centres (0.125..0.875) the plane is exact
                if (lat >= 0.125 && lat <= 0.875 && lon >= 0.125 && lon <= 0.875) {
                    assertEquals(2 + 3 * lat - 5 * lon, out.value(i, j), 1e-5, "at " + lat + ", " + lon);
                }
            }
        }
    }

    @Test
    void nearestTakesTheCoarseCellHoldingTheCentre() {
        GridField coarse = plane(COARSE);
        GridField out = GridInterpolation.between(COARSE, FINE, GridInterpolation.Method.NEAREST).apply(coarse);
        for (int i = 0; i < FINE.latCount(); i++) {
            for (int j = 0; j < FINE.lonCount(); j++) {
                assertEquals(coarse.value(i / 5, j / 5), out.value(i, j), 0.0);
            }
        }
    }

    @Test
    void missingCellsStayMissingAndDoNotSpread() {
        float[] v = plane(COARSE).values();
        v[5] = Float.NaN; // coarse row 1, column 1: lat 0.25..0.5, lon 0.25..0.5
        GridField coarse = GridField.of("p", "1", COARSE, v);
        GridField out = GridInterpolation.between(COARSE, FINE, GridInterpolation.Method.BILINEAR).apply(coarse);
        // every fine cell inside the missing coarse cell is missing
        for (int i = 5; i < 10; i++) {
            for (int j = 5; j < 10; j++) {
                assertTrue(Float.isNaN(out.value(i, j)), "inside the missing cell at " + i + "," + j);
            }
        }
        // next to it, the remaining corners are renormalised: a plane is still a plane
        double lat = FINE.lat(4);
        double lon = FINE.lon(6);
        assertEquals(2 + 3 * lat - 5 * lon, out.value(4, 6), 0.2, "beside the missing cell");
        assertTrue(!Float.isNaN(out.value(4, 6)));
    }

    @Test
    void targetsOutsideTheSourceAreMissing() {
        LatLonGrid wider = LatLonGrid.regular(GeoBox.of(0, 1, 0, 2), 0.5);
        GridField out = GridInterpolation.between(COARSE, wider, GridInterpolation.Method.BILINEAR).apply(plane(COARSE));
        assertTrue(Float.isNaN(out.value(0, 3)), "lon 1.75 lies outside the 0..1 source");
        assertTrue(!Float.isNaN(out.value(0, 0)));
    }
}
