package org.emulens.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every (cell, block) is launched exactly once, cells' blocks in ascending order, within the launch bound. */
class FusedScheduleTest {

    @Test
    void coversEachBlockOnceInOrderWithinTheBound() {
        int[][] cases = {{1, 1_000_000, 256, 16, 4096}, {7, 50_001, 64, 4, 3}, {100, 1000, 32, 1, 64}, {3, 1, 256, 16, 1},
            {5, 65_536, 256, 16, 16}};
        for (int[] c : cases) {
            int cells = c[0];
            long members = c[1];
            FusedSchedule s = new FusedSchedule(cells, members, c[2], c[3], c[4]);
            long blocks = (members + s.membersPerGroup() - 1) / s.membersPerGroup();
            long[] next = new long[cells];
            for (FusedSchedule.Launch l : s.launches()) {
                assertTrue(l.groups() <= c[4] && l.groups() <= s.maxGroups(), "launch " + l + " within the bound");
                for (int cell = l.cellBase(); cell < l.cellBase() + l.cells(); cell++) {
                    assertEquals(next[cell], l.firstGroup(), "cell " + cell + " continues where it left off");
                    next[cell] += l.groupsPerCell();
                }
            }
            for (int cell = 0; cell < cells; cell++) {
                assertEquals(blocks, next[cell], "cell " + cell + " covered");
            }
        }
    }

    @Test
    void noMembersNoLaunches() {
        assertTrue(new FusedSchedule(4, 0, 256, 16, 100).launches().isEmpty());
    }
}
