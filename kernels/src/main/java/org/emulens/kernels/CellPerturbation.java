package org.emulens.kernels;

import java.util.Arrays;

/**
 * How the fused pass makes the inputs of every member of a set of cells: each input is its cell's nominal
 * value, perturbed according to its {@link Kind}. For {@link Kind#GAUSSIAN} input {@code i} of member
 * {@code m} of cell slot {@code c} is
 * <pre>
 *   nominal[c][i] + sd[c][i] * MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, cellId[c], m, i)
 * </pre>
 * in float (the product rounded, then the sum), so any backend, chunking or order gives the same member.
 * Immutable; the factory checks shapes and values and names what is wrong.
 */
public final class CellPerturbation {

    /** Kind of perturbation of one input; the code is the kernel's {@code EMU_PERTURB_*}. */
    public enum Kind {
        /** The nominal value, unperturbed. */
        NONE(0),
        /** Additive Gaussian error with a per-cell standard deviation. */
        GAUSSIAN(1);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The kernel's {@code EMU_PERTURB_*} value. */
        public int code() {
            return code;
        }
    }

    private final int[] cellIds;
    private final Kind[] kinds;
    private final float[] nominal;
    private final float[] sd;

    private CellPerturbation(int[] cellIds, Kind[] kinds, float[] nominal, float[] sd) {
        this.cellIds = cellIds;
        this.kinds = kinds;
        this.nominal = nominal;
        this.sd = sd;
    }

    /**
     * Additive Gaussian errors on every input.
     *
     * @param cellIds global cell index of each cell slot (the RNG's cell word; below 2^32 − 1 as unsigned)
     * @param nominal {@code [cells][inputs]} nominal inputs, finite
     * @param sd      {@code [cells][inputs]} standard deviations, finite and {@code >= 0}
     */
    public static CellPerturbation gaussian(int[] cellIds, float[][] nominal, float[][] sd) {
        int inputs = nominal.length == 0 ? 0 : nominal[0].length;
        Kind[] kinds = new Kind[inputs];
        Arrays.fill(kinds, Kind.GAUSSIAN);
        return of(cellIds, kinds, nominal, sd);
    }

    /** Per-input kinds; {@code sd} is ignored (but still checked) for {@link Kind#NONE}. */
    public static CellPerturbation of(int[] cellIds, Kind[] kinds, float[][] nominal, float[][] sd) {
        int cells = cellIds.length;
        if (cells == 0) {
            throw new IllegalArgumentException("cellIds: expected at least one cell, found none");
        }
        if (nominal.length != cells || sd.length != cells) {
            throw new IllegalArgumentException("nominal, sd: expected " + cells + " rows (one per cell), found "
                    + nominal.length + " and " + sd.length);
        }
        int inputs = kinds.length;
        float[] flatNominal = new float[cells * inputs];
        float[] flatSd = new float[cells * inputs];
        for (int c = 0; c < cells; c++) {
            if (cellIds[c] == -1) {
                throw new IllegalArgumentException("cellIds[" + c + "]: expected a cell index below 2^32 - 1, found "
                        + "0xFFFFFFFF, which ReservedStreams keeps for SHARED_CELL");
            }
            if (nominal[c].length != inputs || sd[c].length != inputs) {
                throw new IllegalArgumentException("cell " + c + ": expected " + inputs + " nominal values and sds, found "
                        + nominal[c].length + " and " + sd[c].length);
            }
            for (int i = 0; i < inputs; i++) {
                if (!Float.isFinite(nominal[c][i])) {
                    throw new IllegalArgumentException("nominal[" + c + "][" + i + "]: expected a finite value, found "
                            + nominal[c][i]);
                }
                if (!(sd[c][i] >= 0f) || !Float.isFinite(sd[c][i])) {
                    throw new IllegalArgumentException("sd[" + c + "][" + i + "]: expected a finite value >= 0, found "
                            + sd[c][i]);
                }
                flatNominal[c * inputs + i] = nominal[c][i];
                flatSd[c * inputs + i] = sd[c][i];
            }
        }
        for (int i = 0; i < inputs; i++) {
            if (kinds[i] == null) {
                throw new IllegalArgumentException("kinds[" + i + "]: expected a kind, found null");
            }
        }
        return new CellPerturbation(cellIds.clone(), kinds.clone(), flatNominal, flatSd);
    }

    public int cells() {
        return cellIds.length;
    }

    public int inputs() {
        return kinds.length;
    }

    public int cellId(int slot) {
        return cellIds[slot];
    }

    public Kind kind(int input) {
        return kinds[input];
    }

    public float nominal(int slot, int input) {
        return nominal[slot * kinds.length + input];
    }

    public float sd(int slot, int input) {
        return sd[slot * kinds.length + input];
    }

    /** Cell ids, one per slot; a copy. */
    public int[] cellIds() {
        return cellIds.clone();
    }

    /** The {@code EMU_PERTURB_*} code of each input; a new array. */
    public int[] kindCodes() {
        int[] codes = new int[kinds.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = kinds[i].code();
        }
        return codes;
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
