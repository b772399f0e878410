package org.emulens.engine.cpu;

/**
 * Whether the CPU backend can use the JDK's Vector API ({@code jdk.incubator.vector}, an incubator module
 * that must be added with {@code --add-modules jdk.incubator.vector}; {@code scripts/emulens} does). Without
 * it the scalar loops run, with identical results. {@code -Demulens.simd=false} forces the scalar loops.
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
        return "scalar loops (start Java with --add-modules jdk.incubator.vector for SIMD)";
    }

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("emulens.simd", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorKernels.lanes() >= 4;
        } catch (LinkageError e) {
            return false;
        }
    }
}
