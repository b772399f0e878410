package org.emulens.kernels.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fused run over {@code cells × members} is cut into launches. Members are grouped in blocks of
 * {@code workGroupSize × membersPerItem} counted from the run's first member; one work-group computes one
 * block of one cell, and a block's partial is the same whichever launch computes it. A launch holds at most
 * {@code groupsPerLaunch} work-groups: several whole cells when a cell has few blocks, otherwise a run of
 * one cell's blocks, so device memory never grows with the member count.
 */
public final class FusedSchedule {

    /** One launch: cells {@code [cellBase, cellBase + cells)} × blocks {@code [firstGroup, + groupsPerCell)}. */
    public record Launch(int cellBase, int cells, long firstGroup, int groupsPerCell) {
        public int groups() {
            return cells * groupsPerCell;
        }
    }

    private final long membersPerGroup;
    private final long blocksPerCell;
    private final int groupsPerCell;
    private final int cellsPerLaunch;
    private final int cells;

    public FusedSchedule(int cells, long members, int workGroupSize, int membersPerItem, int groupsPerLaunch) {
        if (members < 0) {
            throw new IllegalArgumentException("members: expected a count >= 0, found " + members);
        }
        this.cells = cells;
        this.membersPerGroup = (long) workGroupSize * membersPerItem;
        if (membersPerGroup > 1 << 24) {
            throw new IllegalArgumentException("work-group size x members per item: expected at most 2^24 members "
                    + "per work-group (the kernel counts them exactly in float), found " + workGroupSize + " x "
                    + membersPerItem);
        }
        this.blocksPerCell = (members + membersPerGroup - 1) / membersPerGroup;
        this.groupsPerCell = (int) Math.max(1, Math.min(blocksPerCell, groupsPerLaunch));
        this.cellsPerLaunch = Math.max(1, Math.min(cells, groupsPerLaunch / groupsPerCell));
        if (blocksPerCell > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("members: expected at most 2^32 - 1 blocks of " + membersPerGroup
                    + " per cell, found " + blocksPerCell);
        }
    }

    public long membersPerGroup() {
        return membersPerGroup;
    }

    /** The largest launch: sizes the partial buffers. */
    public int maxGroups() {
        return groupsPerCell * cellsPerLaunch;
    }

    /** The launches in the order their partials must be folded. */
    public List<Launch> launches() {
        List<Launch> list = new ArrayList<>();
        if (blocksPerCell == 0) {
            return list;
        }
        for (int base = 0; base < cells; base += cellsPerLaunch) {
            int n = Math.min(cellsPerLaunch, cells - base);
            for (long first = 0; first < blocksPerCell; first += groupsPerCell) {
                list.add(new Launch(base, n, first, (int) Math.min(groupsPerCell, blocksPerCell - first)));
            }
        }
        return list;
    }
}
