package org.emulens.ensemble.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Feeds values to one accumulator, or to a random split of accumulators combined in random order. */
final class MergeChecks {
    private MergeChecks() {
    }

    static <S extends MergeableStatistic<S>> S whole(double[] values, Supplier<S> empty) {
        S all = empty.get();
        for (double value : values) {
            all.accept(value);
        }
        return all;
    }

    /**
     * Sends each value to one of {@code parts} accumulators chosen at random (so parts have random sizes,
     * possibly zero), then combines them in a random order, sometimes starting from an empty one.
     */
    static <S extends MergeableStatistic<S>> S randomSplit(double[] values, Supplier<S> empty, int parts,
                                                          Random random) {
        List<S> pieces = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            pieces.add(empty.get());
        }
        for (double value : values) {
            pieces.get(random.nextInt(parts)).accept(value);
        }
        Collections.shuffle(pieces, random);
        S result = random.nextBoolean() ? empty.get() : pieces.remove(0);
        for (S piece : pieces) {
            result.combine(piece);
        }
        return result;
    }
}
