package org.emulens.ensemble.design;

import java.util.Locale;
import org.emulens.engine.MemoryBudget;

/** Argument checks shared by the designs in this package, so each message is worded once. */
final class DesignArguments {
    private DesignArguments() {
    }

    static void requirePositive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, found " + value);
        }
    }

    /** Checks that points {@code first .. first + count - 1} exist in a sequence of {@code length} points. */
    static void requireRange(long first, int count, long length) {
        if (first < 0 || count < 0 || first > length - count) {
            throw new IllegalArgumentException("points " + first + " .. " + (first + count - 1)
                    + " requested, expected a range within 0 .. " + (length - 1));
        }
    }

    /** Refuses, before allocating, a matrix of points that would not fit in the free heap. */
    static void requireMemory(String design, long points, int dimensions, String howToShrink) {
        // a row array of doubles (16 bytes of header) per point, plus a sort key per point where stratified
        long bytes = MemoryBudget.bytes(points, 8L * dimensions + 24);
        MemoryBudget.ofThisJvm().require(String.format(Locale.ROOT, "%s of %,d points x %d dimensions", design,
                points, dimensions), bytes, howToShrink);
    }
}
