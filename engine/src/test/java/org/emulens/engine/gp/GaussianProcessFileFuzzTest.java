package org.emulens.engine.gp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.ModelFormatException;
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
    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("gp-fuzz");
    }

    @AfterAll
    static void removeDir() throws IOException {
        Files.deleteIfExists(dir.resolve("model.gp.yaml"));
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "10s")
    void gpFailsOnlyWithModelFormatException(byte[] bytes) throws IOException {
        Path file = dir.resolve("model.gp.yaml");
        Files.write(file, bytes);
        try {
            GaussianProcessFile.read(file);
        } catch (ModelFormatException ex) {
            assertTrue(ex.getMessage() != null && ex.getMessage().contains(file.toString()),
                    "an error that does not name the file: " + ex.getMessage());
        }
    }
}
