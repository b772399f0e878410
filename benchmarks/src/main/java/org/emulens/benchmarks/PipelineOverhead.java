package org.emulens.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.emulens.benchmarks.bench.GaussianStudy;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * The CPU pipeline's rate as a fraction of the forward pass's own, in one process: rounds of 16 cells of
 * 65,536 members through the forward pass alone (inputs drawn in advance) and through
 * {@link EnsemblePropagator} with batched draws and moments, back to back. With one thread the propagator
 * hands nothing between threads, so the fraction there is what the draws and statistics cost by themselves.
 * Not a timed test; run it with {@code java --add-modules jdk.incubator.vector -cp
 * benchmarks/target/benchmarks.jar org.emulens.benchmarks.PipelineOverhead SHAPE THREADS [ROUNDS]}.
 */
public final class PipelineOverhead {
    private static final int CELLS = 16;
    private static final int PER_CELL = 1 << 16;

    private PipelineOverhead() {
    }

    public static void main(String[] args) {
        Emulator e = BenchmarkShapes.byName(args.length > 0 ? args[0] : "B");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        GaussianStudy study = GaussianStudy.of(e, CELLS, 42);
        MemberInputs in = study.inputs(GaussianStudy.Perturbation.BATCHED_DRAWS);
        float[] x = new float[PER_CELL * e.inputCount()];
        in.fill(0, 0, PER_CELL, x, 0);
        float[] y = new float[PER_CELL * e.outputCount()];
        double members = (double) CELLS * PER_CELL;
        try (CpuBackend b = new CpuBackend(threads); CompiledEmulator c = b.compile(e, TanhMode.FAST);
                EnsemblePropagator p = new EnsemblePropagator(c, StatisticsSpec.builder().moments().build(),
                        EnsemblePropagator.DEFAULT_CHUNK, threads)) {
            Runnable forward = () -> {
                for (int i = 0; i < CELLS; i++) {
                    c.evaluate(x, y, PER_CELL);
                }
            };
            Runnable pipeline = () -> p.runCells(study.slots(), PER_CELL, in, null);
            for (int w = 0; w < 3; w++) {
                forward.run();
                pipeline.run();
            }
            double[] f = new double[rounds];
            double[] q = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                f[r] = members / seconds(forward);
                q[r] = members / seconds(pipeline);
                ratio[r] = q[r] / f[r];
            }
            Arrays.sort(f);
            Arrays.sort(q);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "%s, %d thread(s): forward pass %.2f M members/s, pipeline %.2f M "
                    + "members/s, pipeline / forward pass %.2f [%.2f - %.2f] (medians of %d rounds)%n", e.name(),
                    threads, f[rounds / 2] / 1e6, q[rounds / 2] / 1e6, ratio[rounds / 2], ratio[0], ratio[rounds - 1],
                    rounds);
        }
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
