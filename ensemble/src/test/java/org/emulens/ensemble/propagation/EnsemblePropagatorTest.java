package org.emulens.ensemble.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.Test;

class EnsemblePropagatorTest {
    private static final long SEED = 20161227L;

    /** y = 3 x1 - 2 x2 + 1: a linear model, so the output distribution is known analytically. */
    private static Emulator linear() {
        return Emulator.builder().name("linear").input(Variable.of("x1", "1")).input(Variable.of("x2", "1"))
                .output(Variable.of("y", "1"))
                .layer(new DenseLayer(2, 1, new float[] {3f, -2f}, new float[] {1f}, Activation.IDENTITY)).build();
    }

    /** x1 ~ N(0.3, 0.05^2), x2 ~ N(1.5, 0.2^2), independent, from the input-perturbation stream. */
    private static final MemberInputs GAUSSIAN = (cell, first, count, rows, offset) -> {
        for (int i = 0; i < count; i++) {
            long m = first + i;
            rows[(offset + i) * 2] = 0.3f + 0.05f * MemberDraws.normal(SEED, ReservedStreams.INPUT_PERTURBATION, cell, m, 0);
            rows[(offset + i) * 2 + 1] = 1.5f + 0.2f * MemberDraws.normal(SEED, ReservedStreams.INPUT_PERTURBATION, cell, m, 1);
        }
    };

    private static CellStatistics run(int chunk, int threads, long first, long members) {
        try (CpuBackend b = new CpuBackend(threads); CompiledEmulator c = b.compile(linear(), TanhMode.EXACT);
                EnsemblePropagator p = new EnsemblePropagator(c, StatisticsSpec.builder().moments().build(), chunk,
                        threads)) {
            return p.runMembers(7, first, members, GAUSSIAN, null)[0];
        }
    }

    @Test
    void meanAndSdMatchLinearErrorPropagation() {
        // E[y] = 3 * 0.3 - 2 * 1.5 + 1 = -1.1; sd[y] = sqrt((3 * 0.05)^2 + (2 * 0.2)^2) = sqrt(0.1825).
        long n = 400_000;
        MergeableMoments m = run(1 << 14, 2, 0, n).moments();
        double sd = Math.sqrt(0.1825);
        assertEquals(n, m.count());
        // 5 standard errors: a correct implementation fails with probability 6e-7 (fixed seed: deterministic).
        assertEquals(-1.1, m.mean(), 5 * sd / Math.sqrt(n));
        // sd of the sample sd of a normal is about sd / sqrt(2n).
        assertEquals(sd, Math.sqrt(m.sampleVariance()), 5 * sd / Math.sqrt(2.0 * n));
    }

    @Test
    void resultsDoNotDependOnChunkOrThreads() {
        MergeableMoments a = run(1000, 1, 0, 50_000).moments();
        MergeableMoments b = run(4096, 2, 0, 50_000).moments();
        MergeableMoments c = run(65536, 3, 0, 50_000).moments();
        for (MergeableMoments o : new MergeableMoments[] {b, c}) {
            assertEquals(a.mean(), o.mean(), 0.0);
            assertEquals(a.sampleVariance(), o.sampleVariance(), 0.0);
            assertEquals(a.min(), o.min(), 0.0);
            assertEquals(a.max(), o.max(), 0.0);
        }
    }

    /** The CPU model seen as a device backend sees it: evaluation only through {@code evaluate}. */
    private static CompiledEmulator evaluateOnly(CompiledEmulator c) {
        return new CompiledEmulator() {
            @Override
            public Emulator emulator() {
                return c.emulator();
            }

            @Override
            public TanhMode tanhMode() {
                return c.tanhMode();
            }

            @Override
            public void evaluate(float[] inputs, float[] outputs, int members) {
                c.evaluate(inputs, outputs, members);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    @Test
    void aBackendWithoutThreadEvaluatorsGivesTheSameBits() {
        int[] cells = {3, 7};
        StatisticsSpec spec = StatisticsSpec.builder().moments().build();
        try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(linear(), TanhMode.EXACT);
                EnsemblePropagator onThreads = new EnsemblePropagator(c, spec, 5000, 2);
                EnsemblePropagator throughEvaluate = new EnsemblePropagator(evaluateOnly(c), spec, 7000, 2)) {
            assertTrue(c.threadEvaluator().isPresent() && evaluateOnly(c).threadEvaluator().isEmpty());
            CellStatistics[][] a = onThreads.runCells(cells, 12_345, GAUSSIAN, OUTPUT_ERROR, null);
            CellStatistics[][] e = throughEvaluate.runCells(cells, 12_345, GAUSSIAN, OUTPUT_ERROR, null);
            for (int i = 0; i < cells.length; i++) {
                MergeableMoments x = a[i][0].moments();
                MergeableMoments y = e[i][0].moments();
                assertEquals(12_345, y.count());
                assertEquals(x.mean(), y.mean(), 0.0);
                assertEquals(x.sampleVariance(), y.sampleVariance(), 0.0);
                assertEquals(x.sampleSkewness(), y.sampleSkewness(), 0.0);
                assertEquals(x.sampleExcessKurtosis(), y.sampleExcessKurtosis(), 0.0);
            }
        }
    }

    @Test
    void manyCellsInOneChunkGiveEachCellItsOwnMembers() {
        int[] cells = {3, 7, 11, 12};
        try (CpuBackend b = new CpuBackend(2); CompiledEmulator c = b.compile(linear(), TanhMode.EXACT);
                EnsemblePropagator p = new EnsemblePropagator(c, StatisticsSpec.builder().moments().build(), 5000, 2)) {
            CellStatistics[][] packed = p.runCells(cells, 3000, GAUSSIAN, null);
            for (int i = 0; i < cells.length; i++) {
                MergeableMoments alone = p.runCell(cells[i], 3000, GAUSSIAN, null)[0].moments();
                assertEquals(alone.count(), packed[i][0].moments().count());
                assertEquals(alone.mean(), packed[i][0].moments().mean(), 0.0);
                assertEquals(alone.sampleVariance(), packed[i][0].moments().sampleVariance(), 0.0);
            }
            // Different cells draw different members.
            assertTrue(packed[0][0].moments().mean() != packed[1][0].moments().mean());
        }
    }

    @Test
    void disjointMemberRangesCombineIntoTheWhole() {
        CellStatistics whole = run(4096, 1, 0, 30_000);
        CellStatistics parts = run(4096, 1, 20_000, 10_000).combine(run(4096, 1, 0, 20_000));
        assertEquals(whole.moments().count(), parts.moments().count());
        assertEquals(whole.moments().mean(), parts.moments().mean(), 1e-12);
        assertEquals(whole.moments().sampleVariance(), parts.moments().sampleVariance(), 1e-12);
        assertTrue(whole.moments().min() == parts.moments().min() && whole.moments().max() == parts.moments().max());
    }
    /** An error of sd 0.3 on the output, from its own stream: a pure function of (cell, member). */
    private static final MemberOutputs OUTPUT_ERROR = (cell, first, count, rows, offset) -> {
        for (int i = 0; i < count; i++) {
            rows[offset + i] += 0.3f * MemberDraws.normal(SEED, ReservedStreams.EMULATOR_ERROR, cell, first + i, 0);
        }
    };

    private static CellStatistics[][] runWithOutputError(int chunk, int threads, int[] cells, long members) {
        try (CpuBackend b = new CpuBackend(threads); CompiledEmulator c = b.compile(linear(), TanhMode.EXACT);
                EnsemblePropagator p = new EnsemblePropagator(c, StatisticsSpec.builder().moments().build(), chunk,
                        threads)) {
            return p.runCells(cells, members, GAUSSIAN, OUTPUT_ERROR, null);
        }
    }

    @Test
    void anOutputErrorIsTheSameForAnyChunkingAndAddsItsVariance() {
        int[] cells = {3, 7, 11};
        long n = 100_000;
        CellStatistics[][] a = runWithOutputError(777, 1, cells, n);
        CellStatistics[][] b = runWithOutputError(65536, 3, cells, n);
        for (int i = 0; i < cells.length; i++) {
            assertEquals(a[i][0].moments().mean(), b[i][0].moments().mean(), 0.0);
            assertEquals(a[i][0].moments().sampleVariance(), b[i][0].moments().sampleVariance(), 0.0);
            // var = 0.1825 + 0.09; the sd of a sample variance of a normal is var sqrt(2 / n); 5 of them
            // fail a correct implementation with probability 6e-7 per cell (fixed seed: deterministic).
            double var = 0.1825 + 0.09;
            assertEquals(var, a[i][0].moments().sampleVariance(), 5 * var * Math.sqrt(2.0 / n));
        }
    }
}
