package org.emulens.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;

class StreamCellTest {

    /** The id is the cell's place on the global grid: row from 90 S, column from 180 W, 1440 columns at 0.25 degrees. */
    @Test
    void squareGridCellsAreNumberedOnTheGlobalGrid() {
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(-35, -34, 20, 20.75), 0.25);
        int i = 0;
        int j = 0;
        assertEquals(-34.875, grid.lat(i), 1e-12);
        assertEquals(20.125, grid.lon(j), 1e-12);
        // row floor((−34.875 + 90) / 0.25) = 220, column floor((20.125 + 180) / 0.25) = 800
        assertEquals(220 * 1440 + 800, StudyRunner.streamCell(grid, 0, i, j));
        // a time step moves past the whole globe: 720 rows x 1440 columns
        assertEquals(720 * 1440 + 220 * 1440 + 800, StudyRunner.streamCell(grid, 1, i, j));
    }

    @Test
    void gridFinerInLongitudeThanLatitudeGivesEveryCellItsOwnStreams() {
        double[] lat = {10.5, 11.5, 12.5};
        double[] lon = {20.25, 20.75, 21.25, 21.75};
        LatLonGrid grid = LatLonGrid.ofCentres(lat, lon);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < lat.length; i++) {
            for (int j = 0; j < lon.length; j++) {
                assertTrue(ids.add(StudyRunner.streamCell(grid, 0, i, j)), "cell (" + i + ", " + j + ") shares an id");
            }
        }
        // 1 degree rows, 0.5 degree columns: row floor(100.5) = 100 of 180, column floor(400.5) = 400 of 720
        assertEquals(100 * 720 + 400, StudyRunner.streamCell(grid, 0, 0, 0));
    }

    @Test
    void aOneCellRegionHasAnId() {
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(0, 1, 10, 11), 1.0);
        assertEquals(1, grid.cellCount());
        // row floor(90.5) = 90 of 180, column floor(190.5) = 190 of 360
        assertEquals(90 * 360 + 190, StudyRunner.streamCell(grid, 0, 0, 0));
    }
}
