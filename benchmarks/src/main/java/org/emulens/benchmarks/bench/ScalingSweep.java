package org.emulens.benchmarks.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * The CPU pipeline's rate and memory as the work grows: members per cell from 10^3 to a limit with one cell,
 * and cells from 1 to a limit with a fixed number of members each. The pipeline is the one {@code emulens
 * bench} measures (MemberPerturber, forward pass, per-cell moments and quantile sketch), on one CPU backend.
 *
 * <p>Memory is sampled at the end of each run, while the pipeline still holds its buffers and statistics:
 * the heap in use after a full collection (what the run keeps alive), and the process's resident set (what
 * the operating system sees, dominated by the heap the JVM has reserved, whatever is in use). The collection
 * is not counted in the run's time.
 */
public final class ScalingSweep {
    /** Statistics kept per cell: a study asking for quantiles, whose sketch is the largest per-cell state. */
    public static final StatisticsSpec STATISTICS = ModelBench.MOMENTS_AND_QUANTILES;
    /** Short runs are repeated until they have taken this long, so that their rate is not a clock tick. */
    private static final double MIN_SECONDS = 0.3;

    /**
     * One run.
     *
     * @param membersPerCell members of each cell
     * @param cells          cells
     * @param runs           times the run was repeated for the rate
     * @param seconds        total time of those runs
     * @param liveHeapMib    heap in use after a full collection at the end of the last run
     * @param residentMib    the process's resident set at the same moment (VmRSS); NaN where unknown
     * @param peakResidentMib the process's largest resident set so far (VmHWM); NaN where unknown
     */
    public record Point(long membersPerCell, int cells, int runs, double seconds, double liveHeapMib,
            double residentMib, double peakResidentMib) {

        public long memberEvaluations() {
            return membersPerCell * cells * runs;
        }

        public double rate() {
            return memberEvaluations() / seconds;
        }
    }

    private final Emulator e;
    private final TanhMode tanh;
    private final int threads;
    private final Consumer<String> log;

    public ScalingSweep(Emulator e, TanhMode tanh, int threads, Consumer<String> log) {
        this.e = e;
        this.tanh = tanh;
        this.threads = threads;
        this.log = log;
    }

    /** Members per cell 10^3, 10^4, ... up to {@code maxMembers} (which ends the list if not a power of ten). */
    public static List<Long> memberCounts(long maxMembers) {
        List<Long> counts = new ArrayList<>();
        for (long n = 1000; n <= maxMembers; n *= 10) {
            counts.add(n);
        }
        if (counts.isEmpty() || counts.get(counts.size() - 1) != maxMembers) {
            counts.add(maxMembers);
        }
        return counts;
    }

    /** One cell, members per cell as {@link #memberCounts}. */
    public List<Point> overMembers(long maxMembers) {
        List<Point> points = new ArrayList<>();
        try (CpuBackend b = new CpuBackend(threads); CompiledEmulator c = b.compile(e, tanh);
                EnsemblePropagator p = new EnsemblePropagator(c, STATISTICS, EnsemblePropagator.DEFAULT_CHUNK,
                        threads)) {
            GaussianStudy study = GaussianStudy.of(e, 1, ModelBench.SEED);
            MemberInputs in = study.inputs(GaussianStudy.Perturbation.MEMBER_PERTURBER);
            // Compiles the pipeline's loops before the first, smallest point.
            p.runCells(study.slots(), 1 << 21, in, null);
            for (long n : memberCounts(maxMembers)) {
                log.accept(String.format(Locale.ROOT, "scaling: %s, 1 cell x %,d members", e.name(), n));
                points.add(point(p, study, in, n));
            }
        }
        return points;
    }

    /** {@code membersPerCell} members in each of 1, 10, 100, ... up to {@code maxCells} cells. */
    public List<Point> overCells(long membersPerCell, int maxCells) {
        List<Point> points = new ArrayList<>();
        try (CpuBackend b = new CpuBackend(threads); CompiledEmulator c = b.compile(e, tanh);
                EnsemblePropagator p = new EnsemblePropagator(c, STATISTICS, EnsemblePropagator.DEFAULT_CHUNK,
                        threads)) {
            GaussianStudy first = GaussianStudy.of(e, 1, ModelBench.SEED);
            p.runCells(first.slots(), 1 << 21, first.inputs(GaussianStudy.Perturbation.MEMBER_PERTURBER), null);
            List<Integer> counts = new ArrayList<>();
            for (int cells = 1; cells <= maxCells; cells *= 10) {
                counts.add(cells);
            }
            if (counts.get(counts.size() - 1) != maxCells) {
                counts.add(maxCells);
            }
            for (int cells : counts) {
                log.accept(String.format(Locale.ROOT, "scaling: %s, %,d cells x %,d members", e.name(), cells,
                        membersPerCell));
                GaussianStudy study = GaussianStudy.of(e, cells, ModelBench.SEED);
                points.add(point(p, study, study.inputs(GaussianStudy.Perturbation.MEMBER_PERTURBER), membersPerCell));
            }
        }
        return points;
    }

    private Point point(EnsemblePropagator p, GaussianStudy study, MemberInputs in, long members) {
        long total = members * study.cellCount();
        // Each new size takes the JIT down paths it had not compiled (partial chunks, tails), and until it has
        // recompiled them the Vector API runs its slow generic code. A few untimed runs of the same shape,
        // capped at 2^20 member evaluations (larger runs are whole chunks, like the cap), so that the timed
        // runs measure the steady state.
        long warm = Math.min(members, 1 << 20);
        int[] warmCells = Arrays.copyOf(study.slots(), (int) Math.max(1, Math.min(study.cellCount(), (1 << 20) / warm)));
        long warmStart = System.nanoTime();
        for (int w = 0; w < 3 || (System.nanoTime() - warmStart < 300_000_000L && w < 1000); w++) {
            p.runCells(warmCells, warm, in, null);
        }
        double seconds = 0;
        int runs = 0;
        double[] memory = new double[3];
        do {
            long[] gcNanos = {0};
            boolean last = runs > 0 && seconds + estimate(seconds, runs) >= MIN_SECONDS;
            // Probe memory on the first run, in case it is the only one, and on the last.
            boolean probe = runs == 0 || last;
            long start = System.nanoTime();
            CellStatistics[][] s = p.runCells(study.slots(), members, in, done -> {
                if (probe && done == total) {
                    long g0 = System.nanoTime();
                    memory[0] = liveHeapMib();
                    memory[1] = ProcessMemory.residentMib();
                    memory[2] = ProcessMemory.peakResidentMib();
                    gcNanos[0] = System.nanoTime() - g0;
                }
            });
            seconds += (System.nanoTime() - start - gcNanos[0]) / 1e9;
            runs++;
            if (s[0][0].moments().count() != members) {
                throw new IllegalStateException("scaling run counted " + s[0][0].moments().count()
                        + " members, expected " + members);
            }
            if (last) {
                break;
            }
        } while (seconds < MIN_SECONDS && runs < 10_000);
        return new Point(members, study.cellCount(), runs, seconds, memory[0], memory[1], memory[2]);
    }

    /** The time one more run will take, from the runs so far; 0 before the first. */
    private static double estimate(double seconds, int runs) {
        return runs == 0 ? 0 : seconds / runs;
    }

    static double liveHeapMib() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used / (1024.0 * 1024.0);
    }

    /** Writes {@code points} as CSV with a header. */
    public static void writeCsv(Path file, List<Point> points) {
        StringBuilder b = new StringBuilder(
                "members_per_cell,cells,runs,seconds,members_per_s,live_heap_mib,resident_mib,peak_resident_mib\n");
        for (Point p : points) {
            b.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f,%.1f,%.2f,%.1f,%.1f%n", p.membersPerCell(), p.cells(),
                    p.runs(), p.seconds(), p.rate(), p.liveHeapMib(), p.residentMib(), p.peakResidentMib()));
        }
        try {
            Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
