package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emulens.cli.EmulensCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code emulens bench --compare} end to end on a run far too small to say anything about speed: the report
 * and the JSON carry every engine, the paired ratios to ONNX Runtime and the target line. Nothing is timed.
 */
class BenchCommandTest {

    @Test
    void compareReportsRatiosToOnnxRuntimeInTextAndJson(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("bench.json");
        Run r = EmulensCommandTest.run("bench", "--shape", "B", "--backend", "cpu", "--compare", "--tanh", "fast",
                "--members", "4096", "--batch", "1024", "--cells", "4", "--repeats", "2", "--threads", "2",
                "--no-peak", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        String t = r.out();
        assertTrue(t.contains("shape-B: 6 -> 32 -> 32 -> 1 (tanh)"), t);
        assertTrue(t.contains("onnxruntime") && t.contains("plain-loop"), t);
        assertTrue(t.contains("ratios to ONNX Runtime's forward pass in 2 paired rounds"), t);
        for (String what : List.of("cpu forward pass", "cpu fused pipeline (moments)",
                "cpu fused pipeline (moments, batched draws)")) {
            Matcher m = Pattern.compile(Pattern.quote(what + " / onnxruntime forward pass")
                    + "\\s+([0-9.]+)x\\s+\\[([0-9.]+) - ([0-9.]+)\\]").matcher(t);
            assertTrue(m.find(), what + " has no ratio line in\n" + t);
            // Two decimals: a cold JIT on a run this small can print 0.00x; the JSON below has the full values.
            assertTrue(Double.parseDouble(m.group(2)) <= Double.parseDouble(m.group(1))
                    && Double.parseDouble(m.group(1)) <= Double.parseDouble(m.group(3)), m.group());
        }
        assertTrue(Pattern.compile("target: CPU fused pipeline >= 2x ONNX Runtime's forward pass: (met|not met) "
                + "\\([0-9.]+x with batched draws").matcher(t).find(), t);

        // The JSON is YAML too, so SnakeYAML reads it independently of the writer.
        Map<String, Object> doc = new Yaml().load(Files.readString(json));
        Map<?, ?> model = (Map<?, ?>) ((List<?>) doc.get("models")).get(0);
        assertEquals(2496, ((Number) model.get("flops_per_member")).intValue());
        Map<?, ?> cpu = (Map<?, ?>) ((List<?>) model.get("backends")).get(0);
        assertEquals("cpu", cpu.get("backend"));
        assertEquals(true, cpu.get("ran"));
        List<?> paired = (List<?>) model.get("paired_ratios");
        assertNotNull(paired, model.keySet().toString());
        assertEquals(3, paired.size());
        for (Object p : paired) {
            Map<?, ?> ratio = (Map<?, ?>) p;
            assertEquals("onnxruntime forward pass", ratio.get("denominator"));
            assertEquals(2, ((List<?>) ratio.get("rounds")).size());
            assertTrue(((Number) ratio.get("median")).doubleValue() > 0, ratio.toString());
        }
        Map<?, ?> ratios = (Map<?, ?>) model.get("ratios");
        assertTrue(ratios.containsKey("cpu fused pipeline (moments, batched draws) / onnxruntime forward pass"),
                ratios.keySet().toString());
        List<?> comparisons = (List<?>) model.get("comparisons");
        assertTrue(comparisons.stream().anyMatch(c -> "onnxruntime".equals(((Map<?, ?>) c).get("engine"))),
                comparisons.toString());
        Map<?, ?> env = (Map<?, ?>) doc.get("environment");
        assertTrue(env.containsKey("load_average_before") && env.containsKey("load_average_after"), env.toString());
    }
}
