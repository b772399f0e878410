package org.emulens.kernels;

import java.util.Arrays;

/**
 * How the fused pass makes the inputs of every member of a set of cells: the ensemble module's
 * {@code MemberPerturber} for inputs whose error has a random component only (independent between cells,
 * members and inputs), with the {@link Shape}s the kernels implement. For input slot {@code i} of member
 * {@code m} in cell slot {@code c}, with {@code N} inputs and
 * <pre>
 *   e_k = 0 + sd[c][i] · (0 + 1 · MemberDraws.normal(seed, INPUT_PERTURBATION, cellId[c], m, i + k·N))
 * </pre>
 * the value is: the nominal for {@link Kind#NONE} or a NaN nominal; {@code nominal + e_0} for
 * {@link Kind#GAUSSIAN}; for {@link Kind#TRUNCATED_GAUSSIAN} the clamped nominal plus the first {@code e_k},
 * k &lt; 32, that lands within the bounds, else the uniform fallback {@code lower + (upper − lower)·Φ(e_32/σ)}.
 * All in float in that order (σ = sd, or 0 for which the value is the (clamped) nominal), so any backend,
 * chunking or order gives the same member. Immutable; the factories check shapes and values and say what is
 * wrong.
 */
public final class CellPerturbation {

    /** Kind of perturbation of one input; the code is the kernel's {@code EMU_PERTURB_*}. */
    public enum Kind {
        /** No uncertainty: the nominal value, bit for bit. */
        NONE(0),
        /** Additive Gaussian error ({@code Gaussian} in the ensemble module). */
        GAUSSIAN(1),
        /** Additive Gaussian error within bounds, by rejection ({@code TruncatedGaussian}). */
        TRUNCATED_GAUSSIAN(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The kernel's {@code EMU_PERTURB_*} value. */
        public int code() {
            return code;
        }
    }

    /** The error shape of one input; bounds matter for {@link Kind#TRUNCATED_GAUSSIAN} only. */
    public record Shape(Kind kind, float lower, float upper) {
        public Shape {
            if (kind == null) {
                throw new IllegalArgumentException("shape kind: expected one of " + Arrays.toString(Kind.values())
                        + ", found null");
            }
            if (kind == Kind.TRUNCATED_GAUSSIAN && !(Float.isFinite(lower) && Float.isFinite(upper) && lower < upper)) {
                throw new IllegalArgumentException("truncated Gaussian bounds: expected finite lower < upper, found ["
                        + lower + ", " + upper + "]");
            }
        }

        public static Shape none() {
            return new Shape(Kind.NONE, 0f, 0f);
        }

        public static Shape gaussian() {
            return new Shape(Kind.GAUSSIAN, 0f, 0f);
        }

        public static Shape truncatedGaussian(float lower, float upper) {
            return new Shape(Kind.TRUNCATED_GAUSSIAN, lower, upper);
        }
    }

    private final int[] cellIds;
    private final Shape[] shapes;
    private final float[] nominal;
    private final float[] sd;

    private CellPerturbation(int[] cellIds, Shape[] shapes, float[] nominal, float[] sd) {
        this.cellIds = cellIds;
        this.shapes = shapes;
        this.nominal = nominal;
        this.sd = sd;
    }

    /** Additive Gaussian errors on every input; see {@link #of}. */
    public static CellPerturbation gaussian(int[] cellIds, float[][] nominal, float[][] sd) {
        Shape[] shapes = new Shape[nominal.length == 0 ? 0 : nominal[0].length];
        Arrays.fill(shapes, Shape.gaussian());
        return of(cellIds, shapes, nominal, sd);
    }

    /**
     * @param cellIds global cell index of each cell slot (the RNG's cell word, unsigned; not 0xFFFFFFFF, which
     *                {@code ReservedStreams.SHARED_CELL} keeps)
     * @param shapes  the error shape of each input
     * @param nominal {@code [cells][inputs]} nominal inputs; NaN (a fill value) stays NaN
     * @param sd      {@code [cells][inputs]} standard deviations of the random component, finite and {@code >= 0}
     */
    public static CellPerturbation of(int[] cellIds, Shape[] shapes, float[][] nominal, float[][] sd) {
        int cells = cellIds.length;
        if (cells == 0) {
            throw new IllegalArgumentException("cellIds: expected at least one cell, found none");
        }
        if (nominal.length != cells || sd.length != cells) {
            throw new IllegalArgumentException("nominal, sd: expected " + cells + " rows (one per cell), found "
                    + nominal.length + " and " + sd.length);
        }
        int inputs = shapes.length;
        for (int i = 0; i < inputs; i++) {
            if (shapes[i] == null) {
                throw new IllegalArgumentException("shapes[" + i + "]: expected a shape, found null");
            }
        }
        float[] flatNominal = new float[cells * inputs];
        float[] flatSd = new float[cells * inputs];
        for (int c = 0; c < cells; c++) {
            if (cellIds[c] == -1) {
                throw new IllegalArgumentException("cellIds[" + c + "]: expected a cell index below 2^32 - 1, found "
                        + "0xFFFFFFFF, which ReservedStreams keeps for SHARED_CELL");
            }
            if (nominal[c].length != inputs || sd[c].length != inputs) {
                throw new IllegalArgumentException("cell " + c + ": expected " + inputs
                        + " nominal values and sds, found " + nominal[c].length + " and " + sd[c].length);
            }
            for (int i = 0; i < inputs; i++) {
                if (!(sd[c][i] >= 0f) || !Float.isFinite(sd[c][i])) {
                    throw new IllegalArgumentException("sd[" + c + "][" + i + "]: expected a finite value >= 0, found "
                            + sd[c][i]);
                }
                flatNominal[c * inputs + i] = nominal[c][i];
                flatSd[c * inputs + i] = sd[c][i];
            }
        }
        return new CellPerturbation(cellIds.clone(), shapes.clone(), flatNominal, flatSd);
    }

    public int cells() {
        return cellIds.length;
    }

    public int inputs() {
        return shapes.length;
    }

    public int cellId(int slot) {
        return cellIds[slot];
    }

    public Shape shape(int input) {
        return shapes[input];
    }

    public float nominal(int slot, int input) {
        return nominal[slot * shapes.length + input];
    }

    public float sd(int slot, int input) {
        return sd[slot * shapes.length + input];
    }

    /** Cell ids, one per slot; a copy. */
    public int[] cellIds() {
        return cellIds.clone();
    }

    /** The {@code EMU_PERTURB_*} code of each input; a new array. */
    public int[] kindCodes() {
        int[] codes = new int[shapes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = shapes[i].kind().code();
        }
        return codes;
    }

    /** {@code (lower, upper)} of each input, interleaved; a new array. */
    public float[] boundPairs() {
        float[] pairs = new float[2 * shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            pairs[2 * i] = shapes[i].lower();
            pairs[2 * i + 1] = shapes[i].upper();
        }
        return pairs;
    }

    /** Row-major {@code [cells][inputs]} nominal values; a copy. */
    public float[] nominalRows() {
        return nominal.clone();
    }

    /** Row-major {@code [cells][inputs]} standard deviations; a copy. */
    public float[] sdRows() {
        return sd.clone();
    }
}
