package org.emulens.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.emulens.ensemble.stats.CellStatistics;

/**
 * Merges the partials of one cell block in member-block order, whatever order the tasks finished in.
 * Floating-point merging is not associative, so a fixed order is what makes a cluster run repeat itself
 * bit for bit; and every member block must be there exactly once, so a task that ran twice (a retry, a
 * speculative copy) can never count its members twice.
 */
final class CanonicalMerge {
    private CanonicalMerge() {
    }

    /** Statistics {@code [cell][output]} of all {@code memberBlocks} member blocks of one cell block. */
    static CellStatistics[][] merge(Iterable<BlockPartial> partials, int memberBlocks) {
        List<BlockPartial> sorted = new ArrayList<>();
        partials.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(p -> p.block().memberBlock()));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no partials to merge");
        }
        StudyBlock first = sorted.get(0).block();
        for (int b = 0; b < sorted.size(); b++) {
            StudyBlock block = sorted.get(b).block();
            if (block.memberBlock() != b || block.step() != first.step() || block.firstCell() != first.firstCell()) {
                throw new IllegalStateException("step " + first.step() + ", cells from " + first.firstCell()
                        + ": expected member blocks 0.." + (memberBlocks - 1) + " once each, found " + describe(sorted));
            }
        }
        if (sorted.size() != memberBlocks) {
            throw new IllegalStateException("step " + first.step() + ", cells from " + first.firstCell() + ": expected "
                    + memberBlocks + " member blocks, found " + describe(sorted));
        }
        CellStatistics[][] merged = copy(sorted.get(0).statistics());
        for (int b = 1; b < sorted.size(); b++) {
            CellStatistics[][] next = sorted.get(b).statistics();
            for (int c = 0; c < merged.length; c++) {
                for (int j = 0; j < merged[c].length; j++) {
                    merged[c][j].combine(next[c][j]);
                }
            }
        }
        return merged;
    }

    private static CellStatistics[][] copy(CellStatistics[][] stats) {
        CellStatistics[][] out = new CellStatistics[stats.length][];
        for (int c = 0; c < stats.length; c++) {
            out[c] = new CellStatistics[stats[c].length];
            for (int j = 0; j < stats[c].length; j++) {
                out[c][j] = stats[c][j].copy();
            }
        }
        return out;
    }

    private static String describe(List<BlockPartial> partials) {
        return partials.stream().map(p -> Integer.toString(p.block().memberBlock())).toList().toString();
    }
}
