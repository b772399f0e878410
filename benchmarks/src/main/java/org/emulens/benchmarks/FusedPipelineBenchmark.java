package org.emulens.benchmarks;

import java.util.concurrent.TimeUnit;
import org.emulens.benchmarks.bench.GaussianStudy;
import org.emulens.benchmarks.bench.ModelBench;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU backend's fused pipeline: counter-based draws, Gaussian perturbation of every input, forward pass,
 * per-cell statistics through {@link EnsemblePropagator}, over {@value #CELLS} cells of {@value #PER_CELL}
 * members. Scores are members per second.
 *
 * <p>{@code perturbation} compares {@code MemberPerturber.perturb} member by member (the scalar reference)
 * with {@code MemberPerturber.perturbMembers} (blocks of members, SIMD draws; what {@code emulens run} does),
 * which gives the same bits; {@code statistics} compares moments alone with moments and a quantile sketch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FusedPipelineBenchmark {
    static final int CELLS = 16;
    static final int PER_CELL = 1 << 14;

    @Param({"A", "B"})
    public String shape;

    @Param({"MEMBER_PERTURBER", "BATCHED_DRAWS"})
    public GaussianStudy.Perturbation perturbation;

    @Param({"moments", "quantiles"})
    public String statistics;

    @Param({"FAST"})
    public TanhMode tanh;

    @Param({"0"})
    public int threads;

    private CpuBackend backend;
    private CompiledEmulator compiled;
    private EnsemblePropagator propagator;
    private GaussianStudy study;
    private MemberInputs inputs;

    @Setup(Level.Trial)
    public void setUp() {
        Emulator e = BenchmarkShapes.byName(shape);
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        StatisticsSpec spec = statistics.equals("moments") ? ModelBench.MOMENTS : ModelBench.MOMENTS_AND_QUANTILES;
        backend = new CpuBackend(t);
        compiled = backend.compile(e, tanh);
        propagator = new EnsemblePropagator(compiled, spec, EnsemblePropagator.DEFAULT_CHUNK, t);
        study = GaussianStudy.of(e, CELLS, ModelBench.SEED);
        inputs = study.inputs(perturbation);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        propagator.close();
        compiled.close();
        backend.close();
    }

    @Benchmark
    @OperationsPerInvocation(CELLS * PER_CELL)
    public CellStatistics[][] pipeline() {
        return propagator.runCells(study.slots(), PER_CELL, inputs, null);
    }
}
