package org.emulens.ensemble.propagation;

/**
 * The emulator inputs of a cell's members, as a pure function of (cell, member): the same member gets
 * the same row whichever chunk, thread or backend asks for it, which is what makes results independent
 * of chunking.
 */
@FunctionalInterface
public interface MemberInputs {

    /**
     * Writes the input rows of members {@code firstMember .. firstMember + count - 1} of {@code cell},
     * row-major, to {@code rows} starting at row {@code rowOffset}. May be called from several threads
     * at once for disjoint ranges.
     */
    void fill(int cell, long firstMember, int count, float[] rows, int rowOffset);
}
