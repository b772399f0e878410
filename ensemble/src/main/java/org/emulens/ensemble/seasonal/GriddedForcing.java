package org.emulens.ensemble.seasonal;

import java.util.List;

/**
 * Daily forcing given per cell and day (read from files), the same for every member except that one variable
 * may carry a member's systematic multiplicative error ({@link ForcingScaleError}). Its climatology is the
 * forcing itself: with one year of real forcing, the "climatological run" is the nominal run of that year.
 */
public final class GriddedForcing implements SeasonForcing {
    private final List<String> names;
    private final float[][][] values;
    private final long seed;
    private final int scaled;
    private final float logSd;
    private final int[] streamCells;

    /**
     * @param values {@code values[variable][day - 1][cell]}, in the order of {@code names}
     * @param scaledVariable the name of the variable with a per-member factor, or null for none
     * @param logSd the factor's log-sd (0: none)
     * @param streamCells cell {@code c} draws its factor as cell {@code streamCells[c]} of the random streams
     */
    public GriddedForcing(List<String> names, float[][][] values, long seed, String scaledVariable, float logSd,
            int[] streamCells) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " forcing names for " + values.length + " variables");
        }
        this.names = List.copyOf(names);
        this.values = values;
        this.seed = seed;
        this.scaled = scaledVariable == null ? -1 : names.indexOf(scaledVariable);
        if (scaledVariable != null && scaled < 0) {
            throw new IllegalArgumentException("scaled forcing '" + scaledVariable + "': expected one of " + names);
        }
        if (!(logSd >= 0)) {
            throw new IllegalArgumentException("forcing log-sd must be >= 0, found " + logSd);
        }
        this.logSd = logSd;
        this.streamCells = SeasonCells.check(streamCells, values[0][0].length);
    }

    @Override
    public List<String> names() {
        return names;
    }

    /** Days of forcing held. */
    public int days() {
        return values[0].length;
    }

    @Override
    public void climatology(int cell, int day, float[] out, int offset) {
        for (int v = 0; v < values.length; v++) {
            out[offset + v] = values[v][day - 1][cell];
        }
    }

    @Override
    public void member(int cell, long member, int day, float[] out, int offset) {
        climatology(cell, day, out, offset);
        if (scaled >= 0 && logSd > 0) {
            out[offset + scaled] = (float) (out[offset + scaled] * ForcingScaleError.factor(seed, streamCells[cell], member, logSd));
        }
    }
}
