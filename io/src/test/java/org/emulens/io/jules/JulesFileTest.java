package org.emulens.io.jules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.NetcdfInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of make_jules_files.py, read in both of JULES's layouts. Expected values are the script's
 * formulas evaluated here; the land-points file stores its points shuffled, so only placing them by
 * their coordinates gives the grid back.
 */
class JulesFileTest {
    @TempDir
    static Path dir;

    /** The script's grid: 0.5 degree cells over lat -3..-1, lon 20..22.5. */
    private static final LatLonGrid GRID = LatLonGrid.regular(GeoBox.of(-3, -1, 20, 22.5), 0.5);

    @BeforeAll
    static void files() throws Exception {
        JulesTestFiles.generate(dir);
    }

    /** smcl of the script; float32 of a double formula, so within a float ulp of what it stored. */
    private static double smcl(int t, int layer, int i, int j) {
        return 15.0 + 2.0 * i + 1.5 * j + 3.0 * Math.sin(2 * Math.PI * t / 12) + 5.0 * layer;
    }

    @Test
    void gridAndLandPointsGiveTheSameGridBothWaysExactly() {
        try (JulesFile grid = JulesFile.open(dir.resolve("jules_grid_output.nc"));
                JulesFile land = JulesFile.open(dir.resolve("jules_land_output.nc"))) {
            assertEquals(JulesLayout.Kind.GRIDDED, grid.layout().kind());
            assertEquals(List.of("y", "x"), grid.layout().pointDimensions());
            assertEquals(JulesLayout.Kind.LAND_POINTS, land.layout().kind());
            assertEquals(16, land.layout().pointCount());
            assertEquals(GRID, grid.naturalGrid());
            for (String variable : List.of("smcl", "gpp")) {
                String layer = variable.equals("smcl") ? "soil" : "pft";
                int layers = variable.equals("smcl") ? 4 : 5;
                for (int k = 0; k < layers; k++) {
                    Map<String, Integer> select = Map.of(layer, k);
                    GridField g = grid.read(variable, select);
                    GridField onGrid = land.read(variable, select, g.grid());
                    assertEquals(12, g.timeCount());
                    assertEquals(g.times(), onGrid.times());
                    // Land points onto the grid: the gridded file exactly, sea NaN in both.
                    assertArrayEquals(g.values(), onGrid.values(), variable + " " + layer + " " + k);
                    // And back: the grid's values at the land points are the file's points exactly.
                    float[] points = land.readPoints(variable, select);
                    assertArrayEquals(points, land.mapping(g.grid()).toPoints(g.values(), 12));
                    assertArrayEquals(points, land.mapping(g.grid()).toPoints(land.mapping(g.grid())
                            .toGrid(points, 12), 12));
                }
            }
            GridField smcl = grid.read("smcl", Map.of("soil", 2));
            assertEquals("kg m-2", smcl.units());
            for (int t = 0; t < 12; t++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        float v = smcl.value(t, i, j);
                        if (JulesTestFiles.isSea(i, j)) {
                            assertTrue(Float.isNaN(v), "sea (fill -1e20) must be NaN at " + i + "," + j);
                        } else {
                            assertEquals(smcl(t, 2, i, j), v, 1e-5, "smcl at t " + t + " cell " + i + "," + j);
                        }
                    }
                }
            }
            assertEquals(Instant.parse("2000-01-15T00:00:00Z"), smcl.times().get(0));
            assertEquals(Instant.parse("2000-12-15T00:00:00Z"), smcl.times().get(11));
        }
    }

    @Test
    void oneDimensionalCoordinatesWithRowsFromTheNorthGiveTheSameGrid() {
        try (JulesFile grid = JulesFile.open(dir.resolve("jules_grid_output.nc"));
                JulesFile rows = JulesFile.open(dir.resolve("jules_grid_1d_coordinates.nc"))) {
            assertEquals(JulesLayout.Kind.GRIDDED, rows.layout().kind());
            assertEquals(GRID, rows.naturalGrid());
            assertArrayEquals(grid.read("smcl", Map.of("soil", 1)).values(), rows.read("smcl", Map.of("soil", 1))
                    .values());
        }
    }

    @Test
    void oneTimeStepOrOneLayerIsChosenByIndex() {
        try (JulesFile land = JulesFile.open(dir.resolve("jules_land_output.nc"))) {
            assertEquals(Map.of("time", 12, "soil", 4), land.layerDimensions("smcl"));
            GridField march = land.read("smcl", Map.of("soil", 0, "time", 2), GRID);
            assertEquals(List.of(Instant.parse("2000-03-15T00:00:00Z")), march.times());
            assertEquals(smcl(2, 0, 3, 1), march.value(3, 1), 1e-5);
            assertEquals("smcl_soil1_time3", march.name());
        }
    }

    @Test
    void ancillaryAndDrivingDataOnTheLandDimension() {
        try (JulesFile ancil = JulesFile.open(dir.resolve("jules_ancil_land.nc"));
                JulesFile drive = JulesFile.open(dir.resolve("jules_drive_land.nc"))) {
            assertEquals(List.of("land"), ancil.layout().pointDimensions());
            GridField wilt = ancil.read("sm_wilt", Map.of("soil", 1), GRID);
            assertEquals(0.05 + 0.01 * ((2 * 5 + 3) % 7) + 0.01, wilt.value(2, 3), 1e-7);
            assertTrue(Float.isNaN(wilt.value(0, 0)), "sea");
            GridField frac = ancil.read("frac", Map.of("tile", (1 + 2 * 3) % 5), GRID);
            assertEquals(1 - 0.05 * 8, frac.value(1, 3), 1e-6, "dominant tile of cell (1, 3)");
            GridField t = drive.read("t", Map.of(), GRID);
            assertEquals(8, t.timeCount());
            assertEquals(Instant.parse("2000-01-01T03:00:00Z"), t.times().get(1));
            // Land point 0 is cell (0, 2): t = 295 + 5 sin(2 pi 3 / 24) + 0.1 * 0 at 03:00.
            assertEquals(295 + 5 * Math.sin(2 * Math.PI * 3 / 24), t.value(1, 0, 2), 1e-4);
        }
    }

    @Test
    void aSubsetOfTheGridTakesThePointsInsideIt() {
        try (JulesFile land = JulesFile.open(dir.resolve("jules_land_output.nc"))) {
            LatLonGrid box = land.naturalGrid(GeoBox.of(-2, -1, 21, 22.5));
            assertEquals(LatLonGrid.regular(GeoBox.of(-2, -1, 21, 22.5), 0.5), box);
            GridField g = land.read("smcl", Map.of("soil", 0, "time", 0), box);
            assertEquals(smcl(0, 0, 2, 3), g.value(0, 1), 1e-5);
        }
    }

    @Test
    void malformedFilesSayWhatIsWrong() {
        JulesFormatException noCoords = assertThrows(JulesFormatException.class,
                () -> JulesFile.open(dir.resolve("bad_no_coordinates.nc")));
        assertTrue(noCoords.getMessage().contains("bad_no_coordinates.nc") && noCoords.getMessage().contains(
                "no 'latitude' variable") && noCoords.getMessage().contains("jules_latlon"), noCoords.getMessage());

        // The same points with coordinates from another file of a different number of points.
        JulesFormatException wrongCount = assertThrows(JulesFormatException.class,
                () -> JulesFile.open(dir.resolve("bad_no_coordinates.nc"), dir.resolve("jules_ancil_land.nc")));
        assertTrue(wrongCount.getMessage().contains("expected the point dimension(s) [land] (14 points)")
                && wrongCount.getMessage().contains("land=16"), wrongCount.getMessage());

        try (JulesFile f = JulesFile.open(dir.resolve("bad_dimensions.nc"))) {
            JulesFormatException e = assertThrows(JulesFormatException.class,
                    () -> f.read("sm_wilt", Map.of("soil", 0)));
            assertTrue(e.getMessage().contains("'sm_wilt' is on (soil=4, points=13)")
                    && e.getMessage().contains("[land] (14 points)"), e.getMessage());
        }
        JulesFormatException lengths = assertThrows(JulesFormatException.class,
                () -> JulesFile.open(dir.resolve("bad_coordinate_lengths.nc")));
        assertTrue(lengths.getMessage().contains("'longitude' is on (lonpts=13)"), lengths.getMessage());

        try (JulesFile f = JulesFile.open(dir.resolve("jules_land_output.nc"))) {
            JulesFormatException layer = assertThrows(JulesFormatException.class, () -> f.read("gpp", Map.of()));
            assertTrue(layer.getMessage().contains("5 elements along 'pft'") && layer.getMessage().contains("pft: 1..5"),
                    layer.getMessage());
            JulesFormatException range = assertThrows(JulesFormatException.class,
                    () -> f.read("gpp", Map.of("pft", 5)));
            assertTrue(range.getMessage().contains("pft 6 does not exist; expected 1..5"), range.getMessage());
            JulesFormatException noDim = assertThrows(JulesFormatException.class,
                    () -> f.read("gpp", Map.of("pft", 0, "tile", 0)));
            assertTrue(noDim.getMessage().contains("no dimension 'tile'"), noDim.getMessage());
            NetcdfInputException noVar = assertThrows(NetcdfInputException.class, () -> f.read("nope", Map.of()));
            assertTrue(noVar.getMessage().contains("no variable 'nope'"), noVar.getMessage());
            // A grid whose centres the points miss is an error, not a silent move to the nearest cell.
            LatLonGrid shifted = LatLonGrid.regular(GeoBox.of(-3.25, -0.75, 20, 22.5), 0.5);
            JulesFormatException off = assertThrows(JulesFormatException.class, () -> f.mapping(shifted));
            assertTrue(off.getMessage().contains("not at a cell centre"), off.getMessage());
        }
    }
}
