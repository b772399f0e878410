package org.emulens.benchmarks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.TanhMode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** What the bench reports, on a run too small to say anything about speed (nothing here is timed). */
class ModelBenchTest {

    private static final BenchSettings TINY = new BenchSettings(4096, 4, 1024, 2, TanhMode.FAST, 2, true, false);

    @Test
    void everyEngineRunsTheSameMembersAndAgrees() {
        Emulator e = BenchmarkShapes.shapeB();
        List<String> heard = new ArrayList<>();
        ModelResult r = ModelBench.run(e, OnnxMlpExport.toBytes(e), List.of("cpu", "no-such-backend"), TINY,
                PeakRate.cpu(2, false), heard::add);
        assertFalse(heard.isEmpty());
        BackendResult cpu = r.backends().get(0);
        assertTrue(cpu.ran(), cpu.skipped());
        assertEquals(List.of("forward pass", "fused pipeline (moments)", "fused pipeline (moments + quantile sketch)",
                "fused pipeline (moments, batched draws)"), cpu.measurements().stream().map(Measurement::what).toList());
        for (Measurement m : cpu.measurements()) {
            assertEquals(4096, m.members(), m.what());
            assertEquals(2, m.seconds().length, m.what());
            assertEquals(2496, m.flopsPerMember());
            assertTrue(m.minRate() <= m.medianRate() && m.medianRate() <= m.maxRate(), m.what());
        }
        // Four launches of 1024 per repeat, two repeats.
        assertEquals(8, cpu.find("forward pass").latency().launches());
        BackendResult missing = r.backends().get(1);
        assertFalse(missing.ran());
        assertTrue(missing.skipped().contains("unknown backend 'no-such-backend'"), missing.skipped());
        assertNotNull(r.comparison("onnxruntime"));
        assertNotNull(r.comparison("plain-loop"));
        assertEquals(List.of("cpu forward pass", "cpu fused pipeline (moments)", "cpu fused pipeline (moments, batched draws)"),
                cpu.paired().stream().map(PairedRatio::numerator).toList());
        for (PairedRatio p : cpu.paired()) {
            assertEquals(2, p.ratios().length);
            assertTrue(p.min() > 0 && p.min() <= p.median() && p.median() <= p.max(), p.numerator());
        }
        assertEquals(2, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(1).endsWith("0.0 (first launch)"), "plain loop: " + r.notes());
    }

    @Test
    void reportAndJsonCarryTheFigures() {
        Emulator e = BenchmarkShapes.shapeB();
        PeakRate peak = new PeakRate(100, "assumed for the test", 50, "measured for the test");
        ModelResult r = ModelBench.run(e, OnnxMlpExport.toBytes(e), List.of("cpu"), TINY, peak, s -> { });
        StringWriter text = new StringWriter();
        BenchReport.print(new PrintWriter(text), TINY, peak, List.of(r), 0.5, 0.75);
        String t = text.toString();
        assertTrue(t.contains("shape-B: 6 -> 32 -> 32 -> 1 (tanh), 2,496 FLOPs/member"), t);
        assertTrue(t.contains("of assumed peak") && t.contains("of measured"), t);
        assertTrue(t.contains("load average 0.50 before and 0.75 after"), t);
        assertTrue(t.contains("cpu forward pass / onnxruntime forward pass"), t);
        assertTrue(t.contains("target: CPU fused pipeline >= 2x ONNX Runtime's forward pass"), t);
        assertTrue(t.contains("ratios to ONNX Runtime's forward pass in 2 paired rounds"), t);

        // JSON is YAML too, so SnakeYAML is an independent reader of what was written.
        Map<String, Object> json = new Yaml().load(BenchReport.json(TINY, peak, List.of(r),
                Map.of("cpu", "a \"quoted\" name\\")));
        assertEquals("a \"quoted\" name\\", ((Map<?, ?>) json.get("environment")).get("cpu"));
        List<?> models = (List<?>) json.get("models");
        Map<?, ?> model = (Map<?, ?>) models.get(0);
        assertEquals(2496, ((Number) model.get("flops_per_member")).intValue());
        Map<?, ?> cpu = (Map<?, ?>) ((List<?>) model.get("backends")).get(0);
        Map<?, ?> forward = (Map<?, ?>) ((List<?>) cpu.get("measurements")).get(0);
        assertEquals(4096, ((Number) forward.get("members")).intValue());
        double rate = ((Number) forward.get("members_per_s_median")).doubleValue();
        assertEquals(rate * 2496 / 1e9, ((Number) forward.get("gflops")).doubleValue(), 1e-9 * rate);
        assertEquals(((Number) forward.get("gflops")).doubleValue() / 100,
                ((Number) forward.get("fraction_of_assumed_peak")).doubleValue(), 1e-12);
        assertTrue(((Map<?, ?>) model.get("ratios")).containsKey("cpu forward pass / onnxruntime forward pass"));
        List<?> paired = (List<?>) model.get("paired_ratios");
        assertEquals(3, paired.size());
        assertEquals(2, ((List<?>) ((Map<?, ?>) paired.get(0)).get("rounds")).size());
    }
}
