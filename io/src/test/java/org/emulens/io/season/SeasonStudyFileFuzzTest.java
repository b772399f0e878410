package org.emulens.io.season;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.EmulensException;
import org.emulens.engine.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated seasonal study files (seeded in SeasonStudyFileFuzzTestInputs with the example drought study
 * and one of forcing files) either read or fail with a {@link ConfigException} (a StudyConfigException, or
 * the YAML reader's own) that names the file; anything else is a finding. The files the seeds name (an
 * initial state, forcing files) exist, empty, beside the study, so that mutations get past them.
 */
class SeasonStudyFileFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("season-fuzz");
        Files.createFile(dir.resolve("initial.nc"));
        Files.createDirectory(dir.resolve("forcing"));
        Files.createFile(dir.resolve("forcing/pr_2017.nc"));
        Files.createFile(dir.resolve("forcing/pet_2017.nc"));
    }

    @AfterAll
    static void removeDir() throws IOException {
        for (String f : new String[] {"forcing/pr_2017.nc", "forcing/pet_2017.nc", "forcing", "initial.nc",
                "season.yaml"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "10s")
    void seasonFailsOnlyWithStudyConfigException(byte[] bytes) throws IOException {
        Path file = dir.resolve("season.yaml");
        Files.write(file, bytes);
        try {
            SeasonStudyFile.read(file);
        } catch (ConfigException ex) {
            assertTrue(ex.getMessage() != null && ex.getMessage().contains(file.toString()),
                    "an error that does not name the file: " + ex.getMessage());
        } catch (EmulensException ex) {
            throw new AssertionError("expected a StudyConfigException, got " + ex, ex);
        }
    }
}
