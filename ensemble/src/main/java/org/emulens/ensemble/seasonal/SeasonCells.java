package org.emulens.ensemble.seasonal;

/** Checks and defaults for the map from a season's cell indices to their numbers in the random streams. */
final class SeasonCells {
    private SeasonCells() {
    }

    /** Cell {@code c} draws as cell {@code c}. */
    static int[] identity(int cells) {
        int[] ids = new int[cells];
        for (int c = 0; c < cells; c++) {
            ids[c] = c;
        }
        return ids;
    }

    /** A copy of {@code ids}, which must give one stream cell per cell. */
    static int[] check(int[] ids, int cells) {
        if (ids.length != cells) {
            throw new IllegalArgumentException("stream cells: expected one per cell (" + cells + "), found " + ids.length);
        }
        return ids.clone();
    }
}
