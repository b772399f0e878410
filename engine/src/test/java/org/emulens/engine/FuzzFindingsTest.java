package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emulens.engine.config.ConfigException;
import org.emulens.engine.onnx.OnnxImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages the inputs that fuzzing once found now get (the inputs themselves are replayed by the
 * fuzz tests in every build; docs/RELIABILITY.md lists them).
 */
class FuzzFindingsTest {

    private static byte[] seed(String resource) throws IOException {
        try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anOnnxNodeWithoutAnOutputIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.onnx");
        Files.write(f, seed("onnx/OnnxImporterFuzzTestInputs/importerFailsOnlyWithModelFormatException/"
                + "crash-node-without-output"));
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(f, null));
        assertTrue(ex.getMessage().startsWith(f + ": node '") && ex.getMessage().endsWith(") has no output"),
                ex.getMessage());
    }

    @Test
    void aSidecarVariableWithAnEmptyNameIsNamedWithFileAndLine() throws IOException {
        String yaml = new String(seed("ModelSidecarFuzzTestInputs/sidecarFailsOnlyWithConfigException/"
                + "crash-empty-variable-name"), StandardCharsets.UTF_8);
        ConfigException ex = assertThrows(ConfigException.class, () -> ModelSidecar.parse(yaml, "model.yaml"));
        assertTrue(ex.getMessage().matches("model\\.yaml:\\d+: .*a variable needs a non-empty name"), ex.getMessage());
    }
}
