package org.emulens.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.RandomModels;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.ExceedanceCounter;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.Test;

/**
 * The fused pass of a device backend: its draws against {@code MemberDraws}, its members against the CPU
 * forward pass, and its statistics against the CPU {@code EnsemblePropagator} on the same study. Each device
 * backend's test extends this.
 */
public abstract class FusedPassContract {
    private static final long SEED = 0x9E37_79B9_7F4A_7C15L;

    /**
     * Mean tolerance, relative to |mean| + sd. The device accumulates each work-item's members (16 by default)
     * with Welford's update and merges the work-group's 256 partials in a tree of 8 levels, all in float; each
     * step rounds at 2^-24 ≈ 6e-8 of |mean| + sd, so a partial mean is off by at most ~24 × 6e-8 ≈ 1.5e-6 and
     * typically far less, and the host merges partials in double. Measured on PoCL: ~1e-8 (see the test log).
     * The counts, compared exactly, are what catch a dropped or repeated member.
     */
    static final double MEAN_TOLERANCE = 2e-6;
    /**
     * Variance tolerance, relative, by the same count of float roundings of the sums of squares (~1.5e-6 at
     * worst; measured ~3e-8). One member too many or too few among 60 000 moves the variance by ~1.7e-5.
     */
    static final double VARIANCE_TOLERANCE = 5e-6;

    protected abstract FusedEnsembleBackend backend();

    static StatisticsSpec fullSpec() {
        return StatisticsSpec.builder().moments().histogram(-3, 3, 48).exceedance(-1.0, 0.0, 0.25, 2.0).build();
    }

    @Test
    void debugDrawsAreMemberDrawsBitForBit() {
        FusedEnsembleBackend b = backend();
        // 9 inputs: two full Philox blocks of normals and one partial; members across 2^32.
        Emulator e = RandomModels.mlp(21, Activation.RELU, 9, 8, 2);
        CellPerturbation cells = TestStudies.gaussianCells(3, 9, 22);
        long first = (1L << 32) - 700;
        int members = 1500;
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(fullSpec()))) {
            MemberDump dump = run.members(SEED, cells, first, members);
            float[] expectedX = new float[dump.inputs().length];
            for (int c = 0; c < cells.cells(); c++) {
                for (int m = 0; m < members; m++) {
                    for (int i = 0; i < 9; i++) {
                        expectedX[(c * members + m) * 9 + i] = TestStudies.perturbedInput(cells, SEED, c, first + m, i);
                    }
                }
            }
            ForwardPassContract.assertBitIdentical(expectedX, dump.inputs(), "perturbed inputs");
            // The members' outputs are the CPU forward pass of those inputs (ReLU: exact arithmetic).
            float[] expectedY = TestStudies.cpuForward(e, TanhMode.EXACT, expectedX, cells.cells() * members);
            ForwardPassContract.assertBitIdentical(expectedY, dump.outputs(), "member outputs");
        }
    }

    @Test
    void truncatedGaussianAndUnperturbedInputsAreMemberPerturbersBitForBit() {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(23, Activation.RELU, 7, 8, 1);
        CellPerturbation cells = TestStudies.mixedCells(4, 7, 24);
        int members = 2000;
        long fallbacksBefore = TestStudies.FALLBACKS.get();
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(fullSpec()))) {
            MemberDump dump = run.members(SEED, cells, 77, members);
            float[] expected = new float[dump.inputs().length];
            for (int c = 0; c < cells.cells(); c++) {
                for (int m = 0; m < members; m++) {
                    for (int i = 0; i < 7; i++) {
                        expected[(c * members + m) * 7 + i] = TestStudies.perturbedInput(cells, SEED, c, 77 + m, i);
                    }
                }
            }
            ForwardPassContract.assertBitIdentical(expected, dump.inputs(), "perturbed inputs");
        }
        assertTrue(TestStudies.FALLBACKS.get() - fallbacksBefore > 100,
                "the study should exercise the truncated Gaussian's fallback");
    }

    /** The kernel's perturbation against the ensemble layer's own MemberPerturber, the Java reference. */
    @Test
    void perturbedInputsEqualTheJavaMemberPerturber() {
        FusedEnsembleBackend b = backend();
        int inputs = 7;
        Emulator e = RandomModels.mlp(29, Activation.RELU, inputs, 8, 1);
        CellPerturbation cells = TestStudies.mixedCells(3, inputs, 31);
        java.util.List<String> names = e.inputs().stream().map(org.emulens.engine.Variable::name).toList();
        org.emulens.ensemble.uncertainty.UncertaintyModel.Builder ub =
                org.emulens.ensemble.uncertainty.UncertaintyModel.builder(names);
        for (int i = 0; i < inputs; i++) {
            CellPerturbation.Shape s = cells.shape(i);
            if (s.kind() == CellPerturbation.Kind.GAUSSIAN) {
                ub.input(names.get(i), org.emulens.ensemble.uncertainty.ErrorShape.gaussian());
            } else if (s.kind() == CellPerturbation.Kind.TRUNCATED_GAUSSIAN) {
                ub.input(names.get(i), org.emulens.ensemble.uncertainty.ErrorShape.truncatedGaussian(s.lower(),
                        s.upper()));
            }
        }
        org.emulens.ensemble.uncertainty.UncertaintyModel um = ub.build();
        org.emulens.ensemble.uncertainty.MemberPerturber perturber =
                new org.emulens.ensemble.uncertainty.MemberPerturber(um);
        int members = 1500;
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(fullSpec()))) {
            MemberDump dump = run.members(SEED, cells, 5, members);
            float[] expected = new float[dump.inputs().length];
            for (int c = 0; c < cells.cells(); c++) {
                float[] sd = new float[inputs];
                float[] nominal = new float[inputs];
                for (int i = 0; i < inputs; i++) {
                    sd[i] = cells.sd(c, i);
                    nominal[i] = cells.nominal(c, i);
                }
                org.emulens.ensemble.uncertainty.CellUncertainty cu = org.emulens.ensemble.uncertainty.CellUncertainty
                        .of(um, cells.cellId(c), 0f, 0f, sd, new float[inputs], new float[inputs]);
                for (int m = 0; m < members; m++) {
                    perturber.perturb(SEED, cu, 5 + m, nominal, 0, expected, (c * members + m) * inputs);
                }
            }
            ForwardPassContract.assertBitIdentical(expected, dump.inputs(), "perturbed inputs vs MemberPerturber");
        }
    }

    @Test
    void statisticsOfBoundedInputsAgreeWithTheCpuPropagator() {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(35, Activation.RELU, 6, 16, 2);
        compareWithCpu(b, e, TanhMode.EXACT, true, TestStudies.mixedCells(3, 6, 36));
    }

    @Test
    void statisticsAgreeWithTheCpuPropagator() {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(31, Activation.TANH, 6, 32, 32, 2);
        compareWithCpu(b, e, TanhMode.FAST, true);
    }

    @Test
    void statisticsAgreeWithTheCpuPropagatorForEveryActivation() {
        FusedEnsembleBackend b = backend();
        for (Activation a : new Activation[] {Activation.RELU, Activation.IDENTITY}) {
            compareWithCpu(b, RandomModels.mlp(32, a, 5, 24, 1), TanhMode.EXACT, true);
        }
        for (Activation a : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS,
            Activation.elu(1.3f)}) {
            compareWithCpu(b, RandomModels.mlp(33, a, 5, 24, 1), TanhMode.EXACT, false);
        }
    }

    /**
     * With exact arithmetic the members are the CPU's bit for bit, so counts, extremes, histogram and exceedance
     * counts must be equal; otherwise extremes agree to the forward-pass tolerance and the counts' totals agree.
     */
    private static void compareWithCpu(FusedEnsembleBackend b, Emulator e, TanhMode tanh, boolean exact) {
        compareWithCpu(b, e, tanh, exact, TestStudies.gaussianCells(3, e.inputCount(), 34));
    }

    private static void compareWithCpu(FusedEnsembleBackend b, Emulator e, TanhMode tanh, boolean exact,
            CellPerturbation cells) {
        long first = 5_000;
        long members = 60_000;
        StatisticsSpec spec = fullSpec();
        CellStatistics[][] expected = TestStudies.cpuStatistics(e, tanh, spec, cells, SEED, first, members);
        DeviceCellStatistics[][] actual;
        try (CompiledEmulator model = b.compile(e, tanh);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(spec))) {
            actual = run.run(SEED, cells, first, members);
        }
        double worstMean = 0;
        double worstVariance = 0;
        for (int c = 0; c < cells.cells(); c++) {
            for (int j = 0; j < e.outputCount(); j++) {
                String where = e.name() + " " + e.layers().get(0).activation() + " cell " + c + " output " + j;
                MergeableMoments m = expected[c][j].moments();
                DeviceCellStatistics s = actual[c][j];
                assertEquals(m.count(), s.count(), where + ": count");
                assertEquals(m.nanCount(), s.nanCount(), where + ": NaN count");
                if (m.count() == 0) {
                    assertTrue(Double.isNaN(s.mean()), where + ": no finite members, no mean");
                    continue;
                }
                double sd = Math.sqrt(m.populationVariance());
                double meanError = Math.abs(s.mean() - m.mean()) / (Math.abs(m.mean()) + sd);
                double varianceError = Math.abs(s.populationVariance() - m.populationVariance())
                        / m.populationVariance();
                worstMean = Math.max(worstMean, meanError);
                worstVariance = Math.max(worstVariance, varianceError);
                assertTrue(meanError <= MEAN_TOLERANCE, where + ": mean expected " + m.mean() + ", found " + s.mean());
                assertTrue(varianceError <= VARIANCE_TOLERANCE, where + ": variance expected "
                        + m.populationVariance() + ", found " + s.populationVariance());
                FixedBinHistogram h = expected[c][j].histogram();
                ExceedanceCounter x = expected[c][j].exceedance();
                if (exact) {
                    assertEquals(m.min(), s.min(), 0.0, where + ": min");
                    assertEquals(m.max(), s.max(), 0.0, where + ": max");
                    assertArrayEquals(h.binCounts(), s.histogramCounts(), where + ": histogram");
                    assertEquals(h.underflow(), s.histogramUnderflow(), where + ": underflow");
                    assertEquals(h.overflow(), s.histogramOverflow(), where + ": overflow");
                    for (int t = 0; t < 4; t++) {
                        assertEquals(x.exceedanceCount(t), s.exceedanceCount(t), where + ": exceedance " + t);
                    }
                } else {
                    double range = m.max() - m.min();
                    assertEquals(m.min(), s.min(), ForwardPassContract.RELATIVE_TOLERANCE * (Math.abs(m.min()) + range),
                            where + ": min");
                    assertEquals(m.max(), s.max(), ForwardPassContract.RELATIVE_TOLERANCE * (Math.abs(m.max()) + range),
                            where + ": max");
                    long total = s.histogramUnderflow() + s.histogramOverflow();
                    for (long n : s.histogramCounts()) {
                        total += n;
                    }
                    assertEquals(members, total, where + ": histogram total");
                }
            }
        }
        System.out.printf("[emulens-kernels] fused %s %s (%s): worst mean error %.3g of |mean|+sd, worst variance "
                + "error %.3g relative%n", e.name(), e.layers().get(0).activation(), tanh, worstMean, worstVariance);
    }

    @Test
    void chunkingAndRepetitionDoNotChangeABit() {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(41, Activation.TANH, 4, 16, 2);
        CellPerturbation cells = TestStudies.gaussianCells(5, 4, 42);
        long members = 50_001;
        FusedRunOptions base = FusedRunOptions.of(fullSpec()).withWorkGroupSize(64).withMembersPerItem(4);
        try (CompiledEmulator model = b.compile(e, TanhMode.FAST)) {
            DeviceCellStatistics[][] reference = run(b, model, base, cells, 3, members);
            for (int groups : new int[] {1, 2, 7, 1000}) {
                DeviceCellStatistics[][] chunked = run(b, model, base.withGroupsPerLaunch(groups), cells, 3, members);
                assertSameBits(reference, chunked, "groupsPerLaunch " + groups);
            }
            assertSameBits(reference, run(b, model, base, cells, 3, members), "repeated run");
        }
    }

    @Test
    void workGroupShapeChangesOnlyRounding() {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(51, Activation.RELU, 3, 16, 1);
        CellPerturbation cells = TestStudies.gaussianCells(2, 3, 52);
        long members = 40_000;
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT)) {
            DeviceCellStatistics[][] reference = run(b, model, FusedRunOptions.of(fullSpec()), cells, 0, members);
            for (int[] shape : new int[][] {{32, 1}, {64, 16}, {128, 3}}) {
                FusedRunOptions o = FusedRunOptions.of(fullSpec()).withWorkGroupSize(shape[0])
                        .withMembersPerItem(shape[1]);
                assertEquivalent(reference, run(b, model, o, cells, 0, members), "work-group " + shape[0] + " x "
                        + shape[1]);
            }
        }
    }

    @Test
    void disjointMemberRangesCombineIntoTheWhole() {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(61, Activation.RELU, 3, 16, 1);
        CellPerturbation cells = TestStudies.gaussianCells(2, 3, 62);
        FusedRunOptions o = FusedRunOptions.of(fullSpec());
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT)) {
            DeviceCellStatistics[][] whole = run(b, model, o, cells, 100, 30_000);
            DeviceCellStatistics[][] left = run(b, model, o, cells, 100, 12_345);
            DeviceCellStatistics[][] right = run(b, model, o, cells, 12_445, 30_000 - 12_345);
            for (int c = 0; c < 2; c++) {
                left[c][0].combine(right[c][0]);
            }
            assertEquivalent(whole, left, "combined halves");
        }
    }

    @Test
    void nanMembersAreCountedAndLeftOut() {
        FusedEnsembleBackend b = backend();
        // h = (3e38 x, 3e38 x) overflows to (inf, inf) for |x| > ~1.13, and inf - inf = NaN.
        Emulator e = Emulator.builder().name("overflow").input(Variable.of("x", "1")).output(Variable.of("y", "1"))
                .layer(new DenseLayer(1, 2, new float[] {3e38f, 3e38f}, new float[2], Activation.IDENTITY))
                .layer(new DenseLayer(2, 1, new float[] {1f, -1f}, new float[1], Activation.IDENTITY)).build();
        CellPerturbation cells = CellPerturbation.gaussian(new int[] {5}, new float[][] {{1f}}, new float[][] {{0.5f}});
        StatisticsSpec spec = fullSpec();
        CellStatistics expected = TestStudies.cpuStatistics(e, TanhMode.EXACT, spec, cells, SEED, 0, 20_000)[0][0];
        DeviceCellStatistics actual;
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(spec))) {
            actual = run.run(SEED, cells, 0, 20_000)[0][0];
        }
        assertTrue(expected.nanCount() > 1000, "the study should make NaN members, made " + expected.nanCount());
        assertEquals(expected.nanCount(), actual.nanCount(), "NaN count");
        assertEquals(expected.moments().count(), actual.count(), "count");
        assertEquals(expected.moments().mean(), actual.mean(), 0.0, "mean of the finite members (all 0)");
        assertArrayEquals(expected.histogram().binCounts(), actual.histogramCounts(), "histogram");
    }

    @Test
    void noMembersGiveEmptyStatistics() {
        FusedEnsembleBackend b = backend();
        Emulator e = RandomModels.mlp(71, Activation.RELU, 2, 4, 1);
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT)) {
            DeviceCellStatistics s = run(b, model, FusedRunOptions.of(fullSpec()), TestStudies.gaussianCells(1, 2, 72),
                    0, 0)[0][0];
            assertEquals(0, s.count());
            assertTrue(Double.isNaN(s.mean()));
        }
    }

    @Test
    void refusesWhatItCannotCompute() {
        FusedEnsembleBackend b = backend();
        IllegalArgumentException quantiles = assertThrows(IllegalArgumentException.class,
                () -> FusedRunOptions.of(StatisticsSpec.builder().moments().quantileSketch(0.01).build()));
        assertTrue(quantiles.getMessage().contains("quantiles"), quantiles.getMessage());
        Emulator e = RandomModels.mlp(81, Activation.RELU, 2, 4, 3);
        try (CompiledEmulator model = b.compile(e, TanhMode.EXACT);
                FusedEnsembleRun run = b.fusedRun(model, FusedRunOptions.of(fullSpec()))) {
            IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class,
                    () -> run.run(SEED, TestStudies.gaussianCells(1, 5, 1), 0, 10));
            assertTrue(inputs.getMessage().contains("expected 2") && inputs.getMessage().contains("found 5"),
                    inputs.getMessage());
        }
    }

    private static DeviceCellStatistics[][] run(FusedEnsembleBackend b, CompiledEmulator model, FusedRunOptions o,
            CellPerturbation cells, long first, long members) {
        try (FusedEnsembleRun run = b.fusedRun(model, o)) {
            return run.run(SEED, cells, first, members);
        }
    }

    private static void assertSameBits(DeviceCellStatistics[][] expected, DeviceCellStatistics[][] actual, String what) {
        for (int c = 0; c < expected.length; c++) {
            for (int j = 0; j < expected[c].length; j++) {
                DeviceCellStatistics x = expected[c][j];
                DeviceCellStatistics y = actual[c][j];
                String where = what + " cell " + c + " output " + j;
                assertEquals(x.count(), y.count(), where + ": count");
                assertEquals(Double.doubleToLongBits(x.mean()), Double.doubleToLongBits(y.mean()), where + ": mean bits");
                assertEquals(Double.doubleToLongBits(x.populationVariance()),
                        Double.doubleToLongBits(y.populationVariance()), where + ": variance bits");
                assertEquals(x.min(), y.min(), 0.0, where + ": min");
                assertEquals(x.max(), y.max(), 0.0, where + ": max");
                assertArrayEquals(x.histogramCounts(), y.histogramCounts(), where + ": histogram");
            }
        }
    }

    /** Same members in another grouping: exact counts and extremes, moments within the float tolerance. */
    private static void assertEquivalent(DeviceCellStatistics[][] expected, DeviceCellStatistics[][] actual,
            String what) {
        for (int c = 0; c < expected.length; c++) {
            for (int j = 0; j < expected[c].length; j++) {
                DeviceCellStatistics x = expected[c][j];
                DeviceCellStatistics y = actual[c][j];
                String where = what + " cell " + c + " output " + j;
                assertEquals(x.count(), y.count(), where + ": count");
                double sd = Math.sqrt(x.populationVariance());
                assertEquals(x.mean(), y.mean(), 2 * MEAN_TOLERANCE * (Math.abs(x.mean()) + sd), where + ": mean");
                assertEquals(x.populationVariance(), y.populationVariance(),
                        2 * VARIANCE_TOLERANCE * x.populationVariance(), where + ": variance");
                assertEquals(x.min(), y.min(), 0.0, where + ": min");
                assertEquals(x.max(), y.max(), 0.0, where + ": max");
                assertArrayEquals(x.histogramCounts(), y.histogramCounts(), where + ": histogram");
                assertEquals(x.exceedanceCount(2), y.exceedanceCount(2), where + ": exceedance");
            }
        }
    }
}
