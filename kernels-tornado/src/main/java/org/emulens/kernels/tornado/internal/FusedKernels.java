package org.emulens.kernels.tornado.internal;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The TornadoVM kernels: Java methods that TornadoVM compiles to OpenCL C. They compute what the C kernels of
 * {@code emulens_fused.c} compute, written with what TornadoVM's OpenCL backend compiles: no objects, no
 * private arrays (a member's activations live in a global scratch slice per work-item), and no
 * {@code Float.floatToRawIntBits} (its OpenCL backend does not implement bit reinterpretation). That last point
 * is the one difference from {@code MemberDraws}: {@code log(u1)} of Box–Muller is {@code (float) Math.log}
 * in double, correctly rounded but not {@code PortableFloatMath.log}'s bits, so a draw may differ from
 * {@code MemberDraws.normal} by an ulp or two of the radius. Everything else (Philox, the uniforms,
 * {@code sin2pi}/{@code cos2pi}, the perturbation, the forward pass order) is the contract's float arithmetic.
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
    /** The cell's id, the RNG's cell word. */
    public static final int C_CELL_ID = 4;
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

    private FusedKernels() {
    }

    /**
     * The fused pass over one cell: work-item {@code item} draws, perturbs and evaluates members
     * {@code first + item·perItem ..} (at most {@code perItem}, none at or past the end) and writes their
     * partial statistics, per output, to {@code moments} and {@code counts}.
     */
    public static void fused(IntArray desc, FloatArray params, FloatArray alphas, IntArray kinds,
            FloatArray nominal, FloatArray sd, LongArray control, FloatArray histogramEdges,
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
                int cellId = (int) control.get(C_CELL_ID);
                long perItem = control.get(C_MEMBERS_PER_ITEM);
                long end = control.get(C_END_MEMBER);
                long start = control.get(C_FIRST_MEMBER) + (long) item * perItem;
                int base = item * 2 * maxWidth;
                clearPartials(moments, counts, item, k, perOutput);
                for (long i = 0; i < perItem; i++) {
                    long member = start + i;
                    if (member < end) {
                        for (int in = 0; in < d; in++) {
                            scratch.set(base + in, perturbedInput(seed, cellId, member, in, kinds.get(in),
                                    nominal.get(in), sd.get(in)));
                        }
                        // The forward pass, its steps called from here: TornadoVM inlines every call and refuses
                        // a callee that is too large once its own callees are inlined.
                        // The buffers alternate by the layer's parity rather than by swapping two variables:
                        // TornadoVM 5.2's OpenCL code generator gets the swap of two loop phis wrong.
                        normalise(desc, params, scratch, base);
                        for (int l = 0; l < layers; l++) {
                            int from = (l & 1) == 0 ? base : base + maxWidth;
                            dense(desc, params, alphas, tanhFast, scratch, l, from, 2 * base + maxWidth - from);
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
                    dense(desc, params, alphas, tanhFast, scratch, l, from, 2 * base + maxWidth - from);
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
            FloatArray nominal, FloatArray sd, IntArray cellIds, LongArray control, FloatArray x, FloatArray y,
            FloatArray scratch, int capacity) {
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
                for (int in = 0; in < d; in++) {
                    float v = perturbedInput(control.get(C_SEED), cellIds.get(cell), member, in, kinds.get(in),
                            nominal.get(cell * d + in), sd.get(cell * d + in));
                    scratch.set(base + in, v);
                    x.set(item * d + in, v);
                }
                int layers = desc.get(0);
                normalise(desc, params, scratch, base);
                for (int l = 0; l < layers; l++) {
                    int from = (l & 1) == 0 ? base : base + maxWidth;
                    dense(desc, params, alphas, tanhFast, scratch, l, from, 2 * base + maxWidth - from);
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

    /** Layer {@code l}: {@code next = act(W·cur + b)}, the bias first and then the inputs in ascending order. */
    private static void dense(IntArray desc, FloatArray params, FloatArray alphas, int tanhFast, FloatArray scratch,
            int l, int cur, int next) {
        int f = DESC_HEADER + DESC_LAYER_FIELDS * l;
        int in = desc.get(f);
        int out = desc.get(f + 1);
        int kind = desc.get(f + 2);
        int w = desc.get(f + 3);
        int bias = desc.get(f + 4);
        float alpha = alphas.get(l);
        for (int j = 0; j < out; j++) {
            float acc = params.get(bias + j);
            int row = w + j * in;
            for (int q = 0; q < in; q++) {
                acc += params.get(row + q) * scratch.get(cur + q);
            }
            scratch.set(next + j, activate(kind, alpha, tanhFast, acc));
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

    /** {@code FastTanh.tanh}, with the C kernel's NaN-keeping clamps. */
    static float fastTanh(float x) {
        float c = javaMax(-9f, javaMin(9f, x));
        float s = c * c;
        float p = (((1.4060858255504627e-08f * s + 2.111489993694704e-05f) * s + 0.003526103449985385f) * s
                + 0.1340661495923996f) * s + 0.9999999403953552f;
        float q = (((8.064539542829152e-07f * s + 0.0003335710207466036f) * s + 0.025992777198553085f) * s
                + 0.4673992395401001f) * s + 1f;
        float r = c * p / q;
        return javaMax(-1f, javaMin(1f, r));
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
     * {@code CellPerturbation}'s value of one input: the nominal for kind 0 (none), a NaN nominal or sd 0;
     * {@code nominal + (0 + sd·(0 + 1·z))} for kind 1 (Gaussian), z the input's normal number.
     */
    static float perturbedInput(long seed, int cellId, long member, int input, int kind, float nominal, float sd) {
        float value = nominal;
        if (kind == 1 && nominal == nominal) {
            float variance = sd * sd;
            variance = variance + 0f * 0f;
            variance = variance + 0f * 0f;
            float sigma = (float) Math.sqrt((double) variance);
            if (sigma != 0f && sd > 0f) {
                float z = normal(seed, cellId, member, input);
                float sum = 0f;
                float weighted = 1f * z;
                sum = sum + weighted;
                float term = sd * sum;
                float e = 0f;
                e = e + term;
                value = nominal + e;
            }
        }
        return value;
    }

    /** {@code MemberDraws.normal(seed, INPUT_PERTURBATION, cell, member, index)} but for log's last bit. */
    static float normal(long seed, int cell, long member, int index) {
        int key0 = (int) seed;
        int key1 = (int) (seed >>> 32);
        int x0 = (int) member;
        int x1 = (int) (member >>> 32);
        int x2 = cell;
        int x3 = index >> 2; // stream 0 (INPUT_PERTURBATION) << 20 | block; index >= 0
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
        int radiusWord = x0;
        int angleWord = x1;
        if ((index & 2) != 0) {
            radiusWord = x2;
            angleWord = x3;
        }
        float u1 = uniformFromBits(radiusWord);
        float logU1 = (float) Math.log((double) u1);
        float minusTwoLog = -2f * logU1;
        float radius = (float) Math.sqrt((double) minusTwoLog);
        float u2 = uniformFromBits(angleWord);
        float r;
        if ((index & 1) == 0) {
            r = radius * cos2pi(u2);
        } else {
            r = radius * sin2pi(u2);
        }
        return r;
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
