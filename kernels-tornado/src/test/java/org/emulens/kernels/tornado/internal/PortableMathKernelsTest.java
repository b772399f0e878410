package org.emulens.kernels.tornado.internal;

import static org.junit.jupiter.api.Assertions.fail;

import org.emulens.engine.backend.Availability;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.PortableFloatMath;
import org.emulens.ensemble.uncertainty.PortableNormalCdf;
import org.emulens.kernels.tornado.TornadoBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * The kernels' replacements for what {@code PortableFloatMath} and {@code PortableNormalCdf} compute with a float's
 * bits, compiled by TornadoVM and run on its device, against the Java originals bit for bit: the logarithm on every
 * uniform that {@code MemberDraws} can produce (all 2^23), the exponential and Φ on dense grids with their special
 * values.
 */
class PortableMathKernelsTest {
    private static final int UNIFORMS = 1 << 23;

    private static TornadoDevice deviceOrSkip() {
        Availability a = TornadoBackend.probeDevice();
        Assumptions.assumeTrue(a.available(), () -> "tornado backend unavailable: " + a.reason());
        return TornadoExecutionPlan.getTornadoDeviceMap().getAllBackends().get(0).getDevice(0);
    }

    static void logOfEveryUniform(FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            out.set(i, FusedKernels.logOfUniform(i << 9));
        }
    }

    static void exps(FloatArray x, FloatArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            out.set(i, FusedKernels.exp(x.get(i)));
        }
    }

    static void cdfs(FloatArray z, FloatArray out) {
        for (@Parallel int i = 0; i < z.getSize(); i++) {
            out.set(i, FusedKernels.normalCdf(z.get(i)));
        }
    }

    static void fastTanhs(FloatArray x, FloatArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            out.set(i, FusedKernels.fastTanh(x.get(i)));
        }
    }

    /** fma(x, 1.1f, −x·0.9f): the product's rounding error decides the result's low bits. */
    static void fmas(FloatArray x, FloatArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float v = x.get(i);
            out.set(i, FusedKernels.fma(v, 1.1f, v * -0.9f));
        }
    }

    @Test
    void fastTanhIsFastTanh() {
        float[] grid = grid(-12f, 12f, 1 << 20, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
                9f, -9f, Math.nextUp(9f), 3e38f, -3e38f, 1e-30f, 8.230978f);
        float[] found = run("fast tanh", PortableMathKernelsTest::fastTanhs, grid);
        for (int i = 0; i < grid.length; i++) {
            same(org.emulens.engine.cpu.FastTanh.tanh(grid[i]), found[i], "fast tanh(" + grid[i] + ")");
        }
    }

    @Test
    void fmaIsMathFma() {
        float[] grid = grid(-1e3f, 1e3f, 1 << 20, Float.NaN, Float.POSITIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
                Float.MAX_VALUE, 1e-38f, 1.0000001f);
        float[] found = run("fma", PortableMathKernelsTest::fmas, grid);
        for (int i = 0; i < grid.length; i++) {
            same(Math.fma(grid[i], 1.1f, grid[i] * -0.9f), found[i], "fma(" + grid[i] + ", 1.1, " + grid[i] * -0.9f
                    + ")");
        }
    }

    @Test
    void logOfEveryUniformIsPortableFloatMathsLog() {
        TornadoDevice device = deviceOrSkip();
        FloatArray out = new FloatArray(UNIFORMS);
        TaskGraph graph = new TaskGraph("emulensLogProbe")
                .task("log", PortableMathKernelsTest::logOfEveryUniform, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (DevicePlan plan = new DevicePlan("log of every uniform", graph, device)) {
            plan.execute();
        }
        for (int top = 0; top < UNIFORMS; top++) {
            // The low 9 bits of the word are dropped by the uniform; the sign bit is the top of the 23 kept.
            float expected = PortableFloatMath.log(MemberDraws.uniformFromBits(top << 9));
            same(expected, out.get(top), "log of the uniform of word " + Integer.toHexString(top << 9));
        }
    }

    @Test
    void expIsPortableFloatMathsExp() {
        float[] grid = grid(-110f, 95f, 1 << 20, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f,
                -0f, 89f, -104f, Math.nextUp(89f), Math.nextDown(-104f), -87.33655f, 88.72283f);
        float[] found = run("exp", PortableMathKernelsTest::exps, grid);
        for (int i = 0; i < grid.length; i++) {
            same(PortableFloatMath.exp(grid[i]), found[i], "exp(" + grid[i] + ")");
        }
    }

    @Test
    void normalCdfIsPortableNormalCdf() {
        float[] grid = grid(-16f, 16f, 1 << 20, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NaN, 1e-30f, -1e-30f);
        float[] found = run("normal cdf", PortableMathKernelsTest::cdfs, grid);
        for (int i = 0; i < grid.length; i++) {
            same(PortableNormalCdf.cdf(grid[i]), found[i], "cdf(" + grid[i] + ")");
        }
    }

    private static float[] run(String what, uk.ac.manchester.tornado.api.common.TornadoFunctions.Task2<FloatArray,
            FloatArray> kernel, float[] values) {
        FloatArray in = FloatArray.fromArray(values);
        FloatArray out = new FloatArray(values.length);
        TaskGraph graph = new TaskGraph("emulensProbe" + what.replace(" ", ""))
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, in)
                .task("probe", kernel, in, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (DevicePlan plan = new DevicePlan(what, graph, deviceOrSkip())) {
            plan.execute();
        }
        return out.toHeapArray();
    }

    /** {@code n} evenly spaced floats in [from, to], then the extra values. */
    private static float[] grid(float from, float to, int n, float... extra) {
        float[] values = new float[n + extra.length];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (from + (to - from) * (double) i / (n - 1));
        }
        System.arraycopy(extra, 0, values, n, extra.length);
        return values;
    }

    private static void same(float expected, float found, String what) {
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(found)) {
            fail(what + ": expected " + expected + " (bits " + Integer.toHexString(Float.floatToRawIntBits(expected))
                    + "), found " + found + " (bits " + Integer.toHexString(Float.floatToRawIntBits(found)) + ")");
        }
    }
}
