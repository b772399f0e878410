package org.emulens.ensemble.rng;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MemberNormals} with one member per vector lane, with the JDK's Vector API. Each lane runs exactly the
 * operations of {@link Philox4x32#block}, {@link MemberDraws#uniformFromBits}, {@link PortableFloatMath#log},
 * {@link PortableFloatMath#sin2pi} and {@link PortableFloatMath#cos2pi} in the same order (separate multiplies
 * and adds, never a fused multiply-add; IEEE division and square root), or integer steps proven to give the
 * same values, so the bits are those of {@link MemberDraws#normal}:
 * <ul>
 *   <li>everything stays in int and float lanes of one shape, because conversions between shapes are not
 *       compiled to vector instructions by every JDK: the high half of Philox's 32×32→64-bit product is
 *       assembled from four 16×16-bit products, and small integers go to float and back through the bits of
 *       {@code 2^23 + n} or {@code 1.5·2^23 + n} (exact for {@code |n| < 2^22});</li>
 *   <li>the argument checks of the scalar functions are left out because a uniform is always a normal float
 *       in (0, 1): {@code log} never sees 0, a negative, a subnormal or a non-finite value, and
 *       {@code sin2pi}/{@code cos2pi} never see a value outside [0, 1];</li>
 *   <li>the quadrant {@code (int)(8u) + 1 >> 1} is {@code floor(4u + ½)}, i.e. 4u rounded to the nearest
 *       integer (never a tie: {@code 4u = (2k + 1) / 2^22} is never a half-integer), which the
 *       {@code 1.5·2^23} shift computes exactly;</li>
 *   <li>the quadrant {@code switch} becomes a select between the sine and cosine polynomials and a flip of
 *       the sign bit, which is what negation does in the scalar code.</li>
 * </ul>
 * Only loaded when the {@code jdk.incubator.vector} module is present; see {@link MemberNormals}.
 */
final class VectorNormals {
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final int N = IS.length();
    private static final int M0_HI = Philox4x32.M0 >>> 16;
    private static final int M0_LO = Philox4x32.M0 & 0xFFFF;
    private static final int M1_HI = Philox4x32.M1 >>> 16;
    private static final int M1_LO = Philox4x32.M1 & 0xFFFF;
    /** Bits of 2^23: adding a non-negative n < 2^23 to them gives the bits of 2^23 + n. */
    private static final int TWO_23_BITS = 0x4B000000;
    /** 1.5·2^23 and its bits: {@code 1.5·2^23 + n} for {@code |n| < 2^22} has bits {@code ROUND_BITS + n}. */
    private static final float ROUND_SHIFT = 0x1.8p23f;
    private static final int ROUND_BITS = 0x4B400000;

    private VectorNormals() {
    }

    /** Members per vector: the int lanes of the preferred shape. */
    static int lanes() {
        return N;
    }

    /**
     * Normals {@code 0 .. normals − 1} of members {@code firstMember + m}, {@code m} in
     * {@code [0, count − count % lanes())}, to {@code dst[offset + i·stride + m]}; returns how many members
     * it did (the rest are the caller's). A vector whose members do not share the high 32 bits of their
     * number is also left to the caller, which happens once every 2^32 members.
     */
    static int fill(long seed, int stream, int cell, long firstMember, int count, int normals, float[] dst,
                    int offset, int stride) {
        int done = count - count % N;
        if (done == 0 || normals == 0) {
            return 0;
        }
        if (((firstMember + done - 1) >>> 32) != (firstMember >>> 32)) {
            return 0;
        }
        int[] key0 = new int[Philox4x32.ROUNDS];
        int[] key1 = new int[Philox4x32.ROUNDS];
        key0[0] = (int) seed;
        key1[0] = (int) (seed >>> 32);
        for (int round = 1; round < Philox4x32.ROUNDS; round++) {
            key0[round] = key0[round - 1] + Philox4x32.W0;
            key1[round] = key1[round - 1] + Philox4x32.W1;
        }
        int[] words = new int[4 * N];
        IntVector lane = IntVector.zero(IS).addIndex(1);
        IntVector high = IntVector.broadcast(IS, (int) (firstMember >>> 32));
        IntVector cellWord = IntVector.broadcast(IS, cell);
        int blocks = (normals + 3) >>> 2;
        for (int m = 0; m < done; m += N) {
            IntVector low = lane.add((int) (firstMember + m));
            for (int b = 0; b < blocks; b++) {
                IntVector x0 = low;
                IntVector x1 = high;
                IntVector x2 = cellWord;
                IntVector x3 = IntVector.broadcast(IS, (stream << 20) | b);
                for (int round = 0; round < Philox4x32.ROUNDS; round++) {
                    IntVector hi0 = mulHi(x0, M0_HI, M0_LO);
                    IntVector lo0 = x0.mul(Philox4x32.M0);
                    IntVector hi1 = mulHi(x2, M1_HI, M1_LO);
                    IntVector lo1 = x2.mul(Philox4x32.M1);
                    x0 = hi1.lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.XOR, key0[round]);
                    x1 = lo1;
                    x2 = hi0.lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.XOR, key1[round]);
                    x3 = lo0;
                }
                x0.intoArray(words, 0);
                x1.intoArray(words, N);
                x2.intoArray(words, 2 * N);
                x3.intoArray(words, 3 * N);
                int first = 4 * b;
                int at = offset + m + first * stride;
                boxMuller(words, 0, dst, at, stride, normals - first);
                if (normals - first > 2) {
                    boxMuller(words, 2 * N, dst, at + 2 * stride, stride, normals - first - 2);
                }
            }
        }
        return done;
    }

    /**
     * The high 32 bits of the unsigned product {@code x · m}, {@code m = mHi·2^16 + mLo}: with
     * {@code x = xh·2^16 + xl}, {@code x·m = hh·2^32 + (hl + lh)·2^16 + ll}, every partial product below 2^32.
     */
    private static IntVector mulHi(IntVector x, int mHi, int mLo) {
        IntVector xl = x.and(0xFFFF);
        IntVector xh = x.lanewise(VectorOperators.LSHR, 16);
        IntVector ll = xl.mul(mLo);
        IntVector lh = xl.mul(mHi);
        IntVector hl = xh.mul(mLo);
        IntVector hh = xh.mul(mHi);
        IntVector middle = ll.lanewise(VectorOperators.LSHR, 16).add(lh.and(0xFFFF)).add(hl.and(0xFFFF));
        return hh.add(lh.lanewise(VectorOperators.LSHR, 16)).add(hl.lanewise(VectorOperators.LSHR, 16))
                .add(middle.lanewise(VectorOperators.LSHR, 16));
    }

    /**
     * The cosine normal (and the sine normal if {@code wanted > 1}) of the word pair at {@code words[pair ..]}
     * and {@code words[pair + N ..]}, as MemberDraws computes them. One method without vector-valued calls on
     * purpose: a vector that crosses a call the JIT does not inline is boxed on the heap, which costs more
     * than the arithmetic.
     */
    private static void boxMuller(int[] words, int pair, float[] dst, int at, int stride, int wanted) {
        IntVector w1 = IntVector.fromArray(IS, words, pair);
        IntVector w2 = IntVector.fromArray(IS, words, pair + N);

        // Uniforms (MemberDraws.uniformFromBits): (float) (word >>> 9) is (2^23 + (word >>> 9)) − 2^23.
        FloatVector u1 = w1.lanewise(VectorOperators.LSHR, 9).or(TWO_23_BITS).reinterpretAsFloats().sub(0x1p23f)
                .add(0.5f).mul(0x1p-23f);
        FloatVector u2 = w2.lanewise(VectorOperators.LSHR, 9).or(TWO_23_BITS).reinterpretAsFloats().sub(0x1p23f)
                .add(0.5f).mul(0x1p-23f);

        // radius = sqrt(-2 log(u1)), log as PortableFloatMath.log for a normal float in (0, 1).
        IntVector bits = u1.reinterpretAsInts();
        IntVector biased = bits.lanewise(VectorOperators.LSHR, 23);
        IntVector mantissaBits = bits.and(0x007fffff).or(0x3f800000);
        VectorMask<Integer> above = mantissaBits.compare(VectorOperators.GT, PortableFloatMath.SQRT2_BITS);
        mantissaBits = mantissaBits.blend(mantissaBits.sub(0x00800000), above);
        biased = biased.blend(biased.add(1), above);
        // k = biased − 127 in [−24, 1], as a float through the bits of 1.5·2^23 + k.
        FloatVector kf = biased.add(ROUND_BITS - 127).reinterpretAsFloats().sub(ROUND_SHIFT);
        FloatVector f = mantissaBits.reinterpretAsFloats().sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector poly = z.mul(PortableFloatMath.LOG_C4);
        poly = poly.add(PortableFloatMath.LOG_C3);
        poly = poly.mul(z);
        poly = poly.add(PortableFloatMath.LOG_C2);
        poly = poly.mul(z);
        poly = poly.add(PortableFloatMath.LOG_C1);
        poly = poly.mul(z);
        FloatVector hfsq = f.mul(0.5f).mul(f);
        FloatVector correction = s.mul(hfsq.add(poly));
        correction = correction.add(kf.mul(PortableFloatMath.LN2_LO));
        FloatVector logM = f.sub(hfsq.sub(correction));
        FloatVector log = kf.mul(PortableFloatMath.LN2_HI).add(logM);
        FloatVector radius = log.mul(-2f).lanewise(VectorOperators.SQRT);

        // 2πu2 = quadrant·π/2 + r·π/2 with r = 4u2 − quadrant exact (PortableFloatMath.quadrantOffset).
        FloatVector fourU = u2.mul(4f);
        FloatVector shifted = fourU.add(ROUND_SHIFT);
        IntVector quadrant = shifted.reinterpretAsInts().sub(ROUND_BITS);
        FloatVector r = fourU.sub(shifted.sub(ROUND_SHIFT));
        FloatVector r2 = r.mul(r);
        FloatVector sinP = r2.mul(PortableFloatMath.SIN_S9);
        sinP = sinP.add(PortableFloatMath.SIN_S7);
        sinP = sinP.mul(r2);
        sinP = sinP.add(PortableFloatMath.SIN_S5);
        sinP = sinP.mul(r2);
        sinP = sinP.add(PortableFloatMath.SIN_S3);
        sinP = sinP.mul(r2);
        sinP = sinP.add(PortableFloatMath.SIN_S1);
        IntVector sinBits = r.mul(sinP).reinterpretAsInts();
        FloatVector cosP = r2.mul(PortableFloatMath.COS_C10);
        cosP = cosP.add(PortableFloatMath.COS_C8);
        cosP = cosP.mul(r2);
        cosP = cosP.add(PortableFloatMath.COS_C6);
        cosP = cosP.mul(r2);
        cosP = cosP.add(PortableFloatMath.COS_C4);
        cosP = cosP.mul(r2);
        cosP = cosP.add(PortableFloatMath.COS_C2);
        cosP = cosP.mul(r2);
        IntVector cosBits = cosP.add(1f).reinterpretAsInts();
        // All ones where the quadrant is odd: there sin and cos of 2πu2 swap polynomials.
        IntVector odd = quadrant.and(1).neg();
        IntVector even = odd.not();

        // cos 2πu: quadrant 0 → cos, 1 → −sin, 2 → −cos, 3 → sin (4 ≡ 0): the sign is bit 1 of quadrant + 1.
        IntVector cosSign = quadrant.add(1).and(2).lanewise(VectorOperators.LSHL, 30);
        IntVector cos2pi = sinBits.and(odd).or(cosBits.and(even)).lanewise(VectorOperators.XOR, cosSign);
        radius.mul(cos2pi.reinterpretAsFloats()).intoArray(dst, at);
        if (wanted > 1) {
            // sin 2πu: quadrant 0 → sin, 1 → cos, 2 → −sin, 3 → −cos: the sign is bit 1 of quadrant.
            IntVector sinSign = quadrant.and(2).lanewise(VectorOperators.LSHL, 30);
            IntVector sin2pi = cosBits.and(odd).or(sinBits.and(even)).lanewise(VectorOperators.XOR, sinSign);
            radius.mul(sin2pi.reinterpretAsFloats()).intoArray(dst, at + stride);
        }
    }

    /**
     * {@code cos[i]} and {@code sin[i]}: the even and odd normals of word pair {@code (first[i], second[i])},
     * {@code i < count}, a multiple of {@link #lanes()}. For tests that run every uniform through the vector
     * Box–Muller.
     */
    static void pairs(int[] first, int[] second, float[] cos, float[] sin, int count) {
        int[] words = new int[4 * N];
        float[] out = new float[2 * N];
        for (int i = 0; i < count; i += N) {
            System.arraycopy(first, i, words, 0, N);
            System.arraycopy(second, i, words, N, N);
            boxMuller(words, 0, out, 0, N, 2);
            System.arraycopy(out, 0, cos, i, N);
            System.arraycopy(out, N, sin, i, N);
        }
    }
}
