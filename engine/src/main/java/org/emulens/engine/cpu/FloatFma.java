package org.emulens.engine.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The float fused multiply-add of the forward pass, {@code a·b + c} rounded once, fast with or without FMA
 * instructions. Where the JVM uses the CPU's FMA instructions it is {@link Math#fma}; without them
 * {@code Math.fma(float, float, float)} goes through {@code BigDecimal}, thousands of times slower, so
 * {@link #software} computes the same bits in double instead: the product of two floats is exact in double,
 * the sum is rounded to odd (the nearest double, moved one step towards the exact value when that makes
 * its last bit odd), and rounding that to float is then correctly rounded (Boldo and Melquiond, "Emulation
 * of FMA and correctly rounded sums: proved algorithms using rounding to odd", IEEE Trans. Computers 57(4),
 * 2008: 53 bits ≥ 24 + 2).
 */
public final class FloatFma {
    private static final boolean HARDWARE = detect();

    private FloatFma() {
    }

    /** {@code a·b + c} with one rounding. */
    public static float fma(float a, float b, float c) {
        return HARDWARE ? Math.fma(a, b, c) : software(a, b, c);
    }

    /** Whether the JVM runs {@link Math#fma} on FMA instructions (HotSpot's {@code UseFMA}). */
    public static boolean hardware() {
        return HARDWARE;
    }

    /** {@link Math#fma} without FMA instructions: the same bits for every argument. */
    static float software(float a, float b, float c) {
        double p = (double) a * b;
        double s = p + c;
        if (!Double.isFinite(s)) {
            return (float) s;
        }
        // TwoSum: s + err is p + c exactly.
        double back = s - p;
        double err = (p - (s - back)) + (c - back);
        if (err != 0 && (Double.doubleToRawLongBits(s) & 1) == 0) {
            s = err > 0 ? Math.nextUp(s) : Math.nextDown(s);
        }
        return (float) s;
    }

    private static boolean detect() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm == null || Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or no such option: Math.fma is correct either way.
            return true;
        }
    }
}
