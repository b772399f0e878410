package org.emulens.spark;

import java.io.Serializable;

/**
 * One task's share of a study: members {@code [firstMember, firstMember + members)} of cells
 * {@code firstCell .. firstCell + cellCount - 1} of time step {@code step}'s cells (in the order
 * {@code StudyRunner.Plan.cells(step)} gives them). {@code memberBlock} numbers the member ranges of a
 * cell block from 0, which is the order in which their partial statistics are merged.
 */
record StudyBlock(int step, int firstCell, int cellCount, int memberBlock, long firstMember, long members)
        implements Serializable {

    /** The cell block this block belongs to, whichever its member range. */
    long cellBlockKey() {
        return cellBlockKey(step, firstCell);
    }

    static long cellBlockKey(int step, int firstCell) {
        return ((long) step << 32) | firstCell;
    }
}
