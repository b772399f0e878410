package org.emulens.engine.gp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.emulens.engine.ModelFormatException;
import org.emulens.engine.FuzzFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated Gaussian-process emulator files (seeded in GaussianProcessFileFuzzTestInputs with a GP of two
 * points from scripts/train/make_fuzz_seeds.py;
 * the fitted fixtures, tens of kilobytes each, are left out as they slow every execution) either read
 * or fail with a {@link ModelFormatException} that names the file; anything else, an OutOfMemoryError
 * or a hang is a finding.
 */
class GaussianProcessFileFuzzTest {
    private static FuzzFile input;

    @BeforeAll
    static void makeDir() throws IOException {
        input = FuzzFile.in("gp-fuzz", "model.gp.yaml");
    }

    @AfterAll
    static void removeDir() throws IOException {
        input.delete();
    }

    @FuzzTest(maxDuration = "10s")
    void gpFailsOnlyWithModelFormatException(byte[] bytes) throws IOException {
        Path file = input.write(bytes);
        try {
            GaussianProcessFile.read(file);
        } catch (ModelFormatException ex) {
            input.assertNamedIn(ex);
        }
    }
}
