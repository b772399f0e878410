package org.emulens.io.season;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.EmulensException;
import org.emulens.engine.config.ConfigException;
import org.emulens.engine.FuzzFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated seasonal study files (seeded in SeasonStudyFileFuzzTestInputs with the example drought study
 * and one of forcing files) either read or fail with a {@link ConfigException} (a StudyConfigException, or
 * the YAML reader's own) that names the file; anything else is a finding. The files the seeds name (an
 * initial state, forcing files) exist, empty, beside the study, so that mutations get past them.
 */
class SeasonStudyFileFuzzTest {
    private static FuzzFile input;

    @BeforeAll
    static void makeDir() throws IOException {
        input = FuzzFile.in("season-fuzz", "season.yaml");
        Path dir = input.dir();
        Files.createFile(dir.resolve("initial.nc"));
        Files.createDirectory(dir.resolve("forcing"));
        Files.createFile(dir.resolve("forcing/pr_2017.nc"));
        Files.createFile(dir.resolve("forcing/pet_2017.nc"));
    }

    @AfterAll
    static void removeDir() throws IOException {
        input.delete();
    }

    @FuzzTest(maxDuration = "10s")
    void seasonFailsOnlyWithStudyConfigException(byte[] bytes) throws IOException {
        Path file = input.write(bytes);
        try {
            SeasonStudyFile.read(file);
        } catch (ConfigException ex) {
            input.assertNamedIn(ex);
        } catch (EmulensException ex) {
            throw new AssertionError("expected a StudyConfigException, got " + ex, ex);
        }
    }
}
