package org.emulens.benchmarks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlainLoopForwardPassTest {

    /**
     * The CPU backend fixes each member's arithmetic (bias, then products in ascending input order, in float), and
     * the plain loop does the same member by member, so the two agree bit for bit: a comparison of their speed
     * is a comparison of the same computation.
     */
    @ParameterizedTest
    @EnumSource(TanhMode.class)
    void agreesBitForBitWithTheCpuBackend(TanhMode tanh) {
        Path beta = Path.of(System.getProperty("emulens.project.dir", "..")).resolve("models/beta.onnx");
        for (Emulator e : new Emulator[] {BenchmarkShapes.shapeA(), BenchmarkShapes.shapeB(), ModelFiles.read(beta)}) {
            int n = 1000;
            float[] x = new float[n * e.inputCount()];
            SplittableRandom r = new SplittableRandom(11);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextDouble() * 0.6);
            }
            float[] backend = new float[n * e.outputCount()];
            try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(e, tanh)) {
                c.evaluate(x, backend, n);
            }
            float[] plain = new float[n * e.outputCount()];
            new PlainLoopForwardPass(e, tanh).evaluate(x, plain, n);
            for (int i = 0; i < plain.length; i++) {
                assertEquals(Float.floatToRawIntBits(backend[i]), Float.floatToRawIntBits(plain[i]),
                        e.name() + " output " + i + ": backend " + backend[i] + ", plain loop " + plain[i]);
            }
        }
    }
}
