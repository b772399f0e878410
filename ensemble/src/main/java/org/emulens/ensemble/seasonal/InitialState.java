package org.emulens.ensemble.seasonal;

import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.uncertainty.TruncatedGaussian;

/**
 * The uncertain state a season starts from, per cell: a nominal value (a retrieval such as ESA CCI soil
 * moisture) and its standard deviation. Member {@code m} of cell {@code c} starts from the nominal perturbed by
 * a normal error truncated to the state's physical bounds; attempt {@code k} of the rejection sampler is
 * normal number {@code k} of stream {@link ReservedStreams#INPUT_PERTURBATION} for (s, m), {@code s} the cell's
 * number in the random streams (its index unless given), so a member's start is a pure function of seed, cell
 * and member.
 */
public final class InitialState {
    private final float[] nominal;
    private final float[] sd;
    private final TruncatedGaussian shape;
    private final int[] streamCells;

    /** {@code nominal[c]} and {@code sd[c]} per cell; a NaN nominal marks a cell with no data. */
    public InitialState(float[] nominal, float[] sd, float lower, float upper) {
        this(nominal, sd, lower, upper, SeasonCells.identity(nominal.length));
    }

    /** As above, cell {@code c} drawing as cell {@code streamCells[c]} of the random streams. */
    public InitialState(float[] nominal, float[] sd, float lower, float upper, int[] streamCells) {
        if (nominal.length != sd.length) {
            throw new IllegalArgumentException("initial state: " + nominal.length + " nominal values but "
                    + sd.length + " standard deviations");
        }
        for (int c = 0; c < sd.length; c++) {
            if (!(sd[c] >= 0) && !Float.isNaN(nominal[c])) {
                throw new IllegalArgumentException("initial state: sd of cell " + c + " must be >= 0, found " + sd[c]);
            }
        }
        this.nominal = nominal.clone();
        this.sd = sd.clone();
        this.shape = new TruncatedGaussian(lower, upper);
        this.streamCells = SeasonCells.check(streamCells, nominal.length);
    }

    public int cellCount() {
        return nominal.length;
    }

    public boolean hasData(int cell) {
        return !Float.isNaN(nominal[cell]);
    }

    /** The unperturbed start of {@code cell}, clamped into the bounds. */
    public float nominal(int cell) {
        return shape.unperturbed(nominal[cell]);
    }

    /** The start of {@code member} in {@code cell}. */
    public float member(long seed, int cell, long member) {
        float sigma = sd[cell];
        if (sigma == 0f) {
            return nominal(cell);
        }
        int stream = streamCells[cell];
        return shape.perturb(nominal[cell], sigma,
                attempt -> sigma * MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, stream, member, attempt));
    }

    /** The same cells with every sd multiplied by {@code factor}. */
    public InitialState scaled(float factor) {
        float[] s = sd.clone();
        for (int c = 0; c < s.length; c++) {
            s[c] *= factor;
        }
        return new InitialState(nominal, s, shape.lower(), shape.upper(), streamCells);
    }
}
