package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.emulens.engine.EmulensException;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer refuses before writing, and failures that must leave nothing behind. */
class CfGridWriterTest {
    private static final LatLonGrid GRID = LatLonGrid.regular(GeoBox.of(-1, 1, 10, 13), 1);

    @Test
    void aFieldOfTheWrongSizeNamesItsShape() {
        CfGridWriter.Builder b = CfGridWriter.builder(GRID).title("t")
                .times(List.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(86400)))
                .field(OutputField.mean("sm_mean", "m3 m-3", "soil moisture", new float[6]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        NetcdfGridFileErrorsTest.assertContains(e, "'sm_mean'", "expected 12 values", "2 time step(s) x 1 x 2 x 3",
                "found 6");
    }

    @Test
    void namesMustBeLegalAndUnique() {
        assertThrows(IllegalArgumentException.class,
                () -> OutputField.mean("sm mean", "1", "x", new float[6]));
        CfGridWriter.Builder b = CfGridWriter.builder(GRID).title("t")
                .field(OutputField.mean("lat", "1", "x", new float[6]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        NetcdfGridFileErrorsTest.assertContains(e, "'lat'", "already used");
        assertThrows(IllegalArgumentException.class,
                () -> CfGridWriter.builder(GRID).provenance(Map.of("Conventions", "CF-1.6")));
        assertThrows(IllegalArgumentException.class,
                () -> CfGridWriter.builder(GRID).provenance(Map.of("input files", "a.nc")));
    }

    @Test
    void twoFieldsMayNotGiveOneAxisNameTwoMeanings() {
        CfGridWriter.Builder b = CfGridWriter.builder(GRID).title("t")
                .field(OutputField.percentiles("a", "1", "a", OutputAxis.percentiles(5, 95), new float[12]))
                .field(OutputField.percentiles("b", "1", "b", OutputAxis.percentiles(10, 90), new float[12]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        NetcdfGridFileErrorsTest.assertContains(e, "'b'", "axis 'percentile' differs");
    }

    @Test
    void aTargetWhoseFolderIsAFileFailsAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path notAFolder = dir.resolve("plain-file");
        Files.writeString(notAFolder, "x");
        Path target = notAFolder.resolve("out.nc");
        CfGridWriter w = NetcdfCLibraryTest.smallWriter().format(NetcdfFormat.NETCDF3_64BIT_OFFSET).build();
        EmulensException e = assertThrows(EmulensException.class, () -> w.write(target));
        assertTrue(e.getMessage().startsWith(target.toString()), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(notAFolder), left.toList());
        }
    }

    @Test
    void netcdf3RoundTripKeepsValuesAndTurnsNanIntoFill(@TempDir Path dir) {
        float[] mean = {0.1f, Float.NaN, 0.3f, 0.4f, 0.5f, 0.6f};
        Path target = dir.resolve("round.nc");
        CfGridWriter.builder(GRID).title("round trip").times(List.of(Instant.parse("2016-12-27T00:00:00Z")))
                .format(NetcdfFormat.NETCDF3_64BIT_OFFSET)
                .field(OutputField.mean("sm_mean", "m3 m-3", "soil moisture", mean))
                .build().write(target);
        try (NetcdfGridFile f = NetcdfGridFile.open(target)) {
            GridField back = f.read("sm_mean", GridRegion.everywhere());
            assertArrayEquals(mean, back.values());
            assertEquals(GRID, back.grid());
            assertEquals(List.of(Instant.parse("2016-12-27T00:00:00Z")), back.times());
        }
    }
}
