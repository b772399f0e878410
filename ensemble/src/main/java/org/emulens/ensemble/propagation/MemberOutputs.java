package org.emulens.ensemble.propagation;

/**
 * A change to the emulator outputs of a cell's members after evaluation, as a pure function of (cell,
 * member, output): the emulator's own error added as a random term, say. Like {@link MemberInputs}, the
 * same member gets the same change whichever chunk or thread handles it.
 */
@FunctionalInterface
public interface MemberOutputs {

    /**
     * Changes in place the output rows of members {@code firstMember .. firstMember + count - 1} of
     * {@code cell}, row-major with the model's outputs per row, in {@code rows} starting at row
     * {@code rowOffset}. May be called from several threads at once for disjoint ranges.
     */
    void adjust(int cell, long firstMember, int count, float[] rows, int rowOffset);
}
