package org.emulens.ensemble.uncertainty;

import java.util.Objects;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * The uncertainty of one grid cell under an {@link UncertaintyModel}: the cell's index and position and, per
 * per-cell input, the standard deviations of its three error components, as products such as ESA CCI LST
 * report them per pixel:
 * <ul>
 *   <li><b>random</b>: independent between cells and members;</li>
 *   <li><b>locally correlated</b>: correlated between nearby cells through the input's
 *       {@link BilinearLatticeField};</li>
 *   <li><b>systematic</b>: one draw per member, shared by every cell.</li>
 * </ul>
 * The total standard deviation is {@code σ = sqrt((sd_r² + sd_c²) + sd_s²)}, evaluated in float in that
 * order. Made once per cell, it also holds what the cell's members share (σ, the lattice nodes and weights),
 * so that perturbing a member allocates and recomputes nothing. Immutable.
 *
 * <p>The arrays are indexed by emulator input slot. Entries of pass-through inputs and of uncertain
 * parameters are ignored: a parameter's systematic sd comes from the model.
 */
public final class CellUncertainty {
    private final UncertaintyModel model;
    private final int cell;
    private final float lat;
    private final float lon;
    private final float[] sdRandom;
    private final float[] sdCorrelated;
    private final float[] sdSystematic;
    private final float[] sigma;
    private final int[] fieldNodes;
    private final float[] fieldWeights;

    private CellUncertainty(UncertaintyModel model, int cell, float lat, float lon, int slots) {
        this.model = model;
        this.cell = cell;
        this.lat = lat;
        this.lon = lon;
        this.sdRandom = new float[slots];
        this.sdCorrelated = new float[slots];
        this.sdSystematic = new float[slots];
        this.sigma = new float[slots];
        this.fieldNodes = new int[4 * slots];
        this.fieldWeights = new float[4 * slots];
    }

    /**
     * The uncertainty of cell {@code cell} at {@code (lat, lon)} degrees ({@code lat} in [−90, 90],
     * {@code lon} in [−180, 180]), with one standard deviation per emulator input in each array. Throws an
     * {@link UncertaintyException} naming the cell and input for an sd that is negative or not finite, or
     * a correlated sd above 0 for an input without a correlation length.
     *
     * @param cell the cell's index in the random streams, an unsigned 32-bit value other than
     *             {@link ReservedStreams#SHARED_CELL}
     */
    public static CellUncertainty of(UncertaintyModel model, int cell, float lat, float lon, float[] sdRandom,
                                     float[] sdCorrelated, float[] sdSystematic) {
        Objects.requireNonNull(model, "model");
        if (cell == ReservedStreams.SHARED_CELL) {
            throw new UncertaintyException("cell: expected an index other than 0xFFFFFFFF (reserved for draws "
                    + "shared by all cells), found 0xFFFFFFFF");
        }
        if (!(lat >= -90f && lat <= 90f) || !(lon >= -180f && lon <= 180f)) {
            throw new UncertaintyException("cell " + Integer.toUnsignedString(cell)
                    + ": expected latitude in [-90, 90] and longitude in [-180, 180] degrees, found (" + lat + ", "
                    + lon + ")");
        }
        int slots = model.slots();
        checkLength("sdRandom", sdRandom, slots);
        checkLength("sdCorrelated", sdCorrelated, slots);
        checkLength("sdSystematic", sdSystematic, slots);
        CellUncertainty c = new CellUncertainty(model, cell, lat, lon, slots);
        for (int slot = 0; slot < slots; slot++) {
            InputUncertainty input = model.atSlot(slot);
            if (input == null) {
                continue;
            }
            if (input.isParameter()) {
                c.sdSystematic[slot] = input.parameterSd();
            } else {
                c.sdRandom[slot] = checkSd(cell, input, "random", sdRandom[slot]);
                c.sdCorrelated[slot] = checkSd(cell, input, "correlated", sdCorrelated[slot]);
                c.sdSystematic[slot] = checkSd(cell, input, "systematic", sdSystematic[slot]);
                if (input.correlatedField().isPresent()) {
                    input.correlatedField().get().locate(lat, lon, c.fieldNodes, c.fieldWeights, 4 * slot);
                } else if (c.sdCorrelated[slot] > 0f) {
                    throw new UncertaintyException("cell " + Integer.toUnsignedString(cell) + ", input '"
                            + input.name() + "': correlated sd must be 0 because the model gives this input no "
                            + "correlation length, found " + c.sdCorrelated[slot]);
                }
            }
            c.sigma[slot] = totalSd(c.sdRandom[slot], c.sdCorrelated[slot], c.sdSystematic[slot]);
        }
        return c;
    }

    private static void checkLength(String what, float[] values, int slots) {
        Objects.requireNonNull(values, what);
        if (values.length != slots) {
            throw new UncertaintyException(what + ": expected one value per emulator input (" + slots + "), found "
                    + values.length);
        }
    }

    private static float checkSd(int cell, InputUncertainty input, String component, float sd) {
        if (!(sd >= 0f) || !Float.isFinite(sd)) {
            throw new UncertaintyException("cell " + Integer.toUnsignedString(cell) + ", input '" + input.name()
                    + "': " + component + " sd must be a finite number >= 0, found " + sd
                    + (Float.isNaN(sd) ? " (where the input is missing, give 0: a NaN nominal stays NaN anyway)" : ""));
        }
        return sd;
    }

    private static float totalSd(float sdR, float sdC, float sdS) {
        float variance = sdR * sdR;
        variance = variance + sdC * sdC;
        variance = variance + sdS * sdS;
        return (float) Math.sqrt(variance);
    }

    public UncertaintyModel model() {
        return model;
    }

    /** The cell's index in the random streams (unsigned 32 bits). */
    public int cell() {
        return cell;
    }

    public float lat() {
        return lat;
    }

    public float lon() {
        return lon;
    }

    /** Random sd of the input at {@code slot}; 0 for pass-through inputs and parameters. */
    public float sdRandom(int slot) {
        return sdRandom[slot];
    }

    /** Locally correlated sd of the input at {@code slot}; 0 for pass-through inputs and parameters. */
    public float sdCorrelated(int slot) {
        return sdCorrelated[slot];
    }

    /** Systematic sd of the input at {@code slot} (the model's for a parameter); 0 for pass-through inputs. */
    public float sdSystematic(int slot) {
        return sdSystematic[slot];
    }

    /** Total sd σ of the input at {@code slot}, as the class describes. */
    public float sigma(int slot) {
        return sigma[slot];
    }

    /** The correlated-field value of {@code slot} for {@code member} with noise {@code index}. */
    float correlatedField(long seed, long member, int slot, int index) {
        return BilinearLatticeField.sample(seed, member, index, fieldNodes, fieldWeights, 4 * slot);
    }
}
