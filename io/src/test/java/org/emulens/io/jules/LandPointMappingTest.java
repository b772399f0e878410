package org.emulens.io.jules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

/** Placing points by their coordinates, without files: runs where the test files cannot be generated. */
class LandPointMappingTest {
    private static final LatLonGrid GRID = LatLonGrid.regular(GeoBox.of(10, 11, -1, 1), 0.5);

    @Test
    void shuffledPointsGoToTheirCellsAndBackExactly() {
        // cells (1, 3), (0, 0), (1, 1) as points 0, 1, 2; a longitude of 359.75 is -0.25 on this grid
        double[] lat = {10.75, 10.25, 10.75};
        double[] lon = {0.75, 359.25, -0.25};
        LandPointMapping m = LandPointMapping.of(lat, lon, GRID, "test");
        assertEquals(7, m.cellOf(0));
        assertEquals(0, m.cellOf(1));
        assertEquals(5, m.cellOf(2));
        assertEquals(2, m.pointAt(5));
        assertEquals(-1, m.pointAt(6));
        float[] points = {1.5f, -2f, Float.MIN_VALUE, 4f, 5f, 6f};
        float[] grid = m.toGrid(points, 2);
        assertEquals(16, grid.length);
        assertEquals(Float.MIN_VALUE, grid[5]);
        assertEquals(4f, grid[8 + 7]);
        assertTrue(Float.isNaN(grid[1]));
        assertArrayEquals(points, m.toPoints(grid, 2));
    }

    @Test
    void pointsOutsideAreLeftOutAndOffCentrePointsOrSharedCellsAreErrors() {
        LandPointMapping m = LandPointMapping.of(new double[] {10.25, 40.25}, new double[] {0.25, 0.25}, GRID, "f.nc");
        assertEquals(-1, m.cellOf(1));
        assertTrue(Float.isNaN(m.toPoints(new float[8], 1)[1]));
        JulesFormatException off = assertThrows(JulesFormatException.class,
                () -> LandPointMapping.of(new double[] {10.3}, new double[] {0.25}, GRID, "f.nc"));
        assertTrue(off.getMessage().startsWith("f.nc: point 0 at (10.3, 0.25) is not at a cell centre"),
                off.getMessage());
        JulesFormatException twice = assertThrows(JulesFormatException.class,
                () -> LandPointMapping.of(new double[] {10.25, 10.25}, new double[] {0.25, 0.25}, GRID, "f.nc"));
        assertTrue(twice.getMessage().contains("points 0 and 1 both lie at the centre of cell"), twice.getMessage());
        JulesFormatException missing = assertThrows(JulesFormatException.class,
                () -> LandPointMapping.of(new double[] {Double.NaN}, new double[] {0.25}, GRID, "f.nc"));
        assertTrue(missing.getMessage().contains("no latitude"), missing.getMessage());
    }

    @Test
    void theNaturalGridIsRegularAcrossGapsOfSea() {
        // no land in the row at 11.25 nor in the column at 1.25: the grid keeps the 0.5 degree step
        LatLonGrid g = LandPointMapping.naturalGrid(new double[] {10.25, 10.75, 11.75},
                new double[] {0.25, 0.75, 1.75}, "f.nc");
        assertEquals(LatLonGrid.regular(GeoBox.of(10, 12, 0, 2), 0.5), g);
        // spacings that are not multiples of one step keep the coordinates as they are
        LatLonGrid irregular = LandPointMapping.naturalGrid(new double[] {0, 1, 2.5}, new double[] {0, 0, 0}, "f.nc");
        assertArrayEquals(new double[] {0, 1, 2.5}, irregular.latitudes());
    }
}
