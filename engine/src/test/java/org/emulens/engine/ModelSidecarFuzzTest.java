package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.emulens.engine.config.ConfigException;

/**
 * Mutated sidecar YAML (seeded with the demo models' sidecars, in ModelSidecarFuzzTestInputs) either
 * parses or fails with a {@link ConfigException} naming the source; this also covers YamlNode, which
 * every YAML file the engine reads goes through.
 */
class ModelSidecarFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void sidecarFailsOnlyWithConfigException(byte[] bytes) {
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        try {
            ModelSidecar.parse(yaml, "fuzz.yaml");
        } catch (ConfigException ex) {
            String m = ex.getMessage();
            assertFalse(m == null || !m.startsWith("fuzz.yaml"), "an error that does not name the file: " + m);
        } catch (EmulensException ex) {
            throw new AssertionError("expected a ConfigException, got " + ex, ex);
        }
    }
}
