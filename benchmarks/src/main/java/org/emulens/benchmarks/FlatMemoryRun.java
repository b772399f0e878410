package org.emulens.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * Runs one cell with many members (10^8 by default) through shape B with Gaussian-perturbed inputs and
 * streaming statistics, and reports the heap after each tenth of the run: it must stay flat in the member
 * count. Not a timed test; run it with
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar org.emulens.benchmarks.FlatMemoryRun [members]}.
 */
public final class FlatMemoryRun {
    private FlatMemoryRun() {
    }

    public static void main(String[] args) {
        long members = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 100_000_000L;
        long seed = 42;
        Emulator e = BenchmarkShapes.shapeB();
        int d = e.inputCount();
        MemberInputs inputs = (cell, first, count, rows, offset) -> {
            for (int i = 0; i < count; i++) {
                MemberDraws.fillNormals(seed, ReservedStreams.INPUT_PERTURBATION, cell, first + i, 0, rows,
                        (offset + i) * d, d);
                for (int k = 0; k < d; k++) {
                    rows[(offset + i) * d + k] = 0.5f + 0.1f * rows[(offset + i) * d + k];
                }
            }
        };
        StatisticsSpec spec = StatisticsSpec.builder().moments().quantileSketch(0.005).exceedance(0.0, 0.5)
                .histogram(-2, 2, 100).build();
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "members,heap_used_mib,members_per_s%n");
        long start = System.nanoTime();
        try (CpuBackend b = new CpuBackend(threads); CompiledEmulator c = b.compile(e, TanhMode.FAST);
                EnsemblePropagator p = new EnsemblePropagator(c, spec, EnsemblePropagator.DEFAULT_CHUNK, threads)) {
            long[] next = {members / 10};
            CellStatistics s = p.runCell(0, members, inputs, done -> {
                if (done >= next[0] || done == members) {
                    next[0] += members / 10;
                    double secs = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%d,%.1f,%.3g%n", done, heapUsedAfterGc(), done / secs);
                }
            })[0];
            System.out.printf(Locale.ROOT, "# %s, %d members on %s: mean %.6f sd %.6f p50 %.6f p95 %.6f%n", e.name(),
                    s.moments().count(), b.device(), s.moments().mean(), Math.sqrt(s.moments().sampleVariance()),
                    s.quantileSketch().quantile(0.5), s.quantileSketch().quantile(0.95));
        }
    }

    private static double heapUsedAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used / (1024.0 * 1024.0);
    }
}
