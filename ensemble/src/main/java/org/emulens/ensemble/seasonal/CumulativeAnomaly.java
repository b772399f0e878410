package org.emulens.ensemble.seasonal;

/**
 * Onset and cessation of one wet season from a daily series, streamed, after Dunning, Black and Allan
 * (2016, JGR Atmospheres, doi:10.1002/2016JD025428). The cumulative daily anomaly is
 * {@code A(d) = sum over n <= d of (x(n) - xbar)}, summed from the first day of the analysis window, with
 * {@code xbar} the cell's climatological mean daily value. Onset is the day after the minimum of {@code A},
 * cessation the day of the largest {@code A} after that minimum.
 *
 * <p>Because {@code xbar} is known before the season starts, both days can be found online: keep the lowest
 * {@code A} so far and, after it, the highest; a new minimum forgets the maximum found before it. The state is
 * five numbers whatever the season's length. Ties keep the first day (strict comparisons), as an arg-min over
 * the stored series would.
 *
 * <p>Days are numbered from 1, the first day of the simulated season.
 */
public final class CumulativeAnomaly {
    private final double mean;
    private final int firstDay;
    private final int lastDay;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private int minDay;
    private double max = Double.NEGATIVE_INFINITY;
    private int maxDay;

    /**
     * @param mean the climatological mean daily value {@code xbar}
     * @param window the days that are summed; others are ignored by {@link #accept}
     */
    public CumulativeAnomaly(double mean, AnalysisWindow window) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("climatological mean must be finite, found " + mean);
        }
        this.mean = mean;
        this.firstDay = window.firstDay();
        this.lastDay = window.lastDay();
    }

    /** The value of day {@code day} (1-based); days must come in order, days outside the window are ignored. */
    public void accept(int day, double value) {
        if (day < firstDay || day > lastDay) {
            return;
        }
        sum += value - mean;
        if (sum < min) {
            min = sum;
            minDay = day;
            max = Double.NEGATIVE_INFINITY;
            maxDay = 0;
        } else if (sum > max) {
            max = sum;
            maxDay = day;
        }
    }

    /** The day after the minimum of the cumulative anomaly, or NaN if the minimum is the window's last day. */
    public double onset() {
        if (minDay == 0 || minDay >= lastDay) {
            return Double.NaN;
        }
        return minDay + 1;
    }

    /** The day of the maximum after the minimum, or NaN where there is none. */
    public double cessation() {
        return maxDay == 0 || Double.isNaN(onset()) ? Double.NaN : maxDay;
    }

    /** Days from onset to cessation, both counted: {@code cessation - onset + 1}; NaN if either is missing. */
    public double length() {
        return cessation() - onset() + 1;
    }
}
