package org.emulens.io.jules;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.emulens.engine.EmulensException;
import org.emulens.engine.MemoryLimitException;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.netcdf.NetcdfInputException;
import org.emulens.engine.FuzzFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated copies of small files in JULES's layouts (land points on x and y, a grid, a 1-D 'land' input
 * grid; NetCDF-3 from scripts/jules/make_jules_fuzz_seeds.py and one NetCDF-4/HDF5 ancillary, seeded in
 * JulesFileFuzzTestInputs). {@link JulesFile} opens the file, places its points on their natural grid
 * ({@link LandPointMapping}) and reads every variable on the points and on the grid, each layer's first
 * element selected; each step either works or fails with a {@link NetcdfInputException} (a
 * {@link JulesFormatException} or the NetCDF reader's), or a {@link MemoryLimitException} for a grid
 * too large for the heap, naming the file. Anything else, an
 * OutOfMemoryError or a hang (10 s per input) is a finding.
 */
class JulesFileFuzzTest {
    private static FuzzFile input;

    @BeforeAll
    static void makeDir() throws IOException {
        input = FuzzFile.in("jules-fuzz", "jules.nc");
        System.setProperty(NetcdfGridFile.OPEN_SECONDS_PROPERTY, "2");
    }

    @AfterAll
    static void removeDir() throws IOException {
        input.delete();
    }

    @FuzzTest(maxDuration = "10s")
    void julesFailsOnlyWithNetcdfInputException(byte[] bytes) throws IOException {
        Path file = input.write(bytes);
        JulesFile jules;
        try {
            jules = JulesFile.open(file);
        } catch (NetcdfInputException ex) {
            input.assertNamedIn(ex);
            return;
        }
        try (jules) {
            try {
                jules.mapping(jules.naturalGrid());
            } catch (NetcdfInputException | MemoryLimitException ex) {
                input.assertNamedIn(ex);
                return;
            }
            for (String variable : jules.variableNames()) {
                try {
                    Map<String, Integer> select = new HashMap<>();
                    jules.layerDimensions(variable).forEach((d, n) -> {
                        if (!d.equals("time") && !d.equals("tstep")) {
                            select.put(d, 0);
                        }
                    });
                    jules.units(variable);
                    jules.readPoints(variable, select);
                    jules.times(variable, select);
                    jules.read(variable, select);
                } catch (NetcdfInputException | MemoryLimitException ex) {
                    input.assertNamedIn(ex);
                } catch (EmulensException ex) {
                    throw new AssertionError("expected a NetcdfInputException, got " + ex, ex);
                }
            }
        } catch (NetcdfInputException ex) {
            input.assertNamedIn(ex);
        }
    }

}
