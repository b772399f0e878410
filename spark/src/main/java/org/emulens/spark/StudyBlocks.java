package org.emulens.spark;

import java.util.ArrayList;
import java.util.List;

/** Splits a study into blocks of cells times blocks of members, the tasks of a cluster run. */
final class StudyBlocks {
    private StudyBlocks() {
    }

    /**
     * The blocks of a study whose step {@code t} has {@code cellsPerStep[t]} cells of {@code members}
     * members each, in step, cell block and member block order.
     *
     * @param cellsPerBlock   cells per block, at least 1
     * @param membersPerBlock members per block, at least 1; {@code >= members} gives one member block
     */
    static List<StudyBlock> split(int[] cellsPerStep, long members, int cellsPerBlock, long membersPerBlock) {
        if (cellsPerBlock < 1 || membersPerBlock < 1) {
            throw new IllegalArgumentException("blocks must hold at least one cell and one member, found "
                    + cellsPerBlock + " cells and " + membersPerBlock + " members");
        }
        int memberBlocks = memberBlocks(members, membersPerBlock);
        List<StudyBlock> blocks = new ArrayList<>();
        for (int t = 0; t < cellsPerStep.length; t++) {
            for (int first = 0; first < cellsPerStep[t]; first += cellsPerBlock) {
                int n = Math.min(cellsPerBlock, cellsPerStep[t] - first);
                for (int b = 0; b < memberBlocks; b++) {
                    long firstMember = b * membersPerBlock;
                    blocks.add(new StudyBlock(t, first, n, b, firstMember, Math.min(membersPerBlock,
                            members - firstMember)));
                }
            }
        }
        return blocks;
    }

    static int memberBlocks(long members, long membersPerBlock) {
        long blocks = Math.max(1, (members + membersPerBlock - 1) / membersPerBlock);
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(members + " members in blocks of " + membersPerBlock
                    + " make more than 2^31 blocks per cell; use larger blocks");
        }
        return (int) blocks;
    }
}
