package org.emulens.kernels.tornado.internal;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The TornadoVM kernels: Java methods that TornadoVM compiles to OpenCL C. They compute what the C kernels of
 * {@code emulens_fused.c} compute, with the same float operations in the same order, written with what
 * TornadoVM's OpenCL backend compiles: no objects, no private arrays (a member's activations live in a global
 * scratch slice per work-item), and no reading or building of a float's bits ({@code Float.floatToRawIntBits}
 * and {@code Float.intBitsToFloat} do not compile). Where {@code PortableFloatMath} uses bits, the same values
 * come from integer arithmetic: the logarithm of a uniform from the integer the uniform is made of
 * ({@link #logOfUniform}), the exponential's powers of two by repeated squaring ({@link #exp}). So the
 * draws are {@code MemberDraws.normal}'s bit for bit, provided TornadoVM does not fuse multiply-adds
 * ({@code DevicePlan} turns that off).
 *
 * <p>Model layout: {@code PackedModel}'s parameters and descriptor, with the ELU alphas in their own array.
 * Control words (a {@link LongArray}, uploaded before every launch, because TornadoVM fixes scalar arguments
 * when the task graph is built) are the {@code C_*} constants.
 */
public final class FusedKernels {
    /** The run's seed. */
    public static final int C_SEED = 0;
    /** The member of work-item 0's first member in this launch. */
    public static final int C_FIRST_MEMBER = 1;
    /** One past the last member of the run. */
    public static final int C_END_MEMBER = 2;
    /** Work-items that do work in this launch (the rest return at once). */
    public static final int C_ACTIVE_ITEMS = 3;
    /** Work-items per cell in a launch of the fused pass: item i works for cell slot i / this. */
    public static final int C_ITEMS_PER_CELL = 4;
    /** Consecutive members per work-item. */
    public static final int C_MEMBERS_PER_ITEM = 5;
    /** Histogram bins (0: none). */
    public static final int C_HISTOGRAM_BINS = 6;
    /** Exceedance thresholds. */
    public static final int C_THRESHOLDS = 7;
    /** 1 for {@code TanhMode.FAST}. */
    public static final int C_TANH_FAST = 8;
    /** The widest layer, the stride of the scratch slices. */
    public static final int C_MAX_WIDTH = 9;
    /** Number of control words. */
    public static final int CONTROL_WORDS = 10;

    /** Floats per (item, output) partial: mean, M2, min, max. */
    public static final int PARTIAL_FLOATS = 4;
    /** Leading ints per (item, output) partial: count, NaN count; then histogram slots and exceedances. */
    public static final int PARTIAL_FIXED_COUNTERS = 2;

    private static final int DESC_HEADER = 8;
    private static final int DESC_LAYER_FIELDS = 6;

    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    /** {@code TruncatedGaussian}'s rejection attempts before its fallback. */
    static final int TRUNCATED_ATTEMPTS = 32;

    // PortableFloatMath's constants (package-private there), the same floats.
    private static final float LN2_HI = 0x1.62e4p-1f;
    private static final float LN2_LO = 0x1.7f7d1cp-20f;
    private static final float LOG_C1 = 0x1.555556p-1f;
    private static final float LOG_C2 = 0x1.99999ap-2f;
    private static final float LOG_C3 = 0x1.24924ap-2f;
    private static final float LOG_C4 = 0x1.c71c72p-3f;
    /** The significand of the float nearest √2 ({@code PortableFloatMath.SQRT2_BITS}) as a 24-bit integer. */
    private static final int SQRT2_SIGNIFICAND = (0x3fb504f3 & 0x007fffff) | 0x00800000;
    private static final float INV_LN2 = 0x1.715476p+0f;
    private static final float ROUND_SHIFT = 0x1.8p23f;
    private static final float EXP_ARG_MAX = 89f;
    private static final float EXP_ARG_MIN = -104f;
    private static final float EXP_E2 = 0.5f;
    private static final float EXP_E3 = 0x1.555556p-3f;
    private static final float EXP_E4 = 0x1.555556p-5f;
    private static final float EXP_E5 = 0x1.111112p-7f;
    private static final float EXP_E6 = 0x1.6c16c2p-10f;
    private static final float EXP_E7 = 0x1.a01a02p-13f;
    // PortableNormalCdf's constants (private there).
    private static final float CDF_P_OVER_SQRT2 = 0x1.da671p-3f;
    private static final float CDF_A1 = 0x1.04f20cp-2f;
    private static final float CDF_A2 = -0x1.23531cp-2f;
    private static final float CDF_A3 = 0x1.6be1c6p+0f;
    private static final float CDF_A4 = -0x1.7401c6p+0f;
    private static final float CDF_A5 = 0x1.0fb844p+0f;

    private FusedKernels() {
    }

    /**
     * The fused pass over one or more cells: work-item {@code item} works for cell slot {@code c = item / itemsPerCell}
     * (id {@code cellIds[c]}, nominals and sds in row c) and draws, perturbs and evaluates its members
     * {@code first + (item − c·itemsPerCell)·perItem ..} (at most {@code perItem}, none at or past the end), and
     * writes their partial statistics, per output, to {@code moments} and {@code counts}.
     */
    public static void fused(IntArray desc, FloatArray params, FloatArray alphas, IntArray kinds, FloatArray bounds,
            FloatArray nominal, FloatArray sd, IntArray cellIds, LongArray control, FloatArray histogramEdges,
            FloatArray exceedanceEdges, FloatArray scratch, FloatArray moments, IntArray counts, int capacity) {
        for (@Parallel int item = 0; item < capacity; item++) {
            int active = (int) control.get(C_ACTIVE_ITEMS);
            if (item < active) {
                int d = desc.get(1);
                int k = desc.get(2);
                int layers = desc.get(0);
                int bins = (int) control.get(C_HISTOGRAM_BINS);
                int thresholds = (int) control.get(C_THRESHOLDS);
                int slots = bins > 0 ? bins + 2 : 0;
                int perOutput = PARTIAL_FIXED_COUNTERS + slots + thresholds;
                int maxWidth = (int) control.get(C_MAX_WIDTH);
                int tanhFast = (int) control.get(C_TANH_FAST);
                long seed = control.get(C_SEED);
                int itemsPerCell = (int) control.get(C_ITEMS_PER_CELL);
                int cell = item / itemsPerCell;
                int cellId = cellIds.get(cell);
                long perItem = control.get(C_MEMBERS_PER_ITEM);
                long end = control.get(C_END_MEMBER);
                long start = control.get(C_FIRST_MEMBER) + (long) (item - cell * itemsPerCell) * perItem;
                int base = item * 2 * maxWidth;
                clearPartials(moments, counts, item, k, perOutput);
                for (long i = 0; i < perItem; i++) {
                    long member = start + i;
                    if (member < end) {
                        // Attempt 0's normals of every input, drawn together into the second buffer (maxWidth >= d).
                        fillNormals(seed, cellId, member, d, scratch, base + maxWidth);
                        for (int in = 0; in < d; in++) {
                            float v = perturbedInput(seed, cellId, member, in, d, kinds.get(in),
                                    nominal.get(cell * d + in), sd.get(cell * d + in), bounds.get(2 * in),
                                    bounds.get(2 * in + 1), scratch.get(base + maxWidth + in));
                            scratch.set(base + in, v);
                        }
                        // The forward pass, its steps called from here: TornadoVM inlines every call and refuses
                        // a callee that is too large once its own callees are inlined.
                        // The buffers alternate by the layer's parity rather than by swapping two variables:
                        // TornadoVM 5.2's OpenCL code generator gets the swap of two loop phis wrong.
                        normalise(desc, params, scratch, base);
                        for (int l = 0; l < layers; l++) {
                            int from = (l & 1) == 0 ? base : base + maxWidth;
                            int to = 2 * base + maxWidth - from;
                            dense(desc, params, scratch, l, from, to);
                            fastTanhLayer(desc, tanhFast, scratch, l, to);
                            activateLayer(desc, alphas, tanhFast, scratch, l, to);
                        }
                        int cur = (layers & 1) == 0 ? base : base + maxWidth;
                        denormalise(desc, params, scratch, cur);
                        for (int j = 0; j < k; j++) {
                            accept(scratch.get(cur + j), (item * k + j) * PARTIAL_FLOATS, (item * k + j) * perOutput,
                                    bins, thresholds, histogramEdges, exceedanceEdges, moments, counts);
                        }
                    }
                }
            }
        }
    }

    private static void clearPartials(FloatArray moments, IntArray counts, int item, int k, int perOutput) {
        for (int j = 0; j < k; j++) {
            int f = (item * k + j) * PARTIAL_FLOATS;
            moments.set(f, 0f);
            moments.set(f + 1, 0f);
            moments.set(f + 2, Float.POSITIVE_INFINITY);
            moments.set(f + 3, Float.NEGATIVE_INFINITY);
            int c = (item * k + j) * perOutput;
            for (int s = 0; s < perOutput; s++) {
                counts.set(c + s, 0);
            }
        }
    }

    /**
     * Adds one member's value of one output to its partial: moments at {@code moments[f ..]} (Welford in float,
     * as the C kernels' {@code emu_welford}), counts at {@code counts[c ..]}; a NaN is only counted.
     */
    private static void accept(float v, int f, int c, int bins, int thresholds, FloatArray histogramEdges,
            FloatArray exceedanceEdges, FloatArray moments, IntArray counts) {
        if (v != v) {
            counts.set(c + 1, counts.get(c + 1) + 1);
        } else {
            int n = counts.get(c) + 1;
            counts.set(c, n);
            float count = (float) n;
            float mean = moments.get(f);
            float delta = v - mean;
            float step = delta / count;
            float updated = mean + step;
            float residual = v - updated;
            moments.set(f + 1, moments.get(f + 1) + delta * residual);
            moments.set(f, updated);
            moments.set(f + 2, javaMin(moments.get(f + 2), v));
            moments.set(f + 3, javaMax(moments.get(f + 3), v));
            int slots = bins > 0 ? bins + 2 : 0;
            if (slots > 0) {
                int at = c + PARTIAL_FIXED_COUNTERS + histogramSlot(histogramEdges, bins + 1, v);
                counts.set(at, counts.get(at) + 1);
            }
            for (int t = 0; t < thresholds; t++) {
                if (v >= exceedanceEdges.get(t)) {
                    int at = c + PARTIAL_FIXED_COUNTERS + slots + t;
                    counts.set(at, counts.get(at) + 1);
                }
            }
        }
    }

    /**
     * The plain forward pass of rows {@code first + row}: {@code x} row-major inputs, {@code y} outputs, for
     * {@code control[C_ACTIVE_ITEMS]} rows of this launch.
     */
    public static void forwardRows(IntArray desc, FloatArray params, FloatArray alphas, LongArray control,
            FloatArray x, FloatArray y, FloatArray scratch, int capacity) {
        for (@Parallel int row = 0; row < capacity; row++) {
            int active = (int) control.get(C_ACTIVE_ITEMS);
            if (row < active) {
                int d = desc.get(1);
                int k = desc.get(2);
                int maxWidth = (int) control.get(C_MAX_WIDTH);
                int tanhFast = (int) control.get(C_TANH_FAST);
                int base = row * 2 * maxWidth;
                for (int in = 0; in < d; in++) {
                    scratch.set(base + in, x.get(row * d + in));
                }
                int layers = desc.get(0);
                normalise(desc, params, scratch, base);
                for (int l = 0; l < layers; l++) {
                    int from = (l & 1) == 0 ? base : base + maxWidth;
                    int to = 2 * base + maxWidth - from;
                    dense(desc, params, scratch, l, from, to);
                    fastTanhLayer(desc, tanhFast, scratch, l, to);
                    activateLayer(desc, alphas, tanhFast, scratch, l, to);
                }
                int cur = (layers & 1) == 0 ? base : base + maxWidth;
                denormalise(desc, params, scratch, cur);
                for (int j = 0; j < k; j++) {
                    y.set(row * k + j, scratch.get(cur + j));
                }
            }
        }
    }

    /**
     * The members of a DEBUG dump: item {@code cell·members + m} writes member {@code first + m} of cell slot
     * {@code cell}'s perturbed inputs to {@code x} and outputs to {@code y}.
     */
    public static void dumpMembers(IntArray desc, FloatArray params, FloatArray alphas, IntArray kinds,
            FloatArray bounds, FloatArray nominal, FloatArray sd, IntArray cellIds, LongArray control, FloatArray x,
            FloatArray y, FloatArray scratch, int capacity) {
        for (@Parallel int item = 0; item < capacity; item++) {
            int active = (int) control.get(C_ACTIVE_ITEMS);
            if (item < active) {
                int d = desc.get(1);
                int k = desc.get(2);
                int maxWidth = (int) control.get(C_MAX_WIDTH);
                int tanhFast = (int) control.get(C_TANH_FAST);
                long members = control.get(C_MEMBERS_PER_ITEM);
                int cell = (int) (item / members);
                long member = control.get(C_FIRST_MEMBER) + item % members;
                int base = item * 2 * maxWidth;
                fillNormals(control.get(C_SEED), cellIds.get(cell), member, d, scratch, base + maxWidth);
                for (int in = 0; in < d; in++) {
                    float v = perturbedInput(control.get(C_SEED), cellIds.get(cell), member, in, d, kinds.get(in),
                            nominal.get(cell * d + in), sd.get(cell * d + in), bounds.get(2 * in),
                            bounds.get(2 * in + 1), scratch.get(base + maxWidth + in));
                    scratch.set(base + in, v);
                    x.set(item * d + in, v);
                }
                int layers = desc.get(0);
                normalise(desc, params, scratch, base);
                for (int l = 0; l < layers; l++) {
                    int from = (l & 1) == 0 ? base : base + maxWidth;
                    int to = 2 * base + maxWidth - from;
                    dense(desc, params, scratch, l, from, to);
                    fastTanhLayer(desc, tanhFast, scratch, l, to);
                    activateLayer(desc, alphas, tanhFast, scratch, l, to);
                }
                int cur = (layers & 1) == 0 ? base : base + maxWidth;
                denormalise(desc, params, scratch, cur);
                for (int j = 0; j < k; j++) {
                    y.set(item * k + j, scratch.get(cur + j));
                }
            }
        }
    }

    /** {@code z0 = (x − inOffset) / inScale}, in place. */
    private static void normalise(IntArray desc, FloatArray params, FloatArray scratch, int a) {
        int d = desc.get(1);
        for (int i = 0; i < d; i++) {
            scratch.set(a + i, (scratch.get(a + i) - params.get(i)) / params.get(d + i));
        }
    }

    /** {@code y = z·outScale + outOffset}, in place. */
    private static void denormalise(IntArray desc, FloatArray params, FloatArray scratch, int cur) {
        int k = desc.get(2);
        int scales = desc.get(3);
        int offsets = desc.get(4);
        for (int j = 0; j < k; j++) {
            scratch.set(cur + j, scratch.get(cur + j) * params.get(scales + j) + params.get(offsets + j));
        }
    }

    /**
     * Layer {@code l} before its activation: {@code next = W·cur + b}, the bias first and then one fused
     * multiply-add per input in ascending order. The activation is a separate call from the kernel
     * ({@link #fastTanhLayer}, {@link #activateLayer}): TornadoVM refuses to inline a callee of more than 600
     * nodes, which the whole layer with the emulated fused multiply-adds would be.
     */
    private static void dense(IntArray desc, FloatArray params, FloatArray scratch, int l, int cur, int next) {
        int f = DESC_HEADER + DESC_LAYER_FIELDS * l;
        int in = desc.get(f);
        int out = desc.get(f + 1);
        int w = desc.get(f + 3);
        int bias = desc.get(f + 4);
        for (int j = 0; j < out; j++) {
            float acc = params.get(bias + j);
            int row = w + j * in;
            for (int q = 0; q < in; q++) {
                acc = fma(params.get(row + q), scratch.get(cur + q), acc);
            }
            scratch.set(next + j, acc);
        }
    }

    /**
     * Layer {@code l}'s fast tanh, in place, when that is its activation (otherwise a loop of no steps: an
     * {@code if} around the loop here made TornadoVM 5.2 fall through into the next call with the layer
     * counter already advanced).
     */
    private static void fastTanhLayer(IntArray desc, int tanhFast, FloatArray scratch, int l, int at) {
        int f = DESC_HEADER + DESC_LAYER_FIELDS * l;
        int n = desc.get(f + 2) == 1 && tanhFast == 1 ? desc.get(f + 1) : 0;
        for (int j = 0; j < n; j++) {
            scratch.set(at + j, fastTanh(scratch.get(at + j)));
        }
    }

    /** Layer {@code l}'s activation, in place, unless it is the fast tanh ({@link #fastTanhLayer}'s). */
    private static void activateLayer(IntArray desc, FloatArray alphas, int tanhFast, FloatArray scratch, int l,
            int at) {
        int f = DESC_HEADER + DESC_LAYER_FIELDS * l;
        int kind = desc.get(f + 2);
        int n = kind == 1 && tanhFast == 1 ? 0 : desc.get(f + 1);
        float alpha = alphas.get(l);
        for (int j = 0; j < n; j++) {
            scratch.set(at + j, activate(kind, alpha, 0, scratch.get(at + j)));
        }
    }

    /** {@code Activation.apply} (and {@code FastTanh} for fast tanh); NaN stays NaN throughout. */
    static float activate(int kind, float alpha, int tanhFast, float v) {
        float r = v;
        if (kind == 1) {
            r = tanhFast == 1 ? fastTanh(v) : exactTanh(v);
        } else if (kind == 2) {
            r = v > 0f ? v : (v != v ? v : 0f);
        } else if (kind == 3) {
            r = sigmoid(v);
        } else if (kind == 4) {
            r = softplus(v);
        } else if (kind == 5) {
            r = elu(alpha, v);
        }
        return r;
    }

    /** {@code (float) Math.tanh(x)}, via OpenCL's double tanh. */
    static float exactTanh(float v) {
        return (float) Math.tanh((double) v);
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) v)));
    }

    /** {@code max(x, 0) + log1p(exp(−|x|))} in double; NaN stays NaN. */
    static float softplus(float v) {
        double x = v;
        double e = Math.exp(-Math.abs(x));
        float r = (float) ((x > 0.0 ? x : 0.0) + log1p(e));
        return v != v ? v : r;
    }

    static float elu(float alpha, float v) {
        return v > 0f ? v : (float) (alpha * expm1((double) v));
    }

    /** {@code log(1 + e)} for e in [0, 1], accurate to double rounding where 1 + e would lose e's digits. */
    static double log1p(double e) {
        if (e < 1e-4) {
            return e * (1.0 - e * (0.5 - e * (1.0 / 3.0 - e * 0.25)));
        }
        return Math.log(1.0 + e);
    }

    /** {@code e^x − 1} for x ≤ 0, accurate to double rounding near 0 where e^x − 1 cancels. */
    static double expm1(double x) {
        if (x > -1e-3) {
            return x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0)))));
        }
        return Math.exp(x) - 1.0;
    }

    /** {@code FastTanh.tanh}: the same clamps (NaN-keeping) and fused multiply-adds as the C kernel. */
    static float fastTanh(float x) {
        float s = javaMin(x * x, 81f);
        float p = fma(fma(fma(fma(1.4060858255504627e-08f, s, 2.111489993694704e-05f), s, 0.003526103449985385f), s,
                0.1340661495923996f), s, 0.9999999403953552f);
        float q = fma(fma(fma(fma(8.064539542829152e-07f, s, 0.0003335710207466036f), s, 0.025992777198553085f), s,
                0.4673992395401001f), s, 1f);
        float r = x * p / q;
        return javaMax(-1f, javaMin(1f, r));
    }

    /**
     * {@code a·b + c} rounded once, as {@code Math.fma}, from double arithmetic alone: TornadoVM 5.2's OpenCL
     * backend compiles no explicit fused multiply-add, and its automatic contraction (off here) would also fuse
     * the draws' arithmetic. The product of two floats is exact in double, and the double sum rounds to the
     * right float unless it lands exactly halfway between two floats while the exact sum does not; then the
     * side the exact sum lies on (the sign of the sum's rounding error) decides.
     */
    static float fma(float a, float b, float c) {
        double p = (double) a * (double) b;
        double s = p + (double) c;
        float f = (float) s;
        double back = s - p;
        double err = (p - (s - back)) + ((double) c - back);
        double d = s - (double) f;
        double other = s + d;
        float g = (float) other;
        // Halfway: f and g = 2s − f are the two floats around s (never so unless s is a midpoint).
        if (err != 0.0 && d != 0.0 && f - f == 0f && (double) g == other && (err > 0.0) == (g > f)) {
            f = g;
        }
        return f;
    }

    /** {@code Math.min} for floats: NaN wins, and −0 is below +0 (told apart by the sign of 1/x). */
    static float javaMin(float a, float b) {
        float r = a <= b ? a : b;
        if (a != a) {
            r = a;
        } else if (b != b) {
            r = b;
        } else if (a == 0f && b == 0f) {
            r = 1f / a < 0f ? a : b;
        }
        return r;
    }

    /** {@code Math.max} for floats: NaN wins, and +0 is above −0. */
    static float javaMax(float a, float b) {
        float r = a >= b ? a : b;
        if (a != a) {
            r = a;
        } else if (b != b) {
            r = b;
        } else if (a == 0f && b == 0f) {
            r = 1f / a > 0f ? a : b;
        }
        return r;
    }

    /** Number of the sorted {@code count} edges that are {@code <= v}: the histogram slot. */
    static int histogramSlot(FloatArray edges, int count, float v) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >> 1;
            if (edges.get(mid) <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@code CellPerturbation}'s value of one input ({@code MemberPerturber} for a random error component of an
     * uncorrelated input, as {@code emu_perturb_input} in {@code emulens_fused.c}): the nominal for kind 0
     * (none) or a NaN nominal; {@code nominal + error} for kind 1 (Gaussian); for kind 2 (truncated Gaussian)
     * the nominal clamped into [lower, upper] plus the first of 32 attempts' errors that stays inside, else
     * {@code lower + (upper − lower)·Φ(error / σ)} with a 33rd error, at most {@code upper}.
     *
     * <p>Written as one loop over the attempts with a single call of {@link #attemptError} and no {@code break}:
     * TornadoVM inlines every call, and refuses a callee whose graph, its own callees inlined, exceeds 600 nodes;
     * the draw is most of that, so it must be inlined once.
     */
    static float perturbedInput(long seed, int cellId, long member, int input, int inputs, int kind, float nominal,
            float sd, float lower, float upper, float z0) {
        float value = nominal;
        if (kind != 0 && nominal == nominal) {
            // CellUncertainty.sigma: sqrt((sd_r² + sd_c²) + sd_s²); with sd_c = sd_s = 0 the additions of +0 leave
            // the non-negative square unchanged, so they are left out, as in the C kernels.
            float variance = sd * sd;
            float sigma = (float) Math.sqrt((double) variance);
            float x = nominal;
            if (kind == 2) {
                x = nominal < lower ? lower : (nominal > upper ? upper : nominal);
            }
            value = x;
            if (sigma != 0f) {
                // A Gaussian input takes attempt 0's error; a truncated one the first inside, or the fallback.
                int attempts = kind == 1 ? 1 : TRUNCATED_ATTEMPTS + 1;
                int done = 0;
                for (int attempt = 0; attempt < attempts; attempt++) {
                    if (done == 0) {
                        float e = attemptError(seed, cellId, member, input, inputs, attempt, sd, z0);
                        if (kind == 1) {
                            value = x + e;
                            done = 1;
                        } else if (attempt < TRUNCATED_ATTEMPTS) {
                            float y = x + e;
                            if (y >= lower && y <= upper) {
                                value = y;
                                done = 1;
                            }
                        } else {
                            value = truncatedFallback(e, sigma, lower, upper);
                        }
                    }
                }
            }
        }
        return value;
    }

    /** {@code TruncatedGaussian}'s fallback: {@code lower + (upper − lower)·Φ(e / σ)}, at most {@code upper}. */
    static float truncatedFallback(float e, float sigma, float lower, float upper) {
        float w = e / sigma;
        float u = normalCdf(w);
        float width = upper - lower;
        float offset = width * u;
        float y = lower + offset;
        return y > upper ? upper : y;
    }

    /**
     * {@code AttemptErrorDraws.error(attempt)} for a random component only: {@code 0 + sd·(0 + 1·z)} with z
     * normal number {@code input + attempt·inputs} of the input-perturbation stream ({@code z0} for attempt 0, drawn
     * beforehand with the other inputs'); 0 where sd is not positive.
     */
    static float attemptError(long seed, int cellId, long member, int input, int inputs, int attempt, float sd,
            float z0) {
        float e = 0f;
        if (sd > 0f) {
            float z = attempt == 0 ? z0 : normal(seed, cellId, member, input + attempt * inputs);
            // The contract's Cholesky row (0 + 1·z) is z itself: a Box–Muller normal is never ±0 (its radius is
            // positive, and cos2pi/sin2pi vanish only at uniforms the draws never produce) nor NaN.
            float term = sd * z;
            e = e + term;
        }
        return e;
    }

    /** {@code MemberDraws.normal(seed, INPUT_PERTURBATION, cell, member, index)}, bit for bit. */
    static float normal(long seed, int cell, long member, int index) {
        long words = philoxPair(seed, cell, member, index >> 2, (index >> 1) & 1);
        float radius = boxMullerRadius((int) (words >>> 32));
        float u2 = uniformFromBits((int) words);
        float r;
        if ((index & 1) == 0) {
            r = radius * cos2pi(u2);
        } else {
            r = radius * sin2pi(u2);
        }
        return r;
    }

    /**
     * Normals 0 .. count − 1 of the input-perturbation stream into {@code out[at ..]}, each {@link #normal}'s bits
     * ({@code MemberDraws.fillNormals}): one radius per pair of normals, as the C kernels' {@code emu_normals}.
     */
    static void fillNormals(long seed, int cell, long member, int count, FloatArray out, int at) {
        for (int n = 0; n < count; n += 2) {
            long words = philoxPair(seed, cell, member, n >> 2, (n >> 1) & 1);
            float radius = boxMullerRadius((int) (words >>> 32));
            float u2 = uniformFromBits((int) words);
            out.set(at + n, radius * cos2pi(u2));
            if (n + 1 < count) {
                out.set(at + n + 1, radius * sin2pi(u2));
            }
        }
    }

    /** {@code MemberDraws.boxMullerRadius}: {@code sqrt(−2 log(u1))}, the square root correctly rounded. */
    static float boxMullerRadius(int word) {
        float logU1 = logOfUniform(word);
        float minusTwoLog = -2f * logU1;
        return (float) Math.sqrt((double) minusTwoLog);
    }

    /**
     * Words {@code 2·pair} (high half) and {@code 2·pair + 1} (low half) of Philox-4x32-10 block {@code block} of
     * the input-perturbation stream: key = seed, counter = (member low, member high, cell, 0 << 20 | block).
     */
    static long philoxPair(long seed, int cell, long member, int block, int pair) {
        int key0 = (int) seed;
        int key1 = (int) (seed >>> 32);
        int x0 = (int) member;
        int x1 = (int) (member >>> 32);
        int x2 = cell;
        int x3 = block; // stream 0 (INPUT_PERTURBATION) << 20 | block; block >= 0
        for (int round = 0; round < 10; round++) {
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
        long high = pair == 0 ? x0 : x2;
        long low = pair == 0 ? x1 : x3;
        return (high << 32) | (low & LOW_32);
    }

    /**
     * {@code PortableFloatMath.log(MemberDraws.uniformFromBits(word))}, bit for bit, without reading a float's
     * bits (TornadoVM's OpenCL backend cannot compile {@code Float.floatToRawIntBits} or
     * {@code Float.intBitsToFloat}). The uniform is {@code n·2^-24} with {@code n = 2·(word >>> 9) + 1}, an odd
     * integer below 2^24, so its exponent and mantissa follow from n: with {@code e} the position of n's
     * leading bit, {@code u = 2^(e − 24)·m} and {@code m = (n << (23 − e))·2^-23} in [1, 2), both exact. From
     * {@code m} on, the arithmetic is {@code PortableFloatMath.log}'s, line for line; its comparison of the
     * mantissa bits with those of √2 is the same comparison on the integer {@code n << (23 − e)}.
     */
    static float logOfUniform(int word) {
        int n = 2 * ((word >> 9) & 0x7FFFFF) + 1;
        int e = leadingBit(n);
        int significand = n << (23 - e);
        int k = e - 24;
        float m = (float) significand * 0x1p-23f;
        if (significand > SQRT2_SIGNIFICAND) {
            // Halve m into [√½, 1) so that |f| stays small on both sides of 1.
            m = m * 0.5f;
            k = k + 1;
        }
        float f = m - 1f;
        float twoPlusF = 2f + f;
        float s = f / twoPlusF;
        float z = s * s;
        float r = LOG_C4 * z;
        r = LOG_C3 + r;
        r = r * z;
        r = LOG_C2 + r;
        r = r * z;
        r = LOG_C1 + r;
        r = r * z;
        float halfF = 0.5f * f;
        float hfsq = halfF * f;
        float kf = (float) k;
        float correction = hfsq + r;
        correction = s * correction;
        float kLo = kf * LN2_LO;
        correction = correction + kLo;
        float logM = hfsq - correction;
        logM = f - logM;
        float kHi = kf * LN2_HI;
        return kHi + logM;
    }

    /** The position of the highest set bit of {@code n}, 1 <= n < 2^24, by halving the range five times. */
    static int leadingBit(int n) {
        int v = n;
        int e = 0;
        if (v >= 1 << 16) {
            v = v >> 16;
            e = e + 16;
        }
        if (v >= 1 << 8) {
            v = v >> 8;
            e = e + 8;
        }
        if (v >= 1 << 4) {
            v = v >> 4;
            e = e + 4;
        }
        if (v >= 1 << 2) {
            v = v >> 2;
            e = e + 2;
        }
        if (v >= 1 << 1) {
            e = e + 1;
        }
        return e;
    }

    /** {@code PortableNormalCdf.cdf}: Abramowitz and Stegun 7.1.26 in float, the same operations in order. */
    static float normalCdf(float z) {
        float a = z < 0f ? -z : z;
        float pa = CDF_P_OVER_SQRT2 * a;
        float denominator = 1f + pa;
        float t = 1f / denominator;
        float poly = CDF_A5 * t;
        poly = CDF_A4 + poly;
        poly = poly * t;
        poly = CDF_A3 + poly;
        poly = poly * t;
        poly = CDF_A2 + poly;
        poly = poly * t;
        poly = CDF_A1 + poly;
        poly = poly * t;
        float z2 = z * z;
        float exponent = -0.5f * z2;
        float gauss = exp(exponent);
        float halfPoly = 0.5f * poly;
        float tail = halfPoly * gauss;
        return z < 0f ? tail : 1f - tail;
    }

    /**
     * {@code PortableFloatMath.exp}, bit for bit: the same reduction and polynomial; its scale factors
     * {@code 2^(k >> 1)} and {@code 2^(k − (k >> 1))}, built there from exponent bits, are built here by
     * multiplying powers of two, exactly.
     */
    static float exp(float x) {
        float result;
        if (x != x) {
            result = x;
        } else if (x > EXP_ARG_MAX) {
            result = Float.POSITIVE_INFINITY;
        } else if (x < EXP_ARG_MIN) {
            result = 0f;
        } else {
            float t = x * INV_LN2;
            float shifted = t + ROUND_SHIFT;
            float kf = shifted - ROUND_SHIFT;
            int k = (int) kf;
            float kHi = kf * LN2_HI;
            float hi = x - kHi;
            float lo = kf * LN2_LO;
            float r = hi - lo;
            float p = EXP_E7 * r;
            p = EXP_E6 + p;
            p = p * r;
            p = EXP_E5 + p;
            p = p * r;
            p = EXP_E4 + p;
            p = p * r;
            p = EXP_E3 + p;
            p = p * r;
            p = EXP_E2 + p;
            float r2 = r * r;
            float q = r2 * p;
            float sum = lo - q;
            sum = hi - sum;
            float m = 1f + sum;
            int k1 = k >> 1;
            int k2 = k - k1;
            // 2^k1 by repeated squaring of 2 or ½ (|k1| <= 75): a product of the powers 2^(±2^b) for the set bits b,
            // each a normal float, so every partial product is exact. k2 is k1 or k1 + 1.
            int n = k1 < 0 ? -k1 : k1;
            float power = k1 < 0 ? 0.5f : 2f;
            float scale1 = 1f;
            for (int bit = 0; bit < 7; bit++) {
                if ((n & 1) != 0) {
                    scale1 = scale1 * power;
                }
                power = power * power;
                n = n >> 1;
            }
            float scale2 = k2 == k1 ? scale1 : scale1 * 2f;
            float exact = m * scale1;
            result = exact * scale2;
        }
        return result;
    }

    /**
     * {@code MemberDraws.uniformFromBits}. {@code (word >> 9) & 0x7FFFFF} is {@code word >>> 9}; written so
     * because TornadoVM 5.2's OpenCL code generator emits Java's unsigned shift of an int as C's {@code >>} on a
     * signed int, an arithmetic shift.
     */
    static float uniformFromBits(int word) {
        int top23 = (word >> 9) & 0x7FFFFF;
        float cell = (float) top23;
        float midpoint = cell + 0.5f;
        return midpoint * 0x1p-23f;
    }

    /** {@code PortableFloatMath.sin2pi} for u in (0, 1). */
    static float sin2pi(float u) {
        int quadrant = nearestQuadrant(u);
        float r = quadrantOffset(u, quadrant);
        int q = quadrant & 3;
        float v;
        if (q == 0) {
            v = sinHalfPi(r);
        } else if (q == 1) {
            v = cosHalfPi(r);
        } else if (q == 2) {
            v = -sinHalfPi(r);
        } else {
            v = -cosHalfPi(r);
        }
        return v;
    }

    /** {@code PortableFloatMath.cos2pi} for u in (0, 1). */
    static float cos2pi(float u) {
        int quadrant = nearestQuadrant(u);
        float r = quadrantOffset(u, quadrant);
        int q = quadrant & 3;
        float v;
        if (q == 0) {
            v = cosHalfPi(r);
        } else if (q == 1) {
            v = -sinHalfPi(r);
        } else if (q == 2) {
            v = -cosHalfPi(r);
        } else {
            v = sinHalfPi(r);
        }
        return v;
    }

    private static int nearestQuadrant(float u) {
        float eightU = u * 8f;
        int octant = (int) eightU;
        return (octant + 1) >> 1;
    }

    private static float quadrantOffset(float u, int quadrant) {
        float fourU = u * 4f;
        float q = (float) quadrant;
        return fourU - q;
    }

    private static float sinHalfPi(float r) {
        float z = r * r;
        float p = 0x1.507834p-13f * z;
        p = -0x1.32d2ccp-8f + p;
        p = p * z;
        p = 0x1.466bc6p-4f + p;
        p = p * z;
        p = -0x1.4abbcep-1f + p;
        p = p * z;
        p = 0x1.921fb6p+0f + p;
        return r * p;
    }

    private static float cosHalfPi(float r) {
        float z = r * r;
        float p = -0x1.a6d1f2p-16f * z;
        p = 0x1.e1f506p-11f + p;
        p = p * z;
        p = -0x1.55d3c8p-6f + p;
        p = p * z;
        p = 0x1.03c1f0p-2f + p;
        p = p * z;
        p = -0x1.3bd3ccp+0f + p;
        p = p * z;
        return 1f + p;
    }
}
