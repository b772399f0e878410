package org.emulens.kernels.internal;

/** Work-group sizes: powers of two, because the fused kernel's reduction tree halves the group each step. */
public final class WorkGroups {
    /** Largest group the kernels ask for: enough warps to hide latency, small enough to fit anywhere. */
    public static final int PREFERRED = 256;

    private WorkGroups() {
    }

    /** The largest power of two at most {@code min(deviceMax, PREFERRED)}. */
    public static int fromDevice(long deviceMax) {
        long cap = Math.min(deviceMax, PREFERRED);
        if (cap < 1) {
            throw new IllegalArgumentException("device work-group limit: expected at least 1, found " + deviceMax);
        }
        return Integer.highestOneBit((int) cap);
    }

    /**
     * The requested size, or the device's choice for 0.
     *
     * @throws IllegalArgumentException if the request exceeds what the kernel can run with
     */
    public static int choose(int requested, long deviceMax) {
        if (requested == 0) {
            return fromDevice(deviceMax);
        }
        if (requested > deviceMax) {
            throw new IllegalArgumentException("workGroupSize: expected at most " + deviceMax
                    + " (this kernel on this device), found " + requested);
        }
        return requested;
    }
}
