package org.emulens.ensemble.seasonal;

/**
 * Dry days (value strictly below a threshold) and the longest run of consecutive dry days, streamed: three
 * counters whatever the season's length. A NaN value is neither dry nor wet; it ends a run.
 */
public final class DrySpells {
    private final double threshold;
    private int dryDays;
    private int run;
    private int longest;

    public DrySpells(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("dry-day threshold must be a number, found NaN");
        }
        this.threshold = threshold;
    }

    public void accept(double value) {
        if (value < threshold) {
            dryDays++;
            run++;
            if (run > longest) {
                longest = run;
            }
        } else {
            run = 0;
        }
    }

    public int dryDays() {
        return dryDays;
    }

    public int longestSpell() {
        return longest;
    }
}
