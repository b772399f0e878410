package org.emulens.benchmarks.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of the time one launch took (one call of the backend, or one chunk of the fused pipeline), from
 * an HdrHistogram with three significant digits.
 *
 * @param launchMembers member evaluations per launch (the last launch of a run may have fewer)
 * @param launches      launches recorded
 */
public record LaunchLatency(long launchMembers, long launches, long p50Nanos, long p90Nanos, long p99Nanos,
        long maxNanos) {

    /** A recorder for launches of up to an hour. */
    public static Histogram newHistogram() {
        return new Histogram(3_600_000_000_000L, 3);
    }

    public static LaunchLatency of(long launchMembers, Histogram h) {
        return new LaunchLatency(launchMembers, h.getTotalCount(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue());
    }

    /** "p50 9.61 ms, p90 10.1 ms, p99 12.0 ms, max 12.3 ms". */
    public String describe() {
        return "p50 " + time(p50Nanos) + ", p90 " + time(p90Nanos) + ", p99 " + time(p99Nanos) + ", max "
                + time(maxNanos);
    }

    static String time(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3g s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.3g ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3g us", nanos / 1e3);
    }
}
