package org.emulens.ensemble.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.emulens.engine.cpu.SimdSupport;
import org.junit.jupiter.api.Test;

/** The batched normals against the scalar contract {@link MemberDraws#normal}, bit for bit, on both paths. */
class MemberNormalsTest {
    private static final long[] SEEDS = {0L, -1L, 20161227L, Long.MIN_VALUE, 0x0123_4567_89ab_cdefL};
    private static final int[] STREAMS = {0, 1, 2, MemberDraws.STREAMS - 1};
    private static final int[] CELLS = {0, 7, 0xFFFF_FFFF, 0x8000_0000};
    // Runs that cross the 2^32 boundary of the member's low counter word, and the top of the long range.
    private static final long[] FIRST_MEMBERS = {0L, 1L, (1L << 32) - 5, Long.MAX_VALUE - 20, -9L};
    private static final int[] COUNTS = {1, 3, 8, 9, 16, 37};

    @Test
    void scalarPathMatchesMemberDraws() {
        everyCase(false);
    }

    @Test
    void vectorPathMatchesMemberDraws() {
        assumeTrue(SimdSupport.available(), "the Vector API is not available: " + SimdSupport.describe());
        everyCase(true);
    }

    /**
     * Every one of the 2^23 uniforms as {@code u1} (so every radius) and as {@code u2} (so every quadrant and
     * reduction of sin/cos), against the class comment of {@link MemberDraws} evaluated with the scalar
     * {@link PortableFloatMath}.
     */
    @Test
    void vectorBoxMullerMatchesOnEveryUniform() {
        assumeTrue(SimdSupport.available(), "the Vector API is not available: " + SimdSupport.describe());
        int count = 1 << 23;
        int[] every = new int[count];
        int[] fixed = new int[count];
        for (int k = 0; k < count; k++) {
            every[k] = (k << 9) | (k & 0x1FF); // the low 9 bits are ignored; vary them anyway
            fixed[k] = 0x9E3779B9 * (k + 1);
        }
        float[] cos = new float[count];
        float[] sin = new float[count];
        VectorNormals.pairs(every, fixed, cos, sin, count);
        compareWithScalar(every, fixed, cos, sin);
        VectorNormals.pairs(fixed, every, cos, sin, count);
        compareWithScalar(fixed, every, cos, sin);
    }

    private static void compareWithScalar(int[] first, int[] second, float[] cos, float[] sin) {
        for (int k = 0; k < first.length; k++) {
            float u1 = MemberDraws.uniformFromBits(first[k]);
            float u2 = MemberDraws.uniformFromBits(second[k]);
            float radius = (float) Math.sqrt(-2f * PortableFloatMath.log(u1));
            float expectedCos = radius * PortableFloatMath.cos2pi(u2);
            float expectedSin = radius * PortableFloatMath.sin2pi(u2);
            if (Float.floatToRawIntBits(expectedCos) != Float.floatToRawIntBits(cos[k])
                    || Float.floatToRawIntBits(expectedSin) != Float.floatToRawIntBits(sin[k])) {
                throw new AssertionError("u1 " + u1 + ", u2 " + u2 + ": expected (" + expectedCos + ", " + expectedSin
                        + "), found (" + cos[k] + ", " + sin[k] + ")");
            }
        }
    }

    @Test
    void manyRandomMembersMatchOnTheDefaultPath() {
        SplittableRandom r = new SplittableRandom(5);
        int count = 4096;
        int normals = 8;
        float[] dst = new float[normals * count];
        for (int trial = 0; trial < 8; trial++) {
            long seed = r.nextLong();
            int cell = r.nextInt();
            long first = r.nextLong();
            MemberNormals.fill(seed, ReservedStreams.INPUT_PERTURBATION, cell, first, count, normals, dst, 0, count);
            for (int m = 0; m < count; m++) {
                for (int i = 0; i < normals; i++) {
                    assertSameBits(MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, cell, first + m, i),
                            dst[i * count + m], seed, 0, cell, first + m, i);
                }
            }
        }
    }

    @Test
    void writesOnlyItsOwnSlots() {
        float[] dst = new float[3 + 5 * 20];
        java.util.Arrays.fill(dst, -42f);
        MemberNormals.fill(1L, 0, 2, 100L, 17, 5, dst, 3, 20);
        for (int at = 0; at < dst.length; at++) {
            int rel = at - 3;
            boolean mine = rel >= 0 && rel % 20 < 17;
            if (!mine) {
                assertEquals(-42f, dst[at], "slot " + at + " is outside the run and must be left alone");
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] dst = new float[64];
        assertThrows(IllegalArgumentException.class, () -> MemberNormals.fill(1, -1, 0, 0, 4, 2, dst, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> MemberNormals.fill(1, 0, 0, 0, 5, 2, dst, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> MemberNormals.fill(1, 0, 0, 0, 8, 9, dst, 0, 8));
    }

    private static void everyCase(boolean simd) {
        for (long seed : SEEDS) {
            for (int stream : STREAMS) {
                for (int cell : CELLS) {
                    for (long first : FIRST_MEMBERS) {
                        for (int count : COUNTS) {
                            int normals = 1 + (int) Math.floorMod(seed + stream + cell + first + count, 13L);
                            check(seed, stream, cell, first, count, normals, simd);
                        }
                    }
                }
            }
        }
    }

    private static void check(long seed, int stream, int cell, long first, int count, int normals, boolean simd) {
        int stride = count + 2;
        float[] dst = new float[1 + normals * stride];
        MemberNormals.fill(seed, stream, cell, first, count, normals, dst, 1, stride, simd);
        for (int m = 0; m < count; m++) {
            for (int i = 0; i < normals; i++) {
                assertSameBits(MemberDraws.normal(seed, stream, cell, first + m, i), dst[1 + i * stride + m], seed,
                        stream, cell, first + m, i);
            }
        }
    }

    private static void assertSameBits(float expected, float actual, long seed, int stream, int cell, long member,
                                       int index) {
        if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual)) {
            throw new AssertionError("normal(seed " + seed + ", stream " + stream + ", cell "
                    + Integer.toUnsignedString(cell) + ", member " + member + ", index " + index + "): expected "
                    + expected + ", found " + actual);
        }
    }
}
