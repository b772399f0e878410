package org.emulens.io.study;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.EmulensException;
import org.emulens.engine.Variable;
import org.emulens.engine.config.ConfigException;
import org.emulens.engine.FuzzFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated study files (seeded with the example study and one of uncertain values, in
 * StudyFileFuzzTestInputs) either read or fail with a {@link ConfigException} (a StudyConfigException,
 * or the YAML reader's own) that names the file; anything else is a finding.
 */
class StudyFileFuzzTest {
    private static final Emulator MODEL = Emulator.builder().name("linear").input(Variable.of("theta", "m3 m-3"))
            .input(Variable.of("theta_wilt", "m3 m-3")).input(Variable.of("theta_crit", "m3 m-3"))
            .output(Variable.of("y", "1"))
            .layer(new DenseLayer(3, 1, new float[] {1f, 1f, 1f}, new float[] {0f}, Activation.IDENTITY)).build();
    private static FuzzFile input;

    @BeforeAll
    static void makeDir() throws IOException {
        input = FuzzFile.in("study-fuzz", "study.yaml");
    }

    @AfterAll
    static void removeDir() throws IOException {
        input.delete();
    }

    @FuzzTest(maxDuration = "10s")
    void studyFailsOnlyWithStudyConfigException(byte[] bytes) throws IOException {
        Path file = input.write(bytes);
        try {
            StudyFile.read(file, MODEL);
        } catch (ConfigException ex) {
            input.assertNamedIn(ex);
        } catch (EmulensException ex) {
            throw new AssertionError("expected a StudyConfigException, got " + ex, ex);
        }
    }
}
