package org.emulens.kernels.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.emulens.engine.Activation;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.RandomModels;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.ExceedanceCounter;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.kernels.CellPerturbation;
import org.emulens.kernels.DeviceCellStatistics;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.MemberDump;
import org.emulens.kernels.TestStudies;
import org.junit.jupiter.api.Test;

/**
 * The TornadoVM fused pass against the CPU reference: {@code EnsemblePropagator} on the CPU backend, fed the
 * members of {@code MemberPerturber}'s algorithm with {@code MemberDraws} (TestStudies, which shares no code with
 * the kernels), on random shapes and on the demo models in {@code models/}.
 */
class TornadoFusedTest {
    private static final long SEED = 0x9E37_79B9_7F4A_7C15L;

    /**
     * Mean tolerance, relative to |mean| + sd. Each work-item folds 16 members with Welford's update in float
     * (≤ 16 roundings of 2^-24 ≈ 6e-8 of |mean| + sd, ~1e-6 at worst), the host merges in double. On top, the
     * kernel's Box–Muller log is correctly rounded in double rather than PortableFloatMath's (≤ 1 ulp apart), and
     * OpenCL may fuse multiply-adds: each moves a member by a few ulps, far below this bound on a mean.
     */
    static final double MEAN_TOLERANCE = 2e-6;
    /** Variance tolerance, relative, by the same count of float roundings; a member too many moves it ~1e-5. */
    static final double VARIANCE_TOLERANCE = 5e-6;
    /**
     * Plus an absolute part for outputs whose spread is small against their mean (the demo beta model: sd 2e-4
     * of a mean near 0.5): Welford's {@code v − mean} and residual each round at ulp(|mean|) = 2^-24·|mean|, an
     * error of that size times sd in each member's M2 term, so 16·2^-24·|mean|·sd bounds the variance error.
     */
    static final double VARIANCE_MEAN_ULPS = 16 * 0x1p-24;
    /**
     * Extremes, relative to |extreme| + range: the extreme member itself may differ by a few ulps (see above) and
     * OpenCL's double tanh/exp are within a few double ulps, far below 1e-5 after rounding to float.
     */
    static final double EXTREME_TOLERANCE = 1e-5;
    /**
     * Histogram and exceedance counts: a member whose output lies within a few ulps of an edge may fall on the
     * other side of it. With outputs spread over O(1) and ~1e-6 relative differences, the expected number of
     * such members among 20 000 is far below 1; 3 leaves room without hiding a dropped or repeated member,
     * which the exact total count catches.
     */
    static final long COUNT_SLACK = 3;

    static StatisticsSpec fullSpec() {
        return StatisticsSpec.builder().moments().histogram(-3, 3, 48).exceedance(-1.0, 0.0, 0.25, 2.0).build();
    }

    @Test
    void randomShapesAgreeWithTheCpuPropagator() {
        TornadoBackend b = SharedTornado.orSkip();
        Activation[] hidden = {Activation.TANH, Activation.RELU, Activation.SIGMOID, Activation.SOFTPLUS,
                Activation.elu(0.7f), Activation.IDENTITY};
        Random r = new Random(2026);
        for (int t = 0; t < hidden.length; t++) {
            int layers = 1 + r.nextInt(3);
            int[] widths = new int[layers + 2];
            widths[0] = 1 + r.nextInt(9);
            for (int l = 1; l <= layers; l++) {
                widths[l] = 1 + r.nextInt(40);
            }
            widths[layers + 1] = 1 + r.nextInt(4);
            Emulator e = RandomModels.mlp(100 + t, hidden[t], widths);
            TanhMode tanh = t % 2 == 0 ? TanhMode.EXACT : TanhMode.FAST;
            compareWithCpu(b, e, tanh, TestStudies.gaussianCells(3, e.inputCount(), 300 + t), 7_000, 20_000);
        }
    }

    @Test
    void demoModelsAgreeWithTheCpuPropagator() {
        TornadoBackend b = SharedTornado.orSkip();
        Path models = Path.of(System.getProperty("emulens.project.dir", "..")).resolve("models");
        for (String name : new String[] {"beta", "gpp_lue"}) {
            Emulator e = ModelFiles.read(models.resolve(name + ".onnx"));
            compareWithCpu(b, e, TanhMode.EXACT, cellsWithinRanges(e, 4, 11), 0, 20_000);
            compareWithCpu(b, e, TanhMode.FAST, cellsWithinRanges(e, 2, 12), 1L << 32, 10_000);
        }
    }

    /** Cells with nominal inputs inside each input's valid range and sds of 2 to 10 % of the range. */
    private static CellPerturbation cellsWithinRanges(Emulator e, int cells, long seed) {
        Random r = new Random(seed);
        int d = e.inputCount();
        int[] ids = new int[cells];
        float[][] nominal = new float[cells][d];
        float[][] sd = new float[cells][d];
        for (int c = 0; c < cells; c++) {
            ids[c] = c == 0 ? 0 : r.nextInt(Integer.MAX_VALUE);
            for (int i = 0; i < d; i++) {
                Variable v = e.inputs().get(i);
                double lo = v.hasRange() ? v.validMin() : -1;
                double hi = v.hasRange() ? v.validMax() : 1;
                nominal[c][i] = (float) (lo + (hi - lo) * (0.2 + 0.6 * r.nextDouble()));
                sd[c][i] = (float) ((hi - lo) * (0.02 + 0.08 * r.nextDouble()));
            }
        }
        return CellPerturbation.gaussian(ids, nominal, sd);
    }

    @Test
    void membersAreMemberDrawsAndTheCpuForwardPassWithinUlps() {
        TornadoBackend b = SharedTornado.orSkip();
        Emulator e = RandomModels.mlp(21, Activation.RELU, 9, 8, 2);
        CellPerturbation cells = TestStudies.gaussianCells(3, 9, 22);
        long first = (1L << 32) - 700;
        int members = 1500;
        MemberDump dump;
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(fullSpec()))) {
            dump = run.members(SEED, cells, first, members);
        }
        float[] expected = new float[dump.inputs().length];
        int identical = 0;
        for (int c = 0; c < cells.cells(); c++) {
            for (int m = 0; m < members; m++) {
                for (int i = 0; i < 9; i++) {
                    float x = TestStudies.perturbedInput(cells, SEED, c, first + m, i);
                    expected[(c * members + m) * 9 + i] = x;
                    float found = dump.input(c, m, i);
                    // The draw's only difference is log(u1) (≤ 1 ulp), halved by the square root: a few ulps of
                    // the error term sd·z (|z| ≤ 5.8), added to the nominal.
                    double bound = 4 * Math.ulp(cells.sd(c, i) * 6f) + Math.ulp(Math.abs(x));
                    assertEquals(x, found, bound, "cell " + c + " member " + (first + m) + " input " + i);
                    if (Float.floatToRawIntBits(x) == Float.floatToRawIntBits(found)) {
                        identical++;
                    }
                }
            }
        }
        System.out.printf("[emulens-kernels-tornado] %d of %d perturbed inputs bit-identical to MemberDraws'%n",
                identical, expected.length);
        assertTrue(identical > expected.length * 9 / 10, "most draws are bit for bit: " + identical);
        float[] cpu = TestStudies.cpuForward(e, TanhMode.EXACT, dump.inputs(), cells.cells() * members);
        for (int i = 0; i < cpu.length; i++) {
            assertEquals(cpu[i], dump.outputs()[i], 1e-5 * (1 + Math.abs(cpu[i])), "output " + i);
        }
    }

    @Test
    void repeatingARunDoesNotChangeABitAndRangesCombine() {
        TornadoBackend b = SharedTornado.orSkip();
        Emulator e = RandomModels.mlp(41, Activation.TANH, 4, 16, 2);
        CellPerturbation cells = TestStudies.gaussianCells(2, 4, 42);
        FusedRunOptions small = FusedRunOptions.of(fullSpec()).withGroupsPerLaunch(64);
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, small)) {
            DeviceCellStatistics[][] once = run.run(SEED, cells, 100, 9_999);
            DeviceCellStatistics[][] again = run.run(SEED, cells, 100, 9_999);
            DeviceCellStatistics[][] head = run.run(SEED, cells, 100, 4_000);
            DeviceCellStatistics[][] tail = run.run(SEED, cells, 4_100, 5_999);
            for (int c = 0; c < 2; c++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(once[c][j].toString(), again[c][j].toString(), "repeat, cell " + c);
                    DeviceCellStatistics whole = head[c][j].combine(tail[c][j]);
                    assertEquals(once[c][j].count(), whole.count());
                    assertEquals(once[c][j].min(), whole.min(), 0.0);
                    assertEquals(once[c][j].max(), whole.max(), 0.0);
                    double sd = Math.sqrt(once[c][j].populationVariance());
                    assertEquals(once[c][j].mean(), whole.mean(), 2 * MEAN_TOLERANCE * (Math.abs(whole.mean()) + sd));
                    assertTrue(java.util.Arrays.equals(once[c][j].histogramCounts(), whole.histogramCounts()));
                }
            }
        }
    }

    @Test
    void refusesTruncatedGaussianInputsAndForeignModels() {
        TornadoBackend b = SharedTornado.orSkip();
        Emulator e = RandomModels.mlp(23, Activation.RELU, 7, 8, 1);
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(fullSpec()))) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> run.run(SEED, TestStudies.mixedCells(2, 7, 24), 0, 10));
            assertTrue(ex.getMessage().contains("found TRUNCATED_GAUSSIAN"), ex.getMessage());
            ex = assertThrows(IllegalArgumentException.class,
                    () -> run.run(SEED, TestStudies.gaussianCells(1, 5, 1), 0, 10));
            assertTrue(ex.getMessage().contains("expected 7 inputs"), ex.getMessage());
        }
    }

    private static void compareWithCpu(TornadoBackend b, Emulator e, TanhMode tanh, CellPerturbation cells,
            long first, long members) {
        StatisticsSpec spec = fullSpec();
        CellStatistics[][] expected = TestStudies.cpuStatistics(e, tanh, spec, cells, SEED, first, members);
        DeviceCellStatistics[][] actual;
        try (CompiledEmulator model = b.compile(e, tanh);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(spec))) {
            actual = run.run(SEED, cells, first, members);
        }
        double worstMean = 0;
        double worstVariance = 0;
        long worstCount = 0;
        for (int c = 0; c < cells.cells(); c++) {
            for (int j = 0; j < e.outputCount(); j++) {
                String where = e.name() + " " + e.layers().get(0).activation() + " " + tanh + " cell " + c
                        + " output " + j;
                MergeableMoments m = expected[c][j].moments();
                DeviceCellStatistics s = actual[c][j];
                assertEquals(m.count(), s.count(), where + ": count");
                assertEquals(m.nanCount(), s.nanCount(), where + ": NaN count");
                if (m.count() == 0) {
                    continue;
                }
                double sd = Math.sqrt(m.populationVariance());
                double meanError = Math.abs(s.mean() - m.mean()) / (Math.abs(m.mean()) + sd);
                double varianceBound = VARIANCE_TOLERANCE * m.populationVariance()
                        + VARIANCE_MEAN_ULPS * Math.abs(m.mean()) * sd;
                double varianceError = Math.abs(s.populationVariance() - m.populationVariance()) / varianceBound
                        * VARIANCE_TOLERANCE;
                worstMean = Math.max(worstMean, meanError);
                worstVariance = Math.max(worstVariance, varianceError);
                assertTrue(meanError <= MEAN_TOLERANCE, where + ": mean expected " + m.mean() + ", found " + s.mean());
                assertTrue(varianceError <= VARIANCE_TOLERANCE, where + ": variance expected "
                        + m.populationVariance() + ", found " + s.populationVariance());
                double range = m.max() - m.min();
                assertEquals(m.min(), s.min(), EXTREME_TOLERANCE * (Math.abs(m.min()) + range), where + ": min");
                assertEquals(m.max(), s.max(), EXTREME_TOLERANCE * (Math.abs(m.max()) + range), where + ": max");
                FixedBinHistogram h = expected[c][j].histogram();
                long[] bins = h.binCounts();
                long[] found = s.histogramCounts();
                long total = s.histogramUnderflow() + s.histogramOverflow();
                for (int i = 0; i < bins.length; i++) {
                    worstCount = Math.max(worstCount, Math.abs(bins[i] - found[i]));
                    total += found[i];
                }
                assertEquals(m.count(), total, where + ": histogram total");
                worstCount = Math.max(worstCount, Math.abs(h.underflow() - s.histogramUnderflow()));
                worstCount = Math.max(worstCount, Math.abs(h.overflow() - s.histogramOverflow()));
                ExceedanceCounter x = expected[c][j].exceedance();
                for (int t = 0; t < 4; t++) {
                    worstCount = Math.max(worstCount, Math.abs(x.exceedanceCount(t) - s.exceedanceCount(t)));
                }
                assertTrue(worstCount <= COUNT_SLACK, where + ": a histogram or exceedance count differs by "
                        + worstCount);
            }
        }
        System.out.printf("[emulens-kernels-tornado] fused %s %s (%s, %d members): worst mean error %.3g of "
                + "|mean|+sd, worst variance error %.3g (relative, scaled to the bound), worst count difference %d%n", e.name(),
                e.layers().get(0).activation(), tanh, members, worstMean, worstVariance, worstCount);
    }
}
