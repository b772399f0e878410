package org.emulens.io.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Grid geometry against the sphere's analytic areas. */
class LatLonGridTest {
    @Test
    void theCellsOfTheGlobeAddUpToFourPi() {
        LatLonGrid g = LatLonGrid.regular(GeoBox.GLOBE, 0.25);
        double sum = 0;
        for (int i = 0; i < g.latCount(); i++) {
            for (int j = 0; j < g.lonCount(); j++) {
                sum += g.cellArea(i, j);
            }
        }
        assertEquals(4 * Math.PI, sum, 1e-9);
        assertEquals(720, g.latCount());
        assertEquals(-89.875, g.lat(0), 1e-12);
    }

    @Test
    void edgesLieHalfwayAndStopAtThePoles() {
        LatLonGrid g = LatLonGrid.ofCentres(new double[] {-89.5, 0, 89.5}, new double[] {10, 20});
        assertEquals(-90, g.latEdge(0));
        assertEquals(-44.75, g.latEdge(1));
        assertEquals(90, g.latEdge(3));
        assertEquals(5, g.lonEdge(0));
        assertEquals(25, g.lonEdge(2));
    }

    @Test
    void badGridsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> LatLonGrid.ofCentres(new double[] {1, 0}, new double[] {0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatLonGrid.regular(GeoBox.of(0, 1, 0, 1), 0.3));
        assertEquals(true, e.getMessage().contains("whole number of 0.3 degree steps"), e.getMessage());
    }

    @Test
    void boxesConvertLongitudeConventions() {
        GeoBox africa = GeoBox.of(-35, 38, -18, 52);
        assertEquals(-15, africa.inBoxConvention(345), 1e-12);
        assertEquals(30, africa.inBoxConvention(30), 1e-12);
        assertEquals(-18, africa.inBoxConvention(342), 1e-12);
        GeoBox pacific = GeoBox.of(-10, 10, 170, 190);
        assertEquals(185, pacific.inBoxConvention(-175), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GeoBox.of(10, -10, 0, 1));
    }
}
