package org.emulens.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.QuantileSketch;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-cell accumulators, one value at a time as the CPU pipeline feeds them, over {@value #VALUES}
 * emulator-like outputs (normal, mean 0.3, sd 0.05). Scores are values per second. The accumulators keep
 * growing across invocations, as a cell's do across chunks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AccumulatorBenchmark {
    private static final int VALUES = 1 << 16;

    private final double[] values = new double[VALUES];
    private MergeableMoments moments;
    private QuantileSketch sketch;
    private CellStatistics momentsOnly;
    private CellStatistics withQuantiles;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < VALUES; i++) {
            double u1 = r.nextDouble();
            double u2 = r.nextDouble();
            values[i] = 0.3 + 0.05 * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
        moments = new MergeableMoments();
        sketch = new QuantileSketch(0.005);
        momentsOnly = new CellStatistics(StatisticsSpec.builder().moments().build());
        withQuantiles = new CellStatistics(StatisticsSpec.builder().moments().quantileSketch(0.005).build());
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public MergeableMoments mergeableMoments() {
        for (double v : values) {
            moments.accept(v);
        }
        return moments;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public QuantileSketch quantileSketch() {
        for (double v : values) {
            sketch.accept(v);
        }
        return sketch;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public CellStatistics cellStatisticsMoments() {
        for (double v : values) {
            momentsOnly.accept(v);
        }
        return momentsOnly;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public CellStatistics cellStatisticsMomentsAndQuantiles() {
        for (double v : values) {
            withQuantiles.accept(v);
        }
        return withQuantiles;
    }
}
