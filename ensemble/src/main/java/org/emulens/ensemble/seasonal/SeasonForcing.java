package org.emulens.ensemble.seasonal;

import java.util.List;

/**
 * The daily forcing of a time-stepping emulator (precipitation, potential evaporation, ...), computed on
 * demand for one cell, member and day, so that nothing season-long is held per member. A member's forcing must
 * be a pure function of (cell, member, day): that is what makes a run independent of chunking and backend.
 */
public interface SeasonForcing {

    /** The forcing variables, in the order they are written; each names an input of the emulator. */
    List<String> names();

    /** Writes the forcing of {@code day} (1-based) of {@code member} in {@code cell} to {@code out[offset..]}. */
    void member(int cell, long member, int day, float[] out, int offset);

    /** Writes the climatological (noise-free) forcing of {@code day} in {@code cell}. */
    void climatology(int cell, int day, float[] out, int offset);
}
