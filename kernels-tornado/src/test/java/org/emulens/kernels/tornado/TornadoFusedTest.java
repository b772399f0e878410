package org.emulens.kernels.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.emulens.kernels.BackendAgreementPropertiesTest;
import org.emulens.kernels.CellPerturbation;
import org.emulens.kernels.DeviceCellStatistics;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedPassContract;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.TestStudies;
import org.junit.jupiter.api.Test;

/**
 * The TornadoVM fused pass against the CPU reference: the contract every device backend meets (draws bit for bit
 * with {@code MemberDraws}, truncated Gaussians with {@code MemberPerturber}, statistics with the CPU
 * {@code EnsemblePropagator}), the random-model property of the C kernels' backends, and the statistics on random
 * shapes and on every demo model in {@code models/}.
 */
class TornadoFusedTest extends FusedPassContract {
    private static final long SEED = 0x9E37_79B9_7F4A_7C15L;

    /**
     * Mean tolerance, relative to |mean| + sd. Each work-item folds 16 members with Welford's update in float
     * (≤ 16 roundings of 2^-24 ≈ 6e-8 of |mean| + sd, ~1e-6 at worst), the host merges in double. The members
     * themselves are the CPU's bit for bit where the arithmetic is exact; OpenCL's double tanh/exp/log may move
     * one by an ulp of float, far below this bound on a mean.
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
     * Extremes, relative to |extreme| + range: the extreme member itself may differ by an ulp or so where OpenCL's
     * double tanh/exp/log enter (within a few double ulps), far below 1e-5 after rounding to float.
     */
    static final double EXTREME_TOLERANCE = 1e-5;
    /**
     * Histogram and exceedance counts: a member whose output lies within a few ulps of an edge may fall on the
     * other side of it. With outputs spread over O(1) and ~1e-6 relative differences, the expected number of
     * such members among 20 000 is far below 1; 3 leaves room without hiding a dropped or repeated member,
     * which the exact total count catches.
     */
    static final long COUNT_SLACK = 3;

    @Override
    protected FusedEnsembleBackend backend() {
        return SharedTornado.orSkip();
    }

    static StatisticsSpec statisticsSpec() {
        return StatisticsSpec.builder().moments().histogram(-3, 3, 48).exceedance(-1.0, 0.0, 0.25, 2.0).build();
    }

    /**
     * Random models and uncertainty specs (Gaussian, truncated Gaussian with random bounds, none; sds including 0;
     * members across 2^32): the perturbed inputs bit for bit with MemberDraws, the outputs bit for bit where the
     * arithmetic is exact, as for the OpenCL and CUDA backends.
     */
    @Test
    void agreesWithTheCpuOnRandomModelsAndUncertainties() {
        BackendAgreementPropertiesTest.agree(SharedTornado.orSkip(), 30);
    }

    /**
     * Many draws bit for bit: 1.6 million perturbed inputs (200 000 members, across 2^32, of one cell with 8
     * Gaussian inputs, two Philox blocks of normals per member) against {@code MemberDraws.normal} as
     * {@code TestStudies} applies it.
     */
    @Test
    void manyDrawsAreMemberDrawsBitForBit() {
        TornadoBackend b = SharedTornado.orSkip();
        int inputs = 8;
        int members = 200_000;
        long first = (1L << 32) - members / 2;
        Emulator e = RandomModels.mlp(91, Activation.RELU, inputs, 4, 1);
        CellPerturbation cells = TestStudies.gaussianCells(1, inputs, 92);
        float[] found;
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(statisticsSpec()))) {
            found = run.members(SEED, cells, first, members).inputs();
        }
        int differing = 0;
        String firstDifference = "";
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < inputs; i++) {
                float expected = TestStudies.perturbedInput(cells, SEED, 0, first + m, i);
                float actual = found[m * inputs + i];
                if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
                    if (differing == 0) {
                        firstDifference = "member " + (first + m) + " input " + i + ": expected " + expected
                                + ", found " + actual;
                    }
                    differing++;
                }
            }
        }
        System.out.printf("[emulens-kernels-tornado] %d of %d perturbed inputs differ from MemberDraws'%n", differing,
                members * inputs);
        assertEquals(0, differing, "perturbed inputs differing from MemberDraws' bits; the first: "
                + firstDifference);
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
            CellPerturbation cells = e.inputCount() >= 3 ? TestStudies.mixedCells(3, e.inputCount(), 300 + t)
                    : TestStudies.gaussianCells(3, e.inputCount(), 300 + t);
            compareWithCpu(b, e, tanh, cells, 7_000, 20_000);
        }
    }

    /** Every demo model under {@code models/} that is an MLP (all of them are): EXACT tanh, and FAST for two. */
    @Test
    void demoModelsAgreeWithTheCpuPropagator() throws java.io.IOException {
        TornadoBackend b = SharedTornado.orSkip();
        Path models = Path.of(System.getProperty("emulens.project.dir", "..")).resolve("models");
        java.util.List<Path> files;
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(models)) {
            files = walk.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
        }
        int compared = 0;
        for (Path file : files) {
            Emulator e = ModelFiles.read(file);
            if (e.family() != org.emulens.engine.ModelFamily.MLP) {
                continue;
            }
            compareWithCpu(b, e, TanhMode.EXACT, cellsWithinRanges(e, 3, 11 + compared), 0, 8_000);
            if (compared < 2) {
                compareWithCpu(b, e, TanhMode.FAST, cellsWithinRanges(e, 2, 12), 1L << 32, 8_000);
            }
            compared++;
        }
        assertTrue(compared >= 15, "expected the 15 demo MLPs under " + models + ", found " + compared);
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

    private static void compareWithCpu(TornadoBackend b, Emulator e, TanhMode tanh, CellPerturbation cells,
            long first, long members) {
        StatisticsSpec spec = statisticsSpec();
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
