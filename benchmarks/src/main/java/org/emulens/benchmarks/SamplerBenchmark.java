package org.emulens.benchmarks;

import java.util.concurrent.TimeUnit;
import org.emulens.ensemble.design.SobolSequence;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.Philox4x32;
import org.emulens.ensemble.rng.ReservedStreams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The samplers, one thread: Philox blocks, standard normals one at a time and eight per member with
 * {@code fillNormals} (the inputs of a shape-A member), and scrambled Sobol points. Scores are values (or
 * blocks, or points) per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SamplerBenchmark {
    private static final long SEED = 20161227L;
    private static final int MEMBERS = 4096;
    private static final int INPUTS = 8;
    private static final int SOBOL_POINTS = 4096;

    private final float[] normals = new float[MEMBERS * INPUTS];
    private final int[] words = new int[4];
    private final SobolSequence sobol = SobolSequence.scrambled(8, SEED);
    private long nextMember;

    @Benchmark
    @OperationsPerInvocation(MEMBERS)
    public int[] philoxBlock() {
        for (int m = 0; m < MEMBERS; m++) {
            Philox4x32.block(m, 0, 7, 0, (int) SEED, (int) (SEED >>> 32), words, 0);
        }
        return words;
    }

    /** One {@code MemberDraws.normal} per value: what {@code MemberPerturber} calls for each input. */
    @Benchmark
    @OperationsPerInvocation(MEMBERS * INPUTS)
    public float[] normalOneByOne() {
        long first = nextMember;
        nextMember += MEMBERS;
        for (int m = 0; m < MEMBERS; m++) {
            for (int i = 0; i < INPUTS; i++) {
                normals[m * INPUTS + i] = MemberDraws.normal(SEED, ReservedStreams.INPUT_PERTURBATION, 7, first + m, i);
            }
        }
        return normals;
    }

    /** One {@code fillNormals} per member for its eight inputs: shared Philox blocks and Box–Muller radii. */
    @Benchmark
    @OperationsPerInvocation(MEMBERS * INPUTS)
    public float[] normalsPerMember() {
        long first = nextMember;
        nextMember += MEMBERS;
        for (int m = 0; m < MEMBERS; m++) {
            MemberDraws.fillNormals(SEED, ReservedStreams.INPUT_PERTURBATION, 7, first + m, 0, normals, m * INPUTS,
                    INPUTS);
        }
        return normals;
    }

    @Benchmark
    @OperationsPerInvocation(SOBOL_POINTS)
    public double[][] sobolPoints() {
        long first = nextMember;
        nextMember = (nextMember + SOBOL_POINTS) % (1L << 30);
        return sobol.sample(first, SOBOL_POINTS);
    }
}
