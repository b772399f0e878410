package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.emulens.io.TestFiles;
import org.emulens.io.grid.GeoBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a read can fail says which file and variable, what was expected and what was found. */
class NetcdfGridFileErrorsTest {
    private static final Path SAMPLE = TestFiles.resource(NetcdfGridFileErrorsTest.class, "cf_samples_nc4.nc");

    @Test
    void aFileThatIsNotNetcdfIsNamed(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.nc");
        Files.writeString(text, "lat,lon,sm\n1,2,0.3\n");
        NetcdfInputException e = assertThrows(NetcdfInputException.class, () -> NetcdfGridFile.open(text));
        assertContains(e, text.toString(), "not a NetCDF file");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("absent.nc");
        NetcdfInputException e = assertThrows(NetcdfInputException.class, () -> NetcdfGridFile.open(missing));
        assertContains(e, missing.toString(), "no such file");
    }

    @Test
    void anUnknownVariableListsTheOnesThere() {
        try (NetcdfGridFile f = NetcdfGridFile.open(SAMPLE)) {
            NetcdfInputException e = assertThrows(NetcdfInputException.class,
                    () -> f.read("soil_moisture", GridRegion.everywhere()));
            assertContains(e, SAMPLE.toString(), "'soil_moisture'", "t2m", "qflag", "frac");
        }
    }

    @Test
    void aVariableWithoutLatLonAxesIsRefused() {
        try (NetcdfGridFile f = NetcdfGridFile.open(SAMPLE)) {
            NetcdfInputException e = assertThrows(NetcdfInputException.class,
                    () -> f.read("noaxes", GridRegion.everywhere()));
            assertContains(e, SAMPLE.toString(), "'noaxes'", "(y, x)", "expected latitude and longitude", "neither");
        }
    }

    @Test
    void anExtraDimensionLongerThanOneIsRefused() {
        try (NetcdfGridFile f = NetcdfGridFile.open(SAMPLE)) {
            NetcdfInputException e = assertThrows(NetcdfInputException.class,
                    () -> f.read("levels", GridRegion.everywhere()));
            assertContains(e, "'levels'", "level=2");
        }
    }

    @Test
    void anEmptyRegionNamesTheBoxAndTheGridExtent() {
        try (NetcdfGridFile f = NetcdfGridFile.open(SAMPLE)) {
            NetcdfInputException e = assertThrows(NetcdfInputException.class,
                    () -> f.read("t2m", GridRegion.of(GeoBox.of(40, 60, 0, 10))));
            assertContains(e, SAMPLE.toString(), "'t2m'", "lat 40..60, lon 0..10", "lat -12.5..12.5", "lon 15.0..345.0");
        }
    }

    @Test
    void aTimeRangeWithoutStepsSaysWhatTheFileHas() {
        try (NetcdfGridFile f = NetcdfGridFile.open(SAMPLE)) {
            GridRegion later = GridRegion.everywhere().during(Instant.parse("2010-01-01T00:00:00Z"), null);
            NetcdfInputException e = assertThrows(NetcdfInputException.class, () -> f.read("t2m", later));
            assertContains(e, "'t2m'", "no time step", "2000-01-01T00:00:00Z", "2000-02-01T00:00:00Z");
        }
    }

    @Test
    void anUnknownFlagMeaningListsTheMeaningsThere() {
        try (NetcdfGridFile f = NetcdfGridFile.open(SAMPLE)) {
            GridRegion all = GridRegion.everywhere();
            NetcdfInputException e = assertThrows(NetcdfInputException.class,
                    () -> f.applyFlags(f.read("t2m", all), "qflag", FlagRule.badMeanings("ice"), all));
            assertContains(e, "'qflag'", "[ice]", "cloud", "snow", "water");
        }
    }

    @Test
    void readingAfterCloseIsAnError() {
        NetcdfGridFile f = NetcdfGridFile.open(SAMPLE);
        f.close();
        assertThrows(IllegalStateException.class, () -> f.read("t2m", GridRegion.everywhere()));
    }

    static void assertContains(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should contain '" + p + "': " + e.getMessage());
        }
    }
}
