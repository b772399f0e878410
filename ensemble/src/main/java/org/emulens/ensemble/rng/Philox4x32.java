package org.emulens.ensemble.rng;

/**
 * The Philox4x32-10 block function of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as
 * 1, 2, 3" (SC'11), exactly as defined by the Random123 library: a keyed bijection from a 128-bit counter to
 * 128 pseudo-random bits.
 *
 * <p>It is a pure function rather than a generator object because every ensemble value is addressed by its
 * counter (see {@link MemberDraws}): a GPU thread, a CPU thread and a test can each compute any value without
 * sharing state, and must get the same bits. All arithmetic is on unsigned 32-bit words held in Java
 * {@code int}s; the only wider operation is the 32×32→64-bit product, whose halves C obtains with
 * {@code (uint64_t)a * b} or {@code __umulhi}/{@code mul_hi}.
 */
public final class Philox4x32 {
    /** Round multiplier applied to word 0. */
    public static final int M0 = 0xD2511F53;
    /** Round multiplier applied to word 2. */
    public static final int M1 = 0xCD9E8D57;
    /** Weyl increment of key word 0 between rounds (golden ratio). */
    public static final int W0 = 0x9E3779B9;
    /** Weyl increment of key word 1 between rounds (sqrt(3) - 1). */
    public static final int W1 = 0xBB67AE85;
    /** Ten rounds: the Random123 default, with a wide safety margin over the 7 that pass BigCrush. */
    public static final int ROUNDS = 10;

    private static final long LOW_32 = 0xFFFF_FFFFL;

    private Philox4x32() {
    }

    /**
     * Encrypts the counter {@code (c0, c1, c2, c3)} under the key {@code (k0, k1)} and writes the four
     * output words to {@code out[offset] .. out[offset + 3]}. Allocates nothing.
     *
     * <p>Each round is {@code (c0, c1, c2, c3) <- (hi(M1·c2) ^ c1 ^ k0, lo(M1·c2), hi(M0·c0) ^ c3 ^ k1,
     * lo(M0·c0))}; the key is bumped by {@code (W0, W1)} before every round but the first.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int offset) {
        int x0 = c0;
        int x1 = c1;
        int x2 = c2;
        int x3 = c3;
        int key0 = k0;
        int key1 = k1;
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                key0 = key0 + W0;
                key1 = key1 + W1;
            }
            long product0 = (M0 & LOW_32) * (x0 & LOW_32);
            long product1 = (M1 & LOW_32) * (x2 & LOW_32);
            int hi0 = (int) (product0 >>> 32);
            int lo0 = (int) product0;
            int hi1 = (int) (product1 >>> 32);
            int lo1 = (int) product1;
            x0 = hi1 ^ x1 ^ key0;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ key1;
            x3 = lo0;
        }
        out[offset] = x0;
        out[offset + 1] = x1;
        out[offset + 2] = x2;
        out[offset + 3] = x3;
    }
}
