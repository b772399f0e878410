package org.emulens.ensemble.rng;

/**
 * Stream ids with a fixed meaning in every study. Giving each consumer of randomness its own stream keeps
 * their draws independent however many values each one takes, and lets a consumer be added or changed
 * without shifting anyone else's numbers. Ids 9 to 4095 are free; claim one by adding a constant here, so
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
    /** Day-to-day weather noise of synthetic seasonal forcing: index {@code 2 (day - 1) + k}, k = 0, 1. */
    public static final int SEASONAL_FORCING = 4;
    /**
     * Draws from an emulator's own predictive distribution (Gaussian-process emulators): value {@code j} of
     * (cell, member) is the standard normal for output {@code j}, independent of the input perturbation.
     */
    public static final int EMULATOR_UNCERTAINTY = 5;
    /**
     * The emulator's own error as measured against the model it emulates (the {@code emulator_error} of a
     * study): normal number {@code j} of (cell, member) is the standard normal for output {@code j}.
     */
    public static final int EMULATOR_ERROR = 6;
    /** Land-cover classification uncertainty: the class each land-cover pixel is taken to be in a member. */
    public static final int LAND_COVER_CLASSES = 7;
    /**
     * Calibration samplers (MCMC moves and acceptances, ABC-SMC resampling): the cell is the sampler's
     * step or generation, the member its walker or particle.
     */
    public static final int CALIBRATION = 8;

    /**
     * The cell index used with {@link #SYSTEMATIC}: 0xFFFFFFFF as an unsigned 32-bit value. Real cells are
     * therefore numbered below 2^32 − 1.
     */
    public static final int SHARED_CELL = 0xFFFF_FFFF;

    private ReservedStreams() {
    }
}
