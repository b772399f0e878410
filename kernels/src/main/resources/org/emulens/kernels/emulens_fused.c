/*
 * Emulens fused ensemble kernels, one source for OpenCL C 1.2 and CUDA (emulens_portability.h maps the
 * differences). Three entry points share every stage:
 *
 *   emu_forward_rows      plain forward pass of given input rows (Backend.compile -> evaluate);
 *   emu_fused_statistics  draws -> perturbation -> forward pass -> per-cell statistics, reduced per
 *                         work-group and written per (cell, group); members never leave the device;
 *   emu_fused_members     the same pipeline writing each member's perturbed inputs and outputs (DEBUG).
 *
 * Bit-exactness: the random draws and the perturbation are transcriptions of the Java contract in
 * org.emulens.ensemble.rng (Philox4x32, MemberDraws, PortableFloatMath) and org.emulens.ensemble.uncertainty
 * (MemberPerturber, TruncatedGaussian, PortableNormalCdf), one operation per line, so they reproduce it bit
 * for bit under the build flags in emulens_portability.h. The forward pass starts from the bias and
 * adds the products in ascending input order, each with one fused multiply-add (EMU_FMAF, Java's
 * Math.fma), as the CPU reference does; with identity, ReLU and FAST tanh it is bit-identical to it. EXACT tanh uses the platform tanhf and sigmoid, softplus and
 * ELU use the platform expf/log1pf/expm1f in float, which may differ from Java's double-then-round by an
 * ulp or two.
 *
 * Layouts shared with the host (org.emulens.kernels.internal.PackedModel and StatisticsLayout) are the
 * EMU_DESC_* and EMU_PARTIAL_* constants below; change both sides together.
 */
#include "emulens_portability.h"

/* ------------------------------------------------------------------------------------------------ */
/* Limits, checked by the host before any launch.                                                   */
/* ------------------------------------------------------------------------------------------------ */

/* Widest layer (inputs included); each work-item keeps two activation vectors of this size. */
#define EMU_MAX_WIDTH 256
/* Outputs whose statistics one work-item accumulates in private memory. */
#define EMU_MAX_STAT_OUTPUTS 16

/* ------------------------------------------------------------------------------------------------ */
/* Model descriptor: ints, written by PackedModel.java.                                             */
/* ------------------------------------------------------------------------------------------------ */

#define EMU_DESC_LAYERS 0     /* number of dense layers */
#define EMU_DESC_INPUTS 1     /* model inputs d; params[0, d) input offsets, params[d, 2d) input scales */
#define EMU_DESC_OUTPUTS 2    /* model outputs k */
#define EMU_DESC_OUT_SCALE 3  /* params offset of the k output scales */
#define EMU_DESC_OUT_OFFSET 4 /* params offset of the k output offsets */
#define EMU_DESC_FAMILY 5     /* EMU_FAMILY_* of emulens_trees.c; 0 for an MLP */
#define EMU_DESC_TREES 6      /* trees: desc offset of the tree header (emulens_trees.c) */
#define EMU_DESC_HEADER 8
/* Per layer, from EMU_DESC_HEADER on: */
#define EMU_LAYER_IN 0
#define EMU_LAYER_OUT 1
#define EMU_LAYER_ACTIVATION 2 /* EMU_ACT_* */
#define EMU_LAYER_WEIGHTS 3    /* params offset of the row-major [out][in] weights */
#define EMU_LAYER_BIAS 4       /* params offset of the out biases */
#define EMU_LAYER_ALPHA 5      /* ELU alpha as float bits */
#define EMU_LAYER_FIELDS 6

#define EMU_ACT_IDENTITY 0
#define EMU_ACT_TANH 1
#define EMU_ACT_RELU 2
#define EMU_ACT_SIGMOID 3
#define EMU_ACT_SOFTPLUS 4
#define EMU_ACT_ELU 5

/* Perturbation kinds per input, written by CellPerturbation.java; the shapes of the ensemble module's
 * MemberPerturber (org.emulens.ensemble.uncertainty) with a random error component only. */
#define EMU_PERTURB_NONE 0               /* no uncertainty model: the nominal, bit for bit */
#define EMU_PERTURB_GAUSSIAN 1           /* Gaussian: x + e */
#define EMU_PERTURB_TRUNCATED_GAUSSIAN 2 /* TruncatedGaussian: rejection within [lower, upper], then a fallback */
/* TruncatedGaussian.MAX_REJECTION_ATTEMPTS; attempt 32 drives the fallback. */
#define EMU_TRUNCATED_ATTEMPTS 32

/* Per (cell, group, output) partials. Floats: */
#define EMU_PARTIAL_MEAN 0
#define EMU_PARTIAL_M2 1
#define EMU_PARTIAL_MIN 2
#define EMU_PARTIAL_MAX 3
#define EMU_PARTIAL_FLOATS 4
/* Counts (uint): count, NaN count, then the histogram slots (underflow, bins, overflow), then the
 * exceedance counts. */
#define EMU_PARTIAL_COUNT 0
#define EMU_PARTIAL_NANS 1
#define EMU_PARTIAL_COUNTERS 2

/* org.emulens.ensemble.rng.ReservedStreams.INPUT_PERTURBATION */
#define EMU_STREAM_INPUT_PERTURBATION 0u

/* ------------------------------------------------------------------------------------------------ */
/* Java's Math.min / Math.max on floats: NaN wins and -0 < +0. Used wherever the reference uses them, */
/* so that clamps, ReLU and min/max statistics agree on every bit.                                   */
/* ------------------------------------------------------------------------------------------------ */

EMU_FN float emu_jmax(float a, float b) {
    if (a != a) {
        return a;
    }
    if (b != b) {
        return b;
    }
    if (a == 0.0f && b == 0.0f) {
        return EMU_AS_FLOAT(EMU_AS_INT(a) & EMU_AS_INT(b));
    }
    return a >= b ? a : b;
}

EMU_FN float emu_jmin(float a, float b) {
    if (a != a) {
        return a;
    }
    if (b != b) {
        return b;
    }
    if (a == 0.0f && b == 0.0f) {
        return EMU_AS_FLOAT(EMU_AS_INT(a) | EMU_AS_INT(b));
    }
    return a <= b ? a : b;
}

/* ------------------------------------------------------------------------------------------------ */
/* Philox4x32-10 (org.emulens.ensemble.rng.Philox4x32).                                              */
/* ------------------------------------------------------------------------------------------------ */

#define EMU_PHILOX_M0 0xD2511F53u
#define EMU_PHILOX_M1 0xCD9E8D57u
#define EMU_PHILOX_W0 0x9E3779B9u
#define EMU_PHILOX_W1 0xBB67AE85u

typedef struct {
    emu_u32 w[4];
} emu_block;

EMU_FN emu_block emu_philox(emu_u32 c0, emu_u32 c1, emu_u32 c2, emu_u32 c3, emu_u32 k0, emu_u32 k1) {
    emu_u32 x0 = c0;
    emu_u32 x1 = c1;
    emu_u32 x2 = c2;
    emu_u32 x3 = c3;
    emu_u32 key0 = k0;
    emu_u32 key1 = k1;
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            key0 = key0 + EMU_PHILOX_W0;
            key1 = key1 + EMU_PHILOX_W1;
        }
        emu_u32 hi0 = EMU_MULHI(EMU_PHILOX_M0, x0);
        emu_u32 lo0 = EMU_PHILOX_M0 * x0;
        emu_u32 hi1 = EMU_MULHI(EMU_PHILOX_M1, x2);
        emu_u32 lo1 = EMU_PHILOX_M1 * x2;
        x0 = hi1 ^ x1 ^ key0;
        x1 = lo1;
        x2 = hi0 ^ x3 ^ key1;
        x3 = lo0;
    }
    emu_block out;
    out.w[0] = x0;
    out.w[1] = x1;
    out.w[2] = x2;
    out.w[3] = x3;
    return out;
}

/* The address of a member's draws: MemberDraws' counter layout without the stream and block. */
typedef struct {
    emu_u32 key0;   /* seed bits 0..31 */
    emu_u32 key1;   /* seed bits 32..63 */
    emu_u32 member0; /* member bits 0..31 */
    emu_u32 member1; /* member bits 32..63 */
    emu_u32 cell;
} emu_draw_address;

EMU_FN emu_block emu_draw_block(emu_draw_address a, emu_u32 stream, emu_u32 block) {
    return emu_philox(a.member0, a.member1, a.cell, (stream << 20) | block, a.key0, a.key1);
}

/* MemberDraws.uniformFromBits: ((word >>> 9) + 0.5f) * 2^-23, every step exact. */
EMU_FN float emu_uniform_from_bits(emu_u32 word) {
    emu_u32 top23 = word >> 9;
    float cell = (float) top23;
    float midpoint = cell + 0.5f;
    return midpoint * 0x1p-23f;
}

/* ------------------------------------------------------------------------------------------------ */
/* PortableFloatMath, transcribed line by line.                                                     */
/* ------------------------------------------------------------------------------------------------ */

#define EMU_LN2_HI 0x1.62e4p-1f
#define EMU_LN2_LO 0x1.7f7d1cp-20f
#define EMU_LOG_C1 0x1.555556p-1f
#define EMU_LOG_C2 0x1.99999ap-2f
#define EMU_LOG_C3 0x1.24924ap-2f
#define EMU_LOG_C4 0x1.c71c72p-3f
#define EMU_SQRT2_BITS 0x3fb504f3

#define EMU_SIN_S1 0x1.921fb6p+0f
#define EMU_SIN_S3 -0x1.4abbcep-1f
#define EMU_SIN_S5 0x1.466bc6p-4f
#define EMU_SIN_S7 -0x1.32d2ccp-8f
#define EMU_SIN_S9 0x1.507834p-13f
#define EMU_COS_C2 -0x1.3bd3ccp+0f
#define EMU_COS_C4 0x1.03c1f0p-2f
#define EMU_COS_C6 -0x1.55d3c8p-6f
#define EMU_COS_C8 0x1.e1f506p-11f
#define EMU_COS_C10 -0x1.a6d1f2p-16f

#define EMU_NAN EMU_AS_FLOAT(0x7fc00000)
#define EMU_NEG_INF EMU_AS_FLOAT(0xff800000)

EMU_FN float emu_log(float x) {
    int bits = EMU_AS_INT(x);
    if (bits <= 0 || bits >= 0x7f800000) {
        if (x == 0.0f) {
            return EMU_NEG_INF;
        }
        if (x < 0.0f) {
            return EMU_NAN;
        }
        return x; /* +inf or NaN */
    }
    int k = 0;
    if (bits < 0x00800000) {
        float scaled = x * 0x1p23f;
        bits = EMU_AS_INT(scaled);
        k = -23;
    }
    k = k + ((int) (((emu_u32) bits) >> 23) - 127);
    int mantissa_bits = (bits & 0x007fffff) | 0x3f800000;
    if (mantissa_bits > EMU_SQRT2_BITS) {
        mantissa_bits = mantissa_bits - 0x00800000;
        k = k + 1;
    }
    float m = EMU_AS_FLOAT(mantissa_bits);
    float f = m - 1.0f;
    float two_plus_f = 2.0f + f;
    float s = f / two_plus_f;
    float z = s * s;
    float r = EMU_LOG_C4 * z;
    r = EMU_LOG_C3 + r;
    r = r * z;
    r = EMU_LOG_C2 + r;
    r = r * z;
    r = EMU_LOG_C1 + r;
    r = r * z;
    float half_f = 0.5f * f;
    float hfsq = half_f * f;
    float kf = (float) k;
    float correction = hfsq + r;
    correction = s * correction;
    float k_lo = kf * EMU_LN2_LO;
    correction = correction + k_lo;
    float log_m = hfsq - correction;
    log_m = f - log_m;
    float k_hi = kf * EMU_LN2_HI;
    return k_hi + log_m;
}

EMU_FN float emu_sin_half_pi(float r) {
    float z = r * r;
    float p = EMU_SIN_S9 * z;
    p = EMU_SIN_S7 + p;
    p = p * z;
    p = EMU_SIN_S5 + p;
    p = p * z;
    p = EMU_SIN_S3 + p;
    p = p * z;
    p = EMU_SIN_S1 + p;
    return r * p;
}

EMU_FN float emu_cos_half_pi(float r) {
    float z = r * r;
    float p = EMU_COS_C10 * z;
    p = EMU_COS_C8 + p;
    p = p * z;
    p = EMU_COS_C6 + p;
    p = p * z;
    p = EMU_COS_C4 + p;
    p = p * z;
    p = EMU_COS_C2 + p;
    p = p * z;
    return 1.0f + p;
}

/* Quadrant q in 0..4 nearest 4u, from the octant so that the reduction is exact. */
EMU_FN int emu_nearest_quadrant(float u) {
    float eight_u = u * 8.0f;
    int octant = (int) eight_u;
    return (octant + 1) >> 1;
}

EMU_FN float emu_quadrant_offset(float u, int quadrant) {
    float four_u = u * 4.0f;
    float q = (float) quadrant;
    return four_u - q;
}

EMU_FN float emu_sin2pi(float u) {
    if (!(u >= 0.0f && u <= 1.0f)) {
        return EMU_NAN;
    }
    int quadrant = emu_nearest_quadrant(u);
    float r = emu_quadrant_offset(u, quadrant);
    switch (quadrant & 3) {
        case 0:
            return emu_sin_half_pi(r);
        case 1:
            return emu_cos_half_pi(r);
        case 2:
            return -emu_sin_half_pi(r);
        default:
            return -emu_cos_half_pi(r);
    }
}

EMU_FN float emu_cos2pi(float u) {
    if (!(u >= 0.0f && u <= 1.0f)) {
        return EMU_NAN;
    }
    int quadrant = emu_nearest_quadrant(u);
    float r = emu_quadrant_offset(u, quadrant);
    switch (quadrant & 3) {
        case 0:
            return emu_cos_half_pi(r);
        case 1:
            return -emu_sin_half_pi(r);
        case 2:
            return -emu_cos_half_pi(r);
        default:
            return emu_sin_half_pi(r);
    }
}

#define EMU_INV_LN2 0x1.715476p+0f
#define EMU_ROUND_SHIFT 0x1.8p23f
#define EMU_EXP_ARG_MAX 89.0f
#define EMU_EXP_ARG_MIN -104.0f
#define EMU_EXP_E2 0.5f
#define EMU_EXP_E3 0x1.555556p-3f
#define EMU_EXP_E4 0x1.555556p-5f
#define EMU_EXP_E5 0x1.111112p-7f
#define EMU_EXP_E6 0x1.6c16c2p-10f
#define EMU_EXP_E7 0x1.a01a02p-13f

/* PortableFloatMath.exp (branch ensemble-uncertainty). Rounds k with the 1.5 * 2^23 shift, which only
 * non-reassociating compilation keeps: no fast-math, ever. */
EMU_FN float emu_exp(float x) {
    if (x != x) {
        return x;
    }
    if (x > EMU_EXP_ARG_MAX) {
        return EMU_AS_FLOAT(0x7f800000);
    }
    if (x < EMU_EXP_ARG_MIN) {
        return 0.0f;
    }
    float t = x * EMU_INV_LN2;
    float shifted = t + EMU_ROUND_SHIFT;
    float kf = shifted - EMU_ROUND_SHIFT;
    int k = (int) kf;
    float k_hi = kf * EMU_LN2_HI;
    float hi = x - k_hi;
    float lo = kf * EMU_LN2_LO;
    float r = hi - lo;
    float p = EMU_EXP_E7 * r;
    p = EMU_EXP_E6 + p;
    p = p * r;
    p = EMU_EXP_E5 + p;
    p = p * r;
    p = EMU_EXP_E4 + p;
    p = p * r;
    p = EMU_EXP_E3 + p;
    p = p * r;
    p = EMU_EXP_E2 + p;
    float r2 = r * r;
    float q = r2 * p;
    float sum = lo - q;
    sum = hi - sum;
    float m = 1.0f + sum;
    int k1 = k >> 1;
    int k2 = k - k1;
    float scale1 = EMU_AS_FLOAT((k1 + 127) << 23);
    float scale2 = EMU_AS_FLOAT((k2 + 127) << 23);
    float exact = m * scale1;
    return exact * scale2;
}

/* PortableNormalCdf.cdf (branch ensemble-uncertainty): Abramowitz and Stegun 7.1.26 in float. */
#define EMU_CDF_P_OVER_SQRT2 0x1.da671p-3f
#define EMU_CDF_A1 0x1.04f20cp-2f
#define EMU_CDF_A2 -0x1.23531cp-2f
#define EMU_CDF_A3 0x1.6be1c6p+0f
#define EMU_CDF_A4 -0x1.7401c6p+0f
#define EMU_CDF_A5 0x1.0fb844p+0f

EMU_FN float emu_normal_cdf(float z) {
    float a = z < 0.0f ? -z : z;
    float pa = EMU_CDF_P_OVER_SQRT2 * a;
    float denominator = 1.0f + pa;
    float t = 1.0f / denominator;
    float poly = EMU_CDF_A5 * t;
    poly = EMU_CDF_A4 + poly;
    poly = poly * t;
    poly = EMU_CDF_A3 + poly;
    poly = poly * t;
    poly = EMU_CDF_A2 + poly;
    poly = poly * t;
    poly = EMU_CDF_A1 + poly;
    poly = poly * t;
    float z2 = z * z;
    float exponent = -0.5f * z2;
    float gauss = emu_exp(exponent);
    float half_poly = 0.5f * poly;
    float tail = half_poly * gauss;
    if (z < 0.0f) {
        return tail;
    }
    return 1.0f - tail;
}

/* ------------------------------------------------------------------------------------------------ */
/* Normals (MemberDraws.fillNormals): normal n uses block n >> 2, words (0, 1) for n & 3 in {0, 1} and */
/* words (2, 3) for {2, 3}; even n is radius * cos2pi(u2), odd n radius * sin2pi(u2).                  */
/* ------------------------------------------------------------------------------------------------ */

/* MemberDraws.boxMullerRadius: sqrt(-2 log(u1)), sqrt correctly rounded. */
EMU_FN float emu_box_muller_radius(emu_u32 word) {
    float u1 = emu_uniform_from_bits(word);
    float log_u1 = emu_log(u1);
    float minus_two_log = -2.0f * log_u1;
    return EMU_SQRTF(minus_two_log);
}

/* Normal number `index` of `stream` (MemberDraws.normal). */
EMU_FN float emu_normal(emu_draw_address a, emu_u32 stream, emu_u32 index) {
    emu_block b = emu_draw_block(a, stream, index >> 2);
    emu_u32 first = index & 2u;
    float radius = emu_box_muller_radius(b.w[first]);
    float u2 = emu_uniform_from_bits(b.w[first + 1u]);
    if ((index & 1u) == 0u) {
        return radius * emu_cos2pi(u2);
    }
    return radius * emu_sin2pi(u2);
}

/* Normals 0 .. count-1 of `stream`, each bit-identical to MemberDraws.normal: one Philox block per four
 * normals and one radius per pair, as MemberDraws.fillNormals. */
EMU_FN void emu_normals(emu_draw_address a, emu_u32 stream, int count, float* out) {
    for (int n = 0; n < count; n += 4) {
        emu_block b = emu_draw_block(a, stream, (emu_u32) n >> 2);
        for (int pair = 0; pair < 2 && n + 2 * pair < count; pair++) {
            float radius = emu_box_muller_radius(b.w[2 * pair]);
            float u2 = emu_uniform_from_bits(b.w[2 * pair + 1]);
            out[n + 2 * pair] = radius * emu_cos2pi(u2);
            if (n + 2 * pair + 1 < count) {
                out[n + 2 * pair + 1] = radius * emu_sin2pi(u2);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Perturbation: MemberPerturber (org.emulens.ensemble.uncertainty) for inputs with a random error    */
/* component only, uncorrelated between inputs. The extension points, in the order MemberPerturber     */
/* documents them: emu_total_error adds the correlated and systematic components (streams 2 and 1) and */
/* Cholesky rows; emu_perturb_input gains a case per error shape (lognormal, uniform, empirical).      */
/* ------------------------------------------------------------------------------------------------ */

/*
 * AttemptErrorDraws.error(attempt): e = 0; if sd_r > 0: e = e + sd_r * z_r, with z_r the Cholesky row of an
 * uncorrelated input, (slot, 1): z_r = 0 + 1 * normal(INPUT_PERTURBATION, cell, member, slot + attempt * slots).
 * Attempt 0's normal (index = slot) is drawn beforehand with the other slots' and passed in as z0.
 */
EMU_FN float emu_total_error(emu_draw_address a, int slot, int slots, int attempt, float sd_random, float z0) {
    float e = 0.0f;
    if (sd_random > 0.0f) {
        float z = attempt == 0 ? z0
                               : emu_normal(a, EMU_STREAM_INPUT_PERTURBATION,
                                            (emu_u32) slot + (emu_u32) attempt * (emu_u32) slots);
        float sum = 0.0f;
        float weighted = 1.0f * z;
        sum = sum + weighted;
        float term = sd_random * sum;
        e = e + term;
    }
    return e;
}

/* TruncatedGaussian.unperturbed: the nominal clamped into [lower, upper]. */
EMU_FN float emu_clamp_bounds(float x, float lower, float upper) {
    if (x < lower) {
        return lower;
    }
    if (x > upper) {
        return upper;
    }
    return x;
}

/* MemberPerturber.perturbInput for one slot. */
EMU_FN float emu_perturb_input(emu_draw_address a, int slot, int slots, int kind, float nominal, float sd_random,
                               float lower, float upper, float z0) {
    if (kind == EMU_PERTURB_NONE) {
        return nominal;
    }
    float x = nominal;
    if (x != x) {
        return nominal; /* a fill value stays a fill value */
    }
    /* CellUncertainty.sigma: sqrt((sd_r^2 + sd_c^2) + sd_s^2); with sd_c = sd_s = 0 the additions of +0
     * leave the non-negative square unchanged. */
    float variance = sd_random * sd_random;
    float sigma = EMU_SQRTF(variance);
    if (kind == EMU_PERTURB_TRUNCATED_GAUSSIAN) {
        x = emu_clamp_bounds(x, lower, upper);
        if (sigma == 0.0f) {
            return x;
        }
        for (int attempt = 0; attempt < EMU_TRUNCATED_ATTEMPTS; attempt++) {
            float e = emu_total_error(a, slot, slots, attempt, sd_random, z0);
            float y = x + e;
            if (y >= lower && y <= upper) {
                return y;
            }
        }
        float e = emu_total_error(a, slot, slots, EMU_TRUNCATED_ATTEMPTS, sd_random, z0);
        float w = e / sigma;
        float u = emu_normal_cdf(w);
        float width = upper - lower;
        float offset = width * u;
        float y = lower + offset;
        if (y > upper) {
            return upper;
        }
        return y;
    }
    /* EMU_PERTURB_GAUSSIAN */
    if (sigma == 0.0f) {
        return x;
    }
    float e = emu_total_error(a, slot, slots, 0, sd_random, z0);
    return x + e;
}

/* A member's inputs: `bounds` holds each input's (lower, upper), used by the truncated Gaussian. */
EMU_FN void emu_perturb_member(emu_draw_address a, int d, EMU_GLOBAL const int* kinds,
                               EMU_GLOBAL const float* bounds, EMU_GLOBAL const float* nominal,
                               EMU_GLOBAL const float* sd, float* x) {
    /* Attempt 0 of every slot: normals 0 .. d-1, drawn together. */
    emu_normals(a, EMU_STREAM_INPUT_PERTURBATION, d, x);
    for (int i = 0; i < d; i++) {
        x[i] = emu_perturb_input(a, i, d, kinds[i], nominal[i], sd[i], bounds[2 * i], bounds[2 * i + 1], x[i]);
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Forward pass (org.emulens.engine.Emulator): z0 = (x - inOffset) / inScale; z = act(W z + b);       */
/* y = z * outScale + outOffset.                                                                      */
/* ------------------------------------------------------------------------------------------------ */

/* FastTanh: same coefficients (hex of the Java float constants), same evaluation order, same clamps. */
#define EMU_FAST_SQUARE_CLAMP 0x1.44p6f /* 81 = 9^2 */
#define EMU_FAST_P0 0x1.fffffep-1f
#define EMU_FAST_P1 0x1.129146p-3f
#define EMU_FAST_P2 0x1.ce2c66p-9f
#define EMU_FAST_P3 0x1.623fcep-16f
#define EMU_FAST_P4 0x1.e3209ep-27f
#define EMU_FAST_Q1 0x1.de9de8p-2f
#define EMU_FAST_Q2 0x1.a9dd9cp-6f
#define EMU_FAST_Q3 0x1.5dc64ap-12f
#define EMU_FAST_Q4 0x1.b0f63p-21f

EMU_FN float emu_fast_tanh(float x) {
    float s = emu_jmin(x * x, EMU_FAST_SQUARE_CLAMP);
    float p = EMU_FMAF(EMU_FMAF(EMU_FMAF(EMU_FMAF(EMU_FAST_P4, s, EMU_FAST_P3), s, EMU_FAST_P2), s, EMU_FAST_P1), s,
                       EMU_FAST_P0);
    float q = EMU_FMAF(EMU_FMAF(EMU_FMAF(EMU_FMAF(EMU_FAST_Q4, s, EMU_FAST_Q3), s, EMU_FAST_Q2), s, EMU_FAST_Q1), s,
                       1.0f);
    float r = x * p / q;
    return emu_jmax(-1.0f, emu_jmin(1.0f, r));
}

EMU_FN float emu_activate(int kind, float alpha, int tanh_fast, float v) {
    switch (kind) {
        case EMU_ACT_TANH:
            return tanh_fast ? emu_fast_tanh(v) : EMU_TANHF(v);
        case EMU_ACT_RELU:
            return emu_jmax(v, 0.0f);
        case EMU_ACT_SIGMOID:
            return 1.0f / (1.0f + EMU_EXPF(-v));
        case EMU_ACT_SOFTPLUS:
            /* log(1 + e^v) without overflow for large v nor loss of digits for very negative v */
            return emu_jmax(v, 0.0f) + EMU_LOG1PF(EMU_EXPF(-EMU_FABSF(v)));
        case EMU_ACT_ELU:
            return v > 0.0f ? v : alpha * EMU_EXPM1F(v);
        default: /* EMU_ACT_IDENTITY */
            return v;
    }
}

#include "emulens_trees.c"

/* Evaluates one member whose inputs are in a[0 .. d); returns the buffer (a or b) holding its k outputs. */
EMU_FN float* emu_forward(EMU_PSPACE const float* p, EMU_PSPACE const int* desc, int tanh_fast, float* a,
                          float* b) {
    if (desc[EMU_DESC_FAMILY] == EMU_FAMILY_TREES) {
        return emu_forward_trees(p, desc, desc[EMU_DESC_TREES], desc[EMU_DESC_OUTPUTS], a, b);
    }
    int d = desc[EMU_DESC_INPUTS];
    for (int i = 0; i < d; i++) {
        a[i] = (a[i] - p[i]) / p[d + i];
    }
    float* cur = a;
    float* next = b;
    int layers = desc[EMU_DESC_LAYERS];
    for (int l = 0; l < layers; l++) {
        EMU_PSPACE const int* layer = desc + EMU_DESC_HEADER + l * EMU_LAYER_FIELDS;
        int in = layer[EMU_LAYER_IN];
        int out = layer[EMU_LAYER_OUT];
        int kind = layer[EMU_LAYER_ACTIVATION];
        float alpha = EMU_AS_FLOAT(layer[EMU_LAYER_ALPHA]);
        EMU_PSPACE const float* w = p + layer[EMU_LAYER_WEIGHTS];
        EMU_PSPACE const float* bias = p + layer[EMU_LAYER_BIAS];
        for (int j = 0; j < out; j++) {
            EMU_PSPACE const float* row = w + j * in;
            float acc = bias[j];
            for (int i = 0; i < in; i++) {
                acc = EMU_FMAF(row[i], cur[i], acc);
            }
            next[j] = emu_activate(kind, alpha, tanh_fast, acc);
        }
        float* t = cur;
        cur = next;
        next = t;
    }
    int k = desc[EMU_DESC_OUTPUTS];
    EMU_PSPACE const float* out_scale = p + desc[EMU_DESC_OUT_SCALE];
    EMU_PSPACE const float* out_offset = p + desc[EMU_DESC_OUT_OFFSET];
    for (int j = 0; j < k; j++) {
        float scaled = cur[j] * out_scale[j];
        cur[j] = scaled + out_offset[j];
    }
    return cur;
}

/* CUDA only: copies the weights to shared memory at `staged` when the host asks for it (they fit), so
 * that the broadcast reads of a warp hit shared memory; OpenCL chose __constant or __global at build time.
 * Every work-item must call it: it contains a barrier. */
#if defined(EMU_CUDA)
#define EMU_STAGE_PARAMS(p, global_params, staged, count, stage)                                          \
    const float* p = (global_params);                                                                 \
    if (stage) {                                                                                      \
        for (int emu_i = (int) EMU_LOCAL_ID(); emu_i < (count); emu_i += (int) EMU_LOCAL_SIZE()) {      \
            (staged)[emu_i] = (global_params)[emu_i];                                                 \
        }                                                                                             \
        p = (staged);                                                                                 \
    }                                                                                                 \
    EMU_BARRIER()
#else
#define EMU_STAGE_PARAMS(p, global_params, staged, count, stage) EMU_PSPACE const float* p = (global_params)
#endif

/* ------------------------------------------------------------------------------------------------ */
/* Statistics: Welford per work-item in member order, then Chan's merge in a fixed tree.              */
/* ------------------------------------------------------------------------------------------------ */

EMU_FN void emu_welford(float y, float* n, float* mean, float* m2) {
    float count = *n + 1.0f;
    float delta = y - *mean;
    float step = delta / count;
    float updated = *mean + step;
    float residual = y - updated;
    *m2 = *m2 + delta * residual;
    *mean = updated;
    *n = count;
}

/* Merges (nb, mean_b, m2_b) into (na, mean_a, m2_a), the formula of MergeableMoments.combine. */
EMU_FN void emu_chan_merge(float* na, float* mean_a, float* m2_a, float nb, float mean_b, float m2_b) {
    if (nb == 0.0f) {
        return;
    }
    if (*na == 0.0f) {
        *na = nb;
        *mean_a = mean_b;
        *m2_a = m2_b;
        return;
    }
    float n = *na + nb;
    float delta = mean_b - *mean_a;
    float weight_b = nb / n;
    float cross = *na * weight_b;
    float spread = delta * delta;
    *m2_a = *m2_a + m2_b + spread * cross;
    *mean_a = *mean_a + delta * weight_b;
    *na = n;
}

/* Number of sorted edges that are <= v: the histogram slot (0 underflow, bins + 1 overflow). The host
 * chose the float edges so that this equals FixedBinHistogram's double-precision binning exactly. */
EMU_FN int emu_histogram_slot(EMU_GLOBAL const float* edges, int count, float v) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
        int mid = (lo + hi) >> 1;
        if (edges[mid] <= v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* ------------------------------------------------------------------------------------------------ */
/* Kernels                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

/* One work-item per row: y[row] = model(x[row]). */
EMU_KERNEL void emu_forward_rows(EMU_PSPACE const float* params, EMU_PSPACE const int* desc, int param_count,
                                 int stage_params, int tanh_fast, EMU_GLOBAL const float* x, EMU_GLOBAL float* y,
                                 emu_u32 rows EMU_SCRATCH_PARAM) {
    EMU_SCRATCH_DECL
    EMU_STAGE_PARAMS(p, params, (EMU_LOCAL float*) emu_scratch, param_count, stage_params);
    emu_u64 row = EMU_GLOBAL_ID();
    if (row >= (emu_u64) rows) {
        return;
    }
    int d = desc[EMU_DESC_INPUTS];
    int k = desc[EMU_DESC_OUTPUTS];
    float a[EMU_MAX_WIDTH];
    float b[EMU_MAX_WIDTH];
    for (int i = 0; i < d; i++) {
        a[i] = x[row * (emu_u64) d + (emu_u64) i];
    }
    float* out = emu_forward(p, desc, tanh_fast, a, b);
    for (int j = 0; j < k; j++) {
        y[row * (emu_u64) k + (emu_u64) j] = out[j];
    }
}

EMU_FN emu_draw_address emu_address(emu_u32 seed_lo, emu_u32 seed_hi, emu_u32 cell, emu_u64 member) {
    emu_draw_address a;
    a.key0 = seed_lo;
    a.key1 = seed_hi;
    a.member0 = (emu_u32) member;
    a.member1 = (emu_u32) (member >> 32);
    a.cell = cell;
    return a;
}

/* DEBUG: one work-item per (cell, member) of the launch; writes the perturbed inputs and the outputs,
 * row-major [cell][member][d] and [cell][member][k]. */
EMU_KERNEL void emu_fused_members(EMU_PSPACE const float* params, EMU_PSPACE const int* desc, int param_count,
                                  int stage_params, int tanh_fast, emu_u32 seed_lo, emu_u32 seed_hi,
                                  EMU_GLOBAL const emu_u32* cell_ids, EMU_GLOBAL const int* kinds,
                                  EMU_GLOBAL const float* bounds, EMU_GLOBAL const float* nominal,
                                  EMU_GLOBAL const float* sd, emu_u32 cell_base, emu_u32 cells,
                                  emu_u64 first_member, emu_u32 members, EMU_GLOBAL float* x_out,
                                  EMU_GLOBAL float* y_out EMU_SCRATCH_PARAM) {
    EMU_SCRATCH_DECL
    EMU_STAGE_PARAMS(p, params, (EMU_LOCAL float*) emu_scratch, param_count, stage_params);
    emu_u64 item = EMU_GLOBAL_ID();
    if (item >= (emu_u64) cells * (emu_u64) members) {
        return;
    }
    emu_u32 slot = (emu_u32) (item / (emu_u64) members);
    emu_u64 member = first_member + item % (emu_u64) members;
    emu_u32 cell = cell_base + slot;
    int d = desc[EMU_DESC_INPUTS];
    int k = desc[EMU_DESC_OUTPUTS];
    float a[EMU_MAX_WIDTH];
    float b[EMU_MAX_WIDTH];
    emu_draw_address address = emu_address(seed_lo, seed_hi, cell_ids[cell], member);
    emu_perturb_member(address, d, kinds, bounds, nominal + (emu_u64) cell * (emu_u64) d,
                       sd + (emu_u64) cell * (emu_u64) d, a);
    for (int i = 0; i < d; i++) {
        x_out[item * (emu_u64) d + (emu_u64) i] = a[i];
    }
    float* out = emu_forward(p, desc, tanh_fast, a, b);
    for (int j = 0; j < k; j++) {
        y_out[item * (emu_u64) k + (emu_u64) j] = out[j];
    }
}

/*
 * The fused pass. The launch has `cells * groups_per_cell` work-groups; group g serves cell
 * cell_base + g / groups_per_cell and member block first_group + g % groups_per_cell, i.e. members
 * [first_member + block * L * members_per_item, ... + L * members_per_item) (L = work-group size) below
 * end_member. Work-item t takes members start + t + i * L for i = 0, 1, ... in that order. Welford per
 * work-item, then a pairwise tree (t with t + s, s = L/2, L/4, ..., 1) that is the same in every run, so the
 * partial of a member block has the same bits whichever launch computes it. Histogram and exceedance
 * counts are integer atomics in local memory: their order cannot change a sum.
 *
 * Scratch (uint words): [6][L] reduction lanes, then k * (hist_slots + thresholds) counters, then (CUDA,
 * stage_params) the weights.
 */
EMU_KERNEL void emu_fused_statistics(EMU_PSPACE const float* params, EMU_PSPACE const int* desc, int param_count,
                                     int stage_params, int tanh_fast, emu_u32 seed_lo, emu_u32 seed_hi,
                                     EMU_GLOBAL const emu_u32* cell_ids, EMU_GLOBAL const int* kinds,
                                     EMU_GLOBAL const float* bounds, EMU_GLOBAL const float* nominal,
                                     EMU_GLOBAL const float* sd, emu_u32 cell_base,
                                     emu_u64 first_member, emu_u64 end_member, emu_u32 first_group,
                                     emu_u32 groups_per_cell, emu_u32 members_per_item,
                                     EMU_GLOBAL const float* hist_edges, int hist_bins,
                                     EMU_GLOBAL const float* exceed_edges, int thresholds,
                                     EMU_GLOBAL float* float_partials,
                                     EMU_GLOBAL emu_u32* count_partials EMU_SCRATCH_PARAM) {
    EMU_SCRATCH_DECL
    const emu_u32 lid = EMU_LOCAL_ID();
    const emu_u32 size = EMU_LOCAL_SIZE();
    const int d = desc[EMU_DESC_INPUTS];
    const int k = desc[EMU_DESC_OUTPUTS];
    const int hist_slots = hist_bins > 0 ? hist_bins + 2 : 0;
    const int counters_per_output = hist_slots + thresholds;
    EMU_LOCAL emu_u32* lane_count = emu_scratch;
    EMU_LOCAL emu_u32* lane_nans = emu_scratch + size;
    EMU_LOCAL float* lane_mean = (EMU_LOCAL float*) (emu_scratch + 2u * size);
    EMU_LOCAL float* lane_m2 = (EMU_LOCAL float*) (emu_scratch + 3u * size);
    EMU_LOCAL float* lane_min = (EMU_LOCAL float*) (emu_scratch + 4u * size);
    EMU_LOCAL float* lane_max = (EMU_LOCAL float*) (emu_scratch + 5u * size);
    EMU_LOCAL emu_u32* counters = emu_scratch + 6u * size;
    for (int i = (int) lid; i < k * counters_per_output; i += (int) size) {
        counters[i] = 0u;
    }
    EMU_STAGE_PARAMS(p, params, (EMU_LOCAL float*) (counters + k * counters_per_output), param_count,
                     stage_params);
    EMU_BARRIER();

    const emu_u32 group = EMU_GROUP_ID();
    const emu_u32 slot = group / groups_per_cell;
    const emu_u32 block = first_group + group % groups_per_cell;
    const emu_u32 cell = cell_base + slot;
    const emu_u64 per_group = (emu_u64) size * (emu_u64) members_per_item;
    const emu_u64 start = first_member + (emu_u64) block * per_group;
    EMU_GLOBAL const float* cell_nominal = nominal + (emu_u64) cell * (emu_u64) d;
    EMU_GLOBAL const float* cell_sd = sd + (emu_u64) cell * (emu_u64) d;

    float n[EMU_MAX_STAT_OUTPUTS];
    emu_u32 nans[EMU_MAX_STAT_OUTPUTS];
    float mean[EMU_MAX_STAT_OUTPUTS];
    float m2[EMU_MAX_STAT_OUTPUTS];
    float lo[EMU_MAX_STAT_OUTPUTS];
    float hi[EMU_MAX_STAT_OUTPUTS];
    for (int j = 0; j < k; j++) {
        n[j] = 0.0f;
        nans[j] = 0u;
        mean[j] = 0.0f;
        m2[j] = 0.0f;
        lo[j] = EMU_AS_FLOAT(0x7f800000);
        hi[j] = EMU_NEG_INF;
    }
    float a[EMU_MAX_WIDTH];
    float b[EMU_MAX_WIDTH];
    for (emu_u32 i = 0; i < members_per_item; i++) {
        emu_u64 member = start + (emu_u64) lid + (emu_u64) i * (emu_u64) size;
        if (member >= end_member) {
            break;
        }
        emu_perturb_member(emu_address(seed_lo, seed_hi, cell_ids[cell], member), d, kinds, bounds, cell_nominal,
                           cell_sd, a);
        float* y = emu_forward(p, desc, tanh_fast, a, b);
        for (int j = 0; j < k; j++) {
            float v = y[j];
            if (v != v) {
                nans[j] = nans[j] + 1u;
                continue;
            }
            emu_welford(v, &n[j], &mean[j], &m2[j]);
            lo[j] = emu_jmin(lo[j], v);
            hi[j] = emu_jmax(hi[j], v);
            EMU_LOCAL emu_u32* c = counters + j * counters_per_output;
            if (hist_slots > 0) {
                EMU_LOCAL_INC(c + emu_histogram_slot(hist_edges, hist_bins + 1, v));
            }
            for (int t = 0; t < thresholds; t++) {
                if (v >= exceed_edges[t]) {
                    EMU_LOCAL_INC(c + hist_slots + t);
                }
            }
        }
    }

    const emu_u64 partial = (emu_u64) slot * (emu_u64) groups_per_cell + (emu_u64) (group % groups_per_cell);
    for (int j = 0; j < k; j++) {
        lane_count[lid] = (emu_u32) n[j];
        lane_nans[lid] = nans[j];
        lane_mean[lid] = mean[j];
        lane_m2[lid] = m2[j];
        lane_min[lid] = lo[j];
        lane_max[lid] = hi[j];
        EMU_BARRIER();
        for (emu_u32 stride = size >> 1; stride > 0u; stride >>= 1) {
            if (lid < stride) {
                emu_u32 other = lid + stride;
                float na = (float) lane_count[lid];
                float ma = lane_mean[lid];
                float qa = lane_m2[lid];
                emu_chan_merge(&na, &ma, &qa, (float) lane_count[other], lane_mean[other], lane_m2[other]);
                lane_count[lid] = (emu_u32) na;
                lane_nans[lid] = lane_nans[lid] + lane_nans[other];
                lane_mean[lid] = ma;
                lane_m2[lid] = qa;
                lane_min[lid] = emu_jmin(lane_min[lid], lane_min[other]);
                lane_max[lid] = emu_jmax(lane_max[lid], lane_max[other]);
            }
            EMU_BARRIER();
        }
        if (lid == 0u) {
            emu_u64 out = (partial * (emu_u64) k + (emu_u64) j);
            EMU_GLOBAL float* f = float_partials + out * EMU_PARTIAL_FLOATS;
            f[EMU_PARTIAL_MEAN] = lane_mean[0];
            f[EMU_PARTIAL_M2] = lane_m2[0];
            f[EMU_PARTIAL_MIN] = lane_min[0];
            f[EMU_PARTIAL_MAX] = lane_max[0];
            EMU_GLOBAL emu_u32* c = count_partials + out * (emu_u64) (EMU_PARTIAL_COUNTERS + counters_per_output);
            c[EMU_PARTIAL_COUNT] = lane_count[0];
            c[EMU_PARTIAL_NANS] = lane_nans[0];
        }
        EMU_BARRIER();
    }
    for (int i = (int) lid; i < k * counters_per_output; i += (int) size) {
        int j = i / counters_per_output;
        int s = i % counters_per_output;
        emu_u64 out = (partial * (emu_u64) k + (emu_u64) j);
        count_partials[out * (emu_u64) (EMU_PARTIAL_COUNTERS + counters_per_output) + EMU_PARTIAL_COUNTERS + s] =
            counters[i];
    }
}
