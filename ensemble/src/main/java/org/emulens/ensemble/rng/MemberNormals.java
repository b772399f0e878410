package org.emulens.ensemble.rng;

import java.util.Objects;
import org.emulens.engine.cpu.SimdSupport;

/**
 * The first normals of a run of consecutive members at once: value {@code i} of member
 * {@code firstMember + m} is {@link MemberDraws#normal}{@code (seed, stream, cell, firstMember + m, i)}, bit
 * for bit, written feature-major ({@code dst[offset + i·stride + m]}). The layout is that of the draws: one
 * Philox block per four normals of a member, both words of a pair feeding one Box–Muller radius.
 *
 * <p>What it adds is speed: with the Vector API (see {@link SimdSupport}) each vector lane is a member, so
 * Philox, {@code log}, {@code sqrt} and {@code sin}/{@code cos} run on several members per instruction;
 * without it, or for the members left over after whole vectors, it calls {@link MemberDraws#fillNormals}
 * member by member.
 */
public final class MemberNormals {
    private static final boolean SIMD = SimdSupport.available() && vectorLanes() >= 4;
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[16]);

    private MemberNormals() {
    }

    /** "8 members per vector" or "scalar", for reports. */
    public static String describe() {
        return SIMD ? vectorLanes() + " members per vector" : "scalar";
    }

    /**
     * Writes normals {@code 0 .. normals − 1} of members {@code firstMember .. firstMember + count − 1} to
     * {@code dst[offset + i·stride + m]}, {@code m} the member's position in the run.
     *
     * @param stride at least {@code count}
     */
    public static void fill(long seed, int stream, int cell, long firstMember, int count, int normals, float[] dst,
                            int offset, int stride) {
        fill(seed, stream, cell, firstMember, count, normals, dst, offset, stride, SIMD);
    }

    /** {@link #fill} with the SIMD path on or off: tests compare both with {@link MemberDraws#normal}. */
    static void fill(long seed, int stream, int cell, long firstMember, int count, int normals, float[] dst,
                     int offset, int stride, boolean simd) {
        if (stream < 0 || stream >= MemberDraws.STREAMS) {
            throw new IllegalArgumentException(
                    "stream: expected 0 <= stream < " + MemberDraws.STREAMS + ", found " + stream);
        }
        if (normals < 0 || normals > MemberDraws.VALUES_PER_STREAM) {
            throw new IllegalArgumentException("normals: expected 0 <= normals <= " + MemberDraws.VALUES_PER_STREAM
                    + ", found " + normals);
        }
        if (count < 0 || stride < count) {
            throw new IllegalArgumentException("count and stride: expected 0 <= count <= stride, found count "
                    + count + ", stride " + stride);
        }
        if (count == 0 || normals == 0) {
            return;
        }
        Objects.checkFromIndexSize(offset, (long) (normals - 1) * stride + count > Integer.MAX_VALUE
                ? Integer.MAX_VALUE : (normals - 1) * stride + count, dst.length);
        int done = simd ? VectorNormals.fill(seed, stream, cell, firstMember, count, normals, dst, offset, stride) : 0;
        float[] row = ROW.get();
        if (row.length < normals) {
            row = new float[normals];
            ROW.set(row);
        }
        for (int m = done; m < count; m++) {
            MemberDraws.fillNormals(seed, stream, cell, firstMember + m, 0, row, 0, normals);
            for (int i = 0; i < normals; i++) {
                dst[offset + i * stride + m] = row[i];
            }
        }
    }

    private static int vectorLanes() {
        try {
            return VectorNormals.lanes();
        } catch (LinkageError e) {
            return 0;
        }
    }
}
