package org.emulens.engine.cpu;

/**
 * Whether the CPU backend can use the JDK's Vector API ({@code jdk.incubator.vector}, an incubator module
 * that must be added with {@code --add-modules jdk.incubator.vector}; {@code scripts/emulens} does), on a JVM
 * that uses the CPU's FMA instructions. Otherwise the scalar loops run, with identical results.
 * {@code -Demulens.simd=false} forces the scalar loops.
 */
public final class SimdSupport {
    private static final boolean AVAILABLE = detect();

    private SimdSupport() {
    }

    public static boolean available() {
        return AVAILABLE;
    }

    /** For logs and provenance: "Vector API, 16 float lanes" or why not. */
    public static String describe() {
        if (AVAILABLE) {
            return "Vector API, " + VectorKernels.lanes() + " float lanes";
        }
        if (!Boolean.parseBoolean(System.getProperty("emulens.simd", "true"))) {
            return "scalar loops (-Demulens.simd=false)";
        }
        if (!FloatFma.hardware()) {
            return "scalar loops (the JVM does not use FMA instructions here, UseFMA is off: fused multiply-adds "
                    + "in software, exact but slower)";
        }
        return "scalar loops (start Java with --add-modules jdk.incubator.vector for SIMD)";
    }

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("emulens.simd", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        // Without FMA instructions the Vector API's fma falls back to Math.fma lane by lane, through
        // BigDecimal: the scalar loops with FloatFma's software path are far faster, with the same bits.
        if (!FloatFma.hardware()) {
            return false;
        }
        try {
            return VectorKernels.lanes() >= 4;
        } catch (LinkageError e) {
            return false;
        }
    }
}
