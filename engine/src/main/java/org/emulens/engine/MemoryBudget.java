package org.emulens.engine;

import java.util.Locale;

/**
 * How much memory work may still take, checked before the work starts, so that a study too big for the
 * machine stops at once with what it needs and how to make it smaller, rather than hours later with an
 * OutOfMemoryError. The estimate callers give is of their large arrays; the check keeps a quarter of
 * the room free for everything else.
 */
public final class MemoryBudget {
    private final long availableBytes;
    private final long maxBytes;
    /** Whether this budget is the live heap, which can be measured again after a collection. */
    private final boolean liveHeap;

    private MemoryBudget(long availableBytes, long maxBytes, boolean liveHeap) {
        this.availableBytes = availableBytes;
        this.maxBytes = maxBytes;
        this.liveHeap = liveHeap;
    }

    /** What this JVM can still allocate: its maximum heap less what is in use now. */
    public static MemoryBudget ofThisJvm() {
        Runtime rt = Runtime.getRuntime();
        return new MemoryBudget(rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()), rt.maxMemory(), true);
    }

    private static boolean fits(long bytes, long availableBytes) {
        return bytes >= 0 && bytes <= availableBytes / 4 * 3;
    }

    /** A budget of a given size, for tests and for callers that share the heap with other work. */
    public static MemoryBudget of(long availableBytes) {
        return new MemoryBudget(availableBytes, availableBytes, false);
    }

    public long availableBytes() {
        return availableBytes;
    }

    /**
     * Refuses work of about {@code bytes}.
     *
     * @param what the work, e.g. "study 'beta-africa': 12,800 cells x 5 time steps"
     * @param howToShrink what the user can do, e.g. "split the region or the period into several studies"
     * @throws MemoryLimitException saying how much is needed, how much there is, and how to chunk
     */
    public void require(String what, long bytes, String howToShrink) {
        if (!fits(bytes, availableBytes) && liveHeap) {
            // garbage not yet collected counted as in use: collect once and measure again before refusing
            System.gc();
            MemoryBudget.ofThisJvm().requireMeasured(what, bytes, howToShrink);
            return;
        }
        requireMeasured(what, bytes, howToShrink);
    }

    private void requireMeasured(String what, long bytes, String howToShrink) {
        if (!fits(bytes, availableBytes)) {
            throw new MemoryLimitException(String.format(Locale.ROOT, "%s needs about %s of memory, but only %s of "
                    + "the Java heap's %s is free; %s, or give Java more memory (EMULENS_JAVA_OPTS=-Xmx%s)", what,
                    mib(bytes), mib(availableBytes), mib(maxBytes), howToShrink, suggestedHeap(bytes)));
        }
    }

    /** Bytes of {@code count} values of {@code bytesEach} bytes, saturating instead of overflowing. */
    public static long bytes(long count, long bytesEach) {
        return count > Long.MAX_VALUE / Math.max(1, bytesEach) ? Long.MAX_VALUE : count * bytesEach;
    }

    private static String mib(long bytes) {
        if (bytes < 0 || bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        double m = bytes / (1024.0 * 1024.0);
        return m >= 10_240 ? String.format(Locale.ROOT, "%.1f GiB", m / 1024) : String.format(Locale.ROOT, "%.0f MiB",
                Math.max(1, m));
    }

    private String suggestedHeap(long bytes) {
        double needed = (double) bytes / 3 * 4 + (maxBytes - availableBytes);
        long gib = (long) Math.ceil(needed / (1L << 30));
        return Math.max(1, gib) + "g";
    }
}
