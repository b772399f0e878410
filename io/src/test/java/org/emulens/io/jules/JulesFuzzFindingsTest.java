package org.emulens.io.jules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emulens.io.netcdf.NetcdfInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages the JULES files that fuzzing once found now get (the inputs are replayed by
 * JulesFileFuzzTest in every build; docs/RELIABILITY.md lists them).
 */
class JulesFuzzFindingsTest {

    private static Path copy(String resource, Path dir) throws IOException {
        Path f = dir.resolve("jules.nc");
        try (InputStream in = JulesFuzzFindingsTest.class.getResourceAsStream(resource)) {
            Files.write(f, in.readAllBytes());
        }
        return f;
    }

    @Test
    void aTimeBeyondTheCalendarIsNamed(@TempDir Path dir) throws IOException {
        Path f = copy("JulesFileFuzzTestInputs/julesFailsOnlyWithNetcdfInputException/crash-time-beyond-calendar", dir);
        try (JulesFile jules = JulesFile.open(f)) {
            NetcdfInputException ex = assertThrows(NetcdfInputException.class,
                    () -> jules.readPoints("smcl", Map.of("soil", 0)));
            assertTrue(ex.getMessage().startsWith(f + ": time coordinate 'time': value 1 (")
                    && ex.getMessage().endsWith(" seconds since 2016-01-01 00:00:00) is not a representable date"),
                    ex.getMessage());
        }
    }

    @Test
    void anNc3LayoutThatDisagreesWithItsHeaderIsADamagedFile(@TempDir Path dir) throws IOException {
        Path f = copy("JulesFileFuzzTestInputs/julesFailsOnlyWithNetcdfInputException/crash-nc3-layout-assertion", dir);
        NetcdfInputException ex = assertThrows(NetcdfInputException.class, () -> JulesFile.open(f));
        assertTrue(ex.getMessage().startsWith(f + ": variable 'longitude': cannot read: the file is damaged or not "
                + "what its header says ("), ex.getMessage());
    }

    /** An unlimited dimension (a time dimension) whose coordinate variable is missing. */
    @Test
    void aTimeDimensionWithoutTimesIsReadStepByStep(@TempDir Path dir) throws IOException {
        Path f = copy("JulesFileFuzzTestInputs/julesFailsOnlyWithNetcdfInputException/crash-unlimited-without-times",
                dir);
        try (JulesFile jules = JulesFile.open(f)) {
            JulesFormatException ex = assertThrows(JulesFormatException.class,
                    () -> jules.readPoints("smcl", Map.of("soil", 0)));
            assertEquals(f + ": variable 'smcl' (tkme=2, soil=2, y=1, x=3): time dimension 'tkme' has 2 steps but no "
                    + "coordinate variable giving their times; select one step", ex.getMessage());
            assertEquals(3, jules.readPoints("smcl", Map.of("soil", 0, "tkme", 1)).length);
            assertEquals(List.of(), jules.times("smcl", Map.of("soil", 0, "tkme", 1)));
        }
    }

    /** Made by hand, not by the fuzzer: three points, two of them 2^-12 degrees apart, the third at (64, 200). */
    @Test
    void sparsePointsOnAVastGridAreRefused(@TempDir Path dir) throws IOException {
        Path f = copy("JulesFileFuzzTestInputs/julesFailsOnlyWithNetcdfInputException/"
                + "crash-sparse-points-on-a-vast-grid", dir);
        try (JulesFile jules = JulesFile.open(f)) {
            JulesFormatException ex = assertThrows(JulesFormatException.class, () -> jules.read("gpp", Map.of()));
            assertEquals(f + ": 3 points on a grid of 262145 x 819201 cells: expected at most 2147483647 cells; the "
                    + "points' coordinates spread far with a small spacing between some of them", ex.getMessage());
        }
    }

    @Test
    void anHdf5DimensionWithoutANameIsNamed(@TempDir Path dir) throws IOException {
        Path f = copy("JulesFileFuzzTestInputs/julesFailsOnlyWithNetcdfInputException/crash-hdf5-unnamed-dimension", dir);
        try (JulesFile jules = JulesFile.open(f)) {
            List<String> messages = new ArrayList<>();
            for (String variable : jules.variableNames()) {
                try {
                    jules.layerDimensions(variable);
                } catch (JulesFormatException ex) {
                    messages.add(ex.getMessage());
                }
            }
            assertTrue(messages.stream().anyMatch(m -> m.startsWith(f + ": variable '") && m.endsWith(", a dimension "
                    + "without a name; expected named dimensions as JULES writes them")), messages.toString());
        }
    }
}
