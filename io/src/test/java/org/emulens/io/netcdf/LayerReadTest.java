package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading one percentile level or threshold of a statistics output: the values written for that layer come
 * back, for the whole grid and for a single cell, and a wrong layer is named.
 */
class LayerReadTest {
    private static final LatLonGrid GRID = LatLonGrid.regular(GeoBox.of(-1, 1, 10, 13), 1);
    private static final List<Instant> TIMES = List.of(Instant.parse("2016-12-27T00:00:00Z"),
            Instant.parse("2016-12-28T00:00:00Z"));
    private static final int CELLS = 6;

    /** Value of time t, layer q, cell c: distinct for every triple, so a wrong layer or step shows. */
    private static float value(int t, int q, int c) {
        return 100 * t + 10 * q + c;
    }

    private static Path write(Path dir) {
        float[] percentiles = new float[TIMES.size() * 3 * CELLS];
        float[] exceedance = new float[TIMES.size() * 2 * CELLS];
        for (int t = 0; t < TIMES.size(); t++) {
            for (int c = 0; c < CELLS; c++) {
                for (int q = 0; q < 3; q++) {
                    percentiles[(t * 3 + q) * CELLS + c] = value(t, q, c);
                }
                for (int q = 0; q < 2; q++) {
                    exceedance[(t * 2 + q) * CELLS + c] = value(t, q, c) / 1000f;
                }
            }
        }
        Path target = dir.resolve("stats.nc");
        CfGridWriter.builder(GRID).title("layers").times(TIMES).format(NetcdfFormat.NETCDF3_64BIT_OFFSET)
                .field(OutputField.mean("sm_mean", "m3 m-3", "soil moisture", new float[TIMES.size() * CELLS]))
                .field(OutputField.percentiles("sm_percentile", "m3 m-3", "soil moisture",
                        OutputAxis.percentiles(5, 50, 95), percentiles))
                .field(OutputField.exceedance("sm_exceedance", "p(sm > threshold)",
                        OutputAxis.thresholds("threshold_sm", "m3 m-3", 0.1, 0.3), exceedance))
                .build().write(target);
        return target;
    }

    @Test
    void eachLayerComesBackWithItsCoordinates(@TempDir Path dir) {
        try (NetcdfGridFile f = NetcdfGridFile.open(write(dir))) {
            assertEquals(List.of("percentile"), f.layerDimensions("sm_percentile"));
            assertEquals(List.of("threshold_sm"), f.layerDimensions("sm_exceedance"));
            assertEquals(List.of(), f.layerDimensions("sm_mean"));
            assertArrayEquals(new double[] {5, 50, 95}, f.coordinateValues("percentile"));
            assertArrayEquals(new double[] {0.1, 0.3}, f.coordinateValues("threshold_sm"));
            for (int q = 0; q < 3; q++) {
                GridField layer = f.read("sm_percentile", GridRegion.everywhere(), "percentile", q);
                assertEquals(TIMES, layer.times());
                assertEquals(GRID, layer.grid());
                for (int t = 0; t < TIMES.size(); t++) {
                    for (int c = 0; c < CELLS; c++) {
                        assertEquals(value(t, q, c), layer.slice(t)[c], "t " + t + " q " + q + " cell " + c);
                    }
                }
            }
            GridField second = f.read("sm_exceedance", GridRegion.everywhere(), "threshold_sm", 1);
            assertEquals(value(1, 1, 4) / 1000f, second.slice(1)[4]);
        }
    }

    @Test
    void oneCellOfOneStepIsReadThroughATinyRegion(@TempDir Path dir) {
        // cell 4 is row 1 (lat 0.5), column 1 (lon 11.5)
        GridRegion cell = GridRegion.of(GeoBox.of(0.5, 0.5, 11.5, 11.5)).during(TIMES.get(1), TIMES.get(1));
        try (NetcdfGridFile f = NetcdfGridFile.open(write(dir))) {
            GridField one = f.read("sm_percentile", cell, "percentile", 2);
            assertEquals(1, one.grid().cellCount());
            assertEquals(List.of(TIMES.get(1)), one.times());
            assertArrayEquals(new float[] {value(1, 2, 4)}, one.values());
        }
    }

    @Test
    void aWrongLayerIsNamed(@TempDir Path dir) {
        Path file = write(dir);
        try (NetcdfGridFile f = NetcdfGridFile.open(file)) {
            NetcdfInputException e = assertThrows(NetcdfInputException.class,
                    () -> f.read("sm_percentile", GridRegion.everywhere(), "percentile", 3));
            NetcdfGridFileErrorsTest.assertContains(e, file.toString(), "'sm_percentile'", "0..2", "found 3");
            e = assertThrows(NetcdfInputException.class,
                    () -> f.read("sm_percentile", GridRegion.everywhere(), "level", 0));
            NetcdfGridFileErrorsTest.assertContains(e, "'sm_percentile'", "'level'");
            e = assertThrows(NetcdfInputException.class, () -> f.read("sm_percentile", GridRegion.everywhere()));
            NetcdfGridFileErrorsTest.assertContains(e, "percentile=3", "choose a single level");
            e = assertThrows(NetcdfInputException.class, () -> f.coordinateValues("sm_mean"));
            NetcdfGridFileErrorsTest.assertContains(e, "no coordinate variable 'sm_mean'");
        }
    }
}
