package org.emulens.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.emulens.engine.EmulensException;
import org.emulens.engine.ModelFormatException;
import org.emulens.engine.FuzzFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Mutated ONNX files (seeded with the fixtures and a demo model, in OnnxImporterFuzzTestInputs) either
 * import or fail with a {@link ModelFormatException} that says something; any other throwable, an
 * OutOfMemoryError or a hang is a finding. Inputs that once failed stay in the seed folder.
 */
class OnnxImporterFuzzTest {
    private static FuzzFile input;

    @BeforeAll
    static void makeDir() throws IOException {
        input = FuzzFile.in("onnx-fuzz", "model.onnx");
    }

    @AfterAll
    static void removeDir() throws IOException {
        input.delete();
    }

    @FuzzTest(maxDuration = "10s")
    void importerFailsOnlyWithModelFormatException(byte[] bytes) throws IOException {
        Path file = input.write(bytes);
        try {
            OnnxImporter.read(file, null);
        } catch (ModelFormatException ex) {
            assertFalse(ex.getMessage() == null || ex.getMessage().isBlank(), "an error without a message");
        } catch (EmulensException ex) {
            throw new AssertionError("expected a ModelFormatException, got " + ex, ex);
        }
    }
}
