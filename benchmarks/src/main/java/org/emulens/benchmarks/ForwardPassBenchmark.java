package org.emulens.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU forward pass of the reference shapes. Scores are batches per second; members/s is the score
 * times {@code members}, GFLOP/s that times the shape's FLOPs per member (17,536 for A, 2,496 for B).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ForwardPassBenchmark {

    @Param({"A", "B"})
    public String shape;

    @Param({"1024", "65536"})
    public int members;

    @Param({"EXACT", "FAST"})
    public TanhMode tanh;

    @Param({"1", "0"})
    public int threads;

    private CpuBackend backend;
    private CompiledEmulator compiled;
    private float[] inputs;
    private float[] outputs;

    @Setup(Level.Trial)
    public void setUp() {
        Emulator e = BenchmarkShapes.byName(shape);
        backend = new CpuBackend(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        compiled = backend.compile(e, tanh);
        SplittableRandom r = new SplittableRandom(1);
        inputs = new float[members * e.inputCount()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) (2 * r.nextDouble() - 1);
        }
        outputs = new float[members * e.outputCount()];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compiled.close();
        backend.close();
    }

    @Benchmark
    public float[] forward() {
        compiled.evaluate(inputs, outputs, members);
        return outputs;
    }
}
