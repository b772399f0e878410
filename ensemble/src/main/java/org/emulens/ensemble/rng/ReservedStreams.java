package org.emulens.ensemble.rng;

/**
 * Stream ids with a fixed meaning in every study. Giving each consumer of randomness its own stream keeps
 * their draws independent however many values each one takes, and lets a consumer be added or changed
 * without shifting anyone else's numbers. Ids 5 to 4095 are free; claim one by adding a constant here, so
 * that two features can never silently share a stream.
 */
public final class ReservedStreams {
    /** Per-cell perturbation of emulator inputs: independent between cells and between members. */
    public static final int INPUT_PERTURBATION = 0;
    /**
     * Systematic errors that are the same in every cell of a member (for example a forcing bias). Callers
     * pass {@link #SHARED_CELL} as the cell, which is what makes the draw identical across cells.
     */
    public static final int SYSTEMATIC = 1;
    /** Spatially correlated perturbation fields (the white noise that a correlation model then colours). */
    public static final int CORRELATED_FIELDS = 2;
    /** Experimental design: scrambling and randomisation of low-discrepancy or Latin hypercube designs. */
    public static final int DESIGN = 3;
    /**
     * Calibration samplers (MCMC moves and acceptances, ABC-SMC resampling): the cell is the sampler's
     * step or generation, the member its walker or particle.
     */
    public static final int CALIBRATION = 4;

    /**
     * The cell index used with {@link #SYSTEMATIC}: 0xFFFFFFFF as an unsigned 32-bit value. Real cells are
     * therefore numbered below 2^32 − 1.
     */
    public static final int SHARED_CELL = 0xFFFF_FFFF;

    private ReservedStreams() {
    }
}
