package org.emulens.benchmarks.bench;

import java.util.SplittableRandom;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.rng.MemberNormals;
import org.emulens.ensemble.uncertainty.CellUncertainty;
import org.emulens.ensemble.uncertainty.ErrorShape;
import org.emulens.ensemble.uncertainty.MemberPerturber;
import org.emulens.ensemble.uncertainty.UncertaintyModel;
import org.emulens.kernels.CellPerturbation;

/**
 * The uncertainty study that the fused-pipeline benchmarks run: every emulator input of every cell has a
 * Gaussian random error, independent between inputs, with no correlated or systematic component. Nominal
 * values lie inside each input's valid range (or in [-0.5, 0.5] where the model states none) and the
 * standard deviation is a twentieth of that range, so that members stay where the emulator was trained.
 *
 * <p>The same study is available as {@link MemberInputs} for the CPU pipeline, drawn in one of two ways with
 * the same bits (see {@link Perturbation}), and as a {@link CellPerturbation} for the device kernels.
 */
public final class GaussianStudy {
    /** How the CPU pipeline draws members' inputs. Both give the same bits. */
    public enum Perturbation {
        /** {@link MemberPerturber#perturb}, member by member: the scalar reference of the draws. */
        MEMBER_PERTURBER,
        /**
         * {@link MemberPerturber#perturbMembers}: blocks of members whose normals {@link MemberNormals} draws
         * at once (SIMD with the Vector API), as {@code emulens run} does.
         */
        BATCHED_DRAWS
    }

    private final Emulator emulator;
    private final long seed;
    private final int[] cellIds;
    private final float[][] nominal;
    private final float[][] sd;
    private final UncertaintyModel model;
    private final CellUncertainty[] cells;

    private GaussianStudy(Emulator e, int cellCount, long seed) {
        this.emulator = e;
        this.seed = seed;
        int d = e.inputCount();
        UncertaintyModel.Builder b = UncertaintyModel.builder(e.inputs().stream().map(Variable::name).toList());
        for (Variable v : e.inputs()) {
            b.input(v.name(), ErrorShape.gaussian());
        }
        this.model = b.build();
        this.cellIds = new int[cellCount];
        this.nominal = new float[cellCount][d];
        this.sd = new float[cellCount][d];
        this.cells = new CellUncertainty[cellCount];
        SplittableRandom r = new SplittableRandom(seed);
        float[] none = new float[d];
        for (int c = 0; c < cellCount; c++) {
            cellIds[c] = c;
            for (int i = 0; i < d; i++) {
                Variable v = e.inputs().get(i);
                double lo = v.hasRange() ? v.validMin() : -0.5;
                double hi = v.hasRange() ? v.validMax() : 0.5;
                nominal[c][i] = (float) (lo + (0.25 + 0.5 * r.nextDouble()) * (hi - lo));
                sd[c][i] = (float) ((hi - lo) / 20);
            }
            // Cells on a band across Africa: the positions only matter to correlated fields, which this study lacks.
            float lat = -30f + 60f * c / Math.max(1, cellCount);
            float lon = 20f;
            cells[c] = CellUncertainty.of(model, cellIds[c], lat, lon, sd[c], none, none);
        }
    }

    /** {@code cells} cells of {@code e}'s inputs, with nominal values from {@code seed}. */
    public static GaussianStudy of(Emulator e, int cells, long seed) {
        if (cells < 1) {
            throw new IllegalArgumentException("cells: expected at least 1, found " + cells);
        }
        return new GaussianStudy(e, cells, seed);
    }

    public int cellCount() {
        return cellIds.length;
    }

    /** Cell slots {@code 0 .. cellCount - 1}, as {@code EnsemblePropagator.runCells} takes them. */
    public int[] slots() {
        int[] s = new int[cellIds.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = c;
        }
        return s;
    }

    public long seed() {
        return seed;
    }

    public UncertaintyModel model() {
        return model;
    }

    /** The members' inputs for the CPU pipeline, by cell slot. */
    public MemberInputs inputs(Perturbation how) {
        int d = emulator.inputCount();
        if (how == Perturbation.MEMBER_PERTURBER) {
            MemberPerturber perturber = new MemberPerturber(model);
            return (slot, first, count, rows, offset) -> {
                CellUncertainty cell = cells[slot];
                float[] x = nominal[slot];
                for (int m = 0; m < count; m++) {
                    perturber.perturb(seed, cell, first + m, x, 0, rows, (offset + m) * d);
                }
            };
        }
        MemberPerturber perturber = new MemberPerturber(model);
        return (slot, first, count, rows, offset) ->
                perturber.perturbMembers(seed, cells[slot], first, count, nominal[slot], 0, rows, offset * d);
    }

    /** The same study for the device kernels' fused pass. */
    public CellPerturbation devicePerturbation() {
        return CellPerturbation.gaussian(cellIds.clone(), copy(nominal), copy(sd));
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
