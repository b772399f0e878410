package org.emulens.ensemble.rng;

import java.util.Objects;

/**
 * The random numbers of one ensemble member, addressed by {@code (seed, stream, cell, member, index)}. This
 * is a contract shared with the GPU kernels: each function here is pure, so the value with a given address
 * is the same whichever backend, thread, chunking or order computes it.
 *
 * <h2>Counter layout</h2>
 * Value number {@code index} is word {@code index & 3} of the {@link Philox4x32} block with
 * <pre>
 *   key0 = seed bits 0..31          counter0 = member bits 0..31
 *   key1 = seed bits 32..63         counter1 = member bits 32..63
 *                                   counter2 = cell, unsigned 32 bits
 *                                   counter3 = (stream &lt;&lt; 20) | block,  block = index &gt;&gt;&gt; 2
 * </pre>
 * with {@code stream} in [0, {@value #STREAMS}) (see {@link ReservedStreams}) and {@code block} in
 * [0, 2^20), so each (seed, stream, cell, member) owns {@value #VALUES_PER_STREAM} words. Every field has
 * its own bits of the counter, so distinct addresses never share a block: no value is reused between
 * members, cells or streams.
 *
 * <h2>Uniforms</h2>
 * {@code uniform = ((word >>> 9) + 0.5f) * 0x1p-23f}: the midpoints of 2^23 equal cells of (0, 1). Every
 * step is exact in float, so the result is never 0 or 1 and is symmetric under u → 1 − u. (The 24-bit
 * version, {@code ((word >>> 8) + 0.5f) * 0x1p-24f}, is not exact: above 2^23 the half no longer fits,
 * and word 0xFFFFFFFF rounds to exactly 1.0f.)
 *
 * <h2>Normals</h2>
 * Normal number {@code n} uses block {@code n >>> 2}; {@code n & 3} in {0, 1} uses words (0, 1) and
 * {2, 3} uses words (2, 3). With {@code u1}, {@code u2} the uniforms of that pair,
 * {@code radius = sqrt(-2 * log(u1))}, even {@code n} gives {@code radius * cos2pi(u2)} and odd {@code n}
 * gives {@code radius * sin2pi(u2)} (Box–Muller), with {@code log}, {@code sin2pi} and {@code cos2pi} from
 * {@link PortableFloatMath} so that the bits are reproducible in C. Each deviate is within
 * {@value #NORMAL_MAX_ULP} ulp of Box–Muller evaluated exactly on the same two uniforms (error budget: log
 * 0.86 ulp, halved by the square root, plus its rounding, sin/cos 1.74 ulp and the final product). Because {@code u1 >= 2^-24}, every
 * deviate satisfies {@code |z| <= sqrt(48 ln 2) ≈ 5.77}; a standard normal exceeds that with probability
 * 8e-9, a truncation far below what an ensemble of millions can resolve.
 */
public final class MemberDraws {
    /** Number of stream ids: the 12 bits of counter word 3 above the block number. */
    public static final int STREAMS = 1 << 12;
    /** Number of Philox blocks per (seed, stream, cell, member): the low 20 bits of counter word 3. */
    public static final int BLOCKS_PER_STREAM = 1 << 20;
    /** Number of addressable uniforms, and likewise normals, per (seed, stream, cell, member). */
    public static final int VALUES_PER_STREAM = 4 * BLOCKS_PER_STREAM;
    /** Error bound of {@link #normal} relative to exact Box–Muller on the same uniforms, in ulps. */
    public static final double NORMAL_MAX_ULP = 6.4;

    // Java cannot return four words without an object; one scratch block per thread keeps every method
    // here allocation-free after the first call on a thread.
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[4]);

    private MemberDraws() {
    }

    /** The raw 32-bit word number {@code index}, as an int holding an unsigned value. */
    public static int uniformBits(long seed, int stream, int cell, long member, int index) {
        checkStream(stream);
        checkIndex(index);
        int[] words = SCRATCH.get();
        block(seed, stream, cell, member, index >>> 2, words);
        return words[index & 3];
    }

    /** Uniform number {@code index} in (0, 1): {@link #uniformFromBits} of {@link #uniformBits}. */
    public static float uniform(long seed, int stream, int cell, long member, int index) {
        return uniformFromBits(uniformBits(seed, stream, cell, member, index));
    }

    /** Standard normal number {@code index}, by Box–Muller on a word pair as described in the class. */
    public static float normal(long seed, int stream, int cell, long member, int index) {
        checkStream(stream);
        checkIndex(index);
        int[] words = SCRATCH.get();
        block(seed, stream, cell, member, index >>> 2, words);
        int first = index & 2;
        float radius = boxMullerRadius(words[first]);
        float u2 = uniformFromBits(words[first + 1]);
        if ((index & 1) == 0) {
            return radius * PortableFloatMath.cos2pi(u2);
        }
        return radius * PortableFloatMath.sin2pi(u2);
    }

    /**
     * Writes uniforms {@code firstIndex .. firstIndex + count - 1} to {@code destination[offset ..]}, each
     * bit-identical to {@link #uniform}. Allocates nothing.
     */
    public static void fillUniforms(long seed, int stream, int cell, long member, int firstIndex,
                                    float[] destination, int offset, int count) {
        checkFill(stream, firstIndex, destination, offset, count);
        int[] words = SCRATCH.get();
        int index = firstIndex;
        int end = firstIndex + count;
        int out = offset;
        while (index < end) {
            block(seed, stream, cell, member, index >>> 2, words);
            int blockEnd = Math.min((index | 3) + 1, end);
            for (; index < blockEnd; index++) {
                destination[out] = uniformFromBits(words[index & 3]);
                out++;
            }
        }
    }

    /**
     * Writes normals {@code firstIndex .. firstIndex + count - 1} to {@code destination[offset ..]}, each
     * bit-identical to {@link #normal}; a pair sharing a radius computes it once. Allocates nothing.
     */
    public static void fillNormals(long seed, int stream, int cell, long member, int firstIndex,
                                   float[] destination, int offset, int count) {
        checkFill(stream, firstIndex, destination, offset, count);
        int[] words = SCRATCH.get();
        int index = firstIndex;
        int end = firstIndex + count;
        int out = offset;
        while (index < end) {
            block(seed, stream, cell, member, index >>> 2, words);
            int blockEnd = Math.min((index | 3) + 1, end);
            while (index < blockEnd) {
                int first = index & 2;
                float radius = boxMullerRadius(words[first]);
                float u2 = uniformFromBits(words[first + 1]);
                if ((index & 1) == 0) {
                    destination[out] = radius * PortableFloatMath.cos2pi(u2);
                    out++;
                    index++;
                    if (index == blockEnd) {
                        break;
                    }
                }
                destination[out] = radius * PortableFloatMath.sin2pi(u2);
                out++;
                index++;
            }
        }
    }

    /**
     * Maps a 32-bit word to (0, 1) using its top 23 bits: {@code ((word >>> 9) + 0.5f) * 0x1p-23f}. The
     * result is one of the 2^23 values {@code (k + ½) / 2^23}, from 2^-24 to 1 − 2^-24, each exact.
     */
    public static float uniformFromBits(int word) {
        int top23 = word >>> 9;
        float cell = (float) top23;
        float midpoint = cell + 0.5f;
        return midpoint * 0x1p-23f;
    }

    /**
     * {@code sqrt(-2 log(u1))}. Java has no float square root; rounding the double square root of a float
     * to float gives the correctly rounded float square root (double rounding is innocuous for sqrt when
     * the wider format has at least 2p + 2 bits: Figueroa, SIGNUM 1995), i.e. C's {@code sqrtf}.
     */
    private static float boxMullerRadius(int word) {
        float u1 = uniformFromBits(word);
        float logU1 = PortableFloatMath.log(u1);
        float minusTwoLog = -2f * logU1;
        return (float) Math.sqrt(minusTwoLog);
    }

    private static void block(long seed, int stream, int cell, long member, int block, int[] words) {
        int key0 = (int) seed;
        int key1 = (int) (seed >>> 32);
        int counter0 = (int) member;
        int counter1 = (int) (member >>> 32);
        int counter3 = (stream << 20) | block;
        Philox4x32.block(counter0, counter1, cell, counter3, key0, key1, words, 0);
    }

    private static void checkStream(int stream) {
        if (stream < 0 || stream >= STREAMS) {
            throw new IllegalArgumentException(
                    "stream: expected 0 <= stream < " + STREAMS + ", found " + stream);
        }
    }

    private static void checkIndex(int index) {
        if (index < 0 || index >= VALUES_PER_STREAM) {
            throw new IllegalArgumentException(
                    "index: expected 0 <= index < " + VALUES_PER_STREAM + ", found " + index);
        }
    }

    private static void checkFill(int stream, int firstIndex, float[] destination, int offset, int count) {
        checkStream(stream);
        checkIndex(firstIndex);
        if (count < 0 || count > VALUES_PER_STREAM - firstIndex) {
            throw new IllegalArgumentException("count: expected 0 <= firstIndex + count <= " + VALUES_PER_STREAM
                    + " with firstIndex " + firstIndex + ", found count " + count);
        }
        Objects.checkFromIndexSize(offset, count, destination.length);
    }
}
