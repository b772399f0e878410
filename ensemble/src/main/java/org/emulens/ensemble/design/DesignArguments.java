package org.emulens.ensemble.design;

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
}
