package org.emulens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.Test;

class StudyBlocksTest {

    @Test
    void blocksCoverEveryCellAndMemberOnce() {
        int[] cells = {10, 0, 7};
        long members = 25;
        int[][] seen = {new int[10 * 25], new int[0], new int[7 * 25]};
        List<StudyBlock> blocks = StudyBlocks.split(cells, members, 4, 6);
        for (StudyBlock b : blocks) {
            for (int c = b.firstCell(); c < b.firstCell() + b.cellCount(); c++) {
                for (long m = b.firstMember(); m < b.firstMember() + b.members(); m++) {
                    seen[b.step()][(int) (c * members + m)]++;
                }
            }
        }
        for (int[] step : seen) {
            for (int n : step) {
                assertEquals(1, n);
            }
        }
        // ceil(10/4) + ceil(7/4) cell blocks, ceil(25/6) member blocks each
        assertEquals((3 + 2) * 5, blocks.size());
    }

    private static BlockPartial partial(int memberBlock, double... values) {
        CellStatistics s = new CellStatistics(StatisticsSpec.builder().moments().build());
        for (double v : values) {
            s.accept(v);
        }
        return new BlockPartial(new StudyBlock(0, 0, 1, memberBlock, 0, values.length),
                new CellStatistics[][] {{s}}, "cpu", "test");
    }

    @Test
    void mergeIsInMemberBlockOrderWhateverTheArrivalOrder() {
        List<BlockPartial> inOrder = List.of(partial(0, 1, 2), partial(1, 3), partial(2, 10, 20, 30));
        List<BlockPartial> shuffled = List.of(inOrder.get(2), inOrder.get(0), inOrder.get(1));
        CellStatistics a = CanonicalMerge.merge(inOrder, 3)[0][0];
        CellStatistics b = CanonicalMerge.merge(shuffled, 3)[0][0];
        assertEquals(6, a.moments().count());
        // mean of 1, 2, 3, 10, 20, 30
        assertEquals(11.0, a.moments().mean(), 1e-12);
        assertEquals(Double.doubleToRawLongBits(a.moments().mean()), Double.doubleToRawLongBits(b.moments().mean()));
        assertEquals(Double.doubleToRawLongBits(a.moments().sampleVariance()),
                Double.doubleToRawLongBits(b.moments().sampleVariance()));
    }

    @Test
    void aBlockTwiceOrMissingIsRefusedRatherThanMiscounted() {
        List<BlockPartial> twice = new ArrayList<>(List.of(partial(0, 1), partial(1, 2), partial(1, 2)));
        assertThrows(IllegalStateException.class, () -> CanonicalMerge.merge(twice, 2));
        assertThrows(IllegalStateException.class, () -> CanonicalMerge.merge(List.of(partial(0, 1)), 2));
        assertThrows(IllegalStateException.class, () -> CanonicalMerge.merge(List.of(partial(0, 1), partial(2, 1)), 3));
    }
}
