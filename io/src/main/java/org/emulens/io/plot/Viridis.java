package org.emulens.io.plot;

/**
 * The viridis colour map (van der Walt and Smith, matplotlib's default): perceptually uniform, readable
 * in greyscale and by the colour-blind, so equal steps of a value look like equal steps of colour.
 * Seventeen stops sampled from matplotlib 3.6, linearly interpolated between.
 */
final class Viridis {
    private static final int[] STOPS = {
        0x440154, 0x48186A, 0x472D7B, 0x424086, 0x3B528B, 0x33638D, 0x2C728E, 0x26828E, 0x21918C,
        0x1FA088, 0x28AE80, 0x3FBC73, 0x5EC962, 0x84D44B, 0xADDC30, 0xD8E219, 0xFDE725,
    };

    private Viridis() {
    }

    /** The RGB colour at {@code f} in 0..1 (clamped). */
    static int rgb(double f) {
        double x = Math.max(0, Math.min(1, f)) * (STOPS.length - 1);
        int k = Math.min(STOPS.length - 2, (int) Math.floor(x));
        double t = x - k;
        int a = STOPS[k];
        int b = STOPS[k + 1];
        return mix(a >> 16, b >> 16, t) << 16 | mix(a >> 8, b >> 8, t) << 8 | mix(a, b, t);
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
    }
}
