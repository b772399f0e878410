package org.emulens.benchmarks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The float32 rate a device could reach, two ways: assumed from its specification, and measured with a
 * matrix multiply in the same process. Either may be unknown (NaN), with the reason in its description.
 *
 * <p>For the CPU the assumption is {@code cores × clock × 2 FMA units × lanes × 2 FLOPs}: two fused
 * multiply-add pipes per core, as on current x86 server cores with AVX-512 or AVX2. The clock is the one the
 * operating system reports, which on virtual machines and with turbo boost is usually not the clock the
 * cores run at; the measured matrix multiply is the practical peak and may exceed the assumed one.
 *
 * @param assumedGflops  from the specification; NaN when unknown
 * @param assumption     how {@code assumedGflops} was computed, or why it is unknown
 * @param measuredGflops from a matrix multiply in this process; NaN when not measured
 * @param measurement    what was measured, or why not
 */
public record PeakRate(double assumedGflops, String assumption, double measuredGflops, String measurement) {
    /** Assumed FMA pipes per core; see the class description. */
    public static final int FMA_UNITS = 2;
    /** Size of the square matrices of the measured peak: 7 GFLOP a product, large enough to time. */
    public static final int SGEMM_SIZE = 1536;
    private static final int SGEMM_REPEATS = 5;

    /** Neither figure known, for a device whose backend says nothing of its rate. */
    public static PeakRate unknown(String why) {
        return new PeakRate(Double.NaN, why, Double.NaN, "not measured: " + why);
    }

    /** A device's own figure (CUDA device properties), nothing measured here. */
    public static PeakRate fromDevice(double gflops, String how) {
        return new PeakRate(gflops, how, Double.NaN, "not measured (no matrix multiply of our own on this device)");
    }

    /**
     * The CPU's peak for {@code threads} cores, assumed from the clock and the SIMD width and, when
     * {@code measure} is true and the Vector API is present, measured with {@link VectorSgemm}.
     */
    public static PeakRate cpu(int threads, boolean measure) {
        int cores = Math.min(threads, Runtime.getRuntime().availableProcessors());
        double mhz = clockMhz();
        int lanes = floatLanes();
        double assumed = Double.NaN;
        String assumption;
        if (Double.isNaN(mhz) || lanes == 0) {
            assumption = "unknown: " + (Double.isNaN(mhz) ? "no 'cpu MHz' in /proc/cpuinfo" : "SIMD width unknown");
        } else {
            assumed = cores * mhz / 1000 * FMA_UNITS * lanes * 2;
            assumption = String.format(Locale.ROOT, "%d core%s x %.2f GHz ('cpu MHz' in /proc/cpuinfo, boost not "
                    + "counted) x %d FMA units x %d float lanes x 2 FLOPs", cores, cores == 1 ? "" : "s", mhz / 1000,
                    FMA_UNITS, lanes);
        }
        if (!measure) {
            return new PeakRate(assumed, assumption, Double.NaN, "not measured (asked not to)");
        }
        if (!vectorApi()) {
            return new PeakRate(assumed, assumption, Double.NaN,
                    "not measured: start Java with --add-modules jdk.incubator.vector");
        }
        try {
            double g = VectorSgemm.bestGflops(SGEMM_SIZE, cores, SGEMM_REPEATS);
            return new PeakRate(assumed, assumption, g, String.format(Locale.ROOT, "%d^3 float32 matrix multiply, "
                    + "Vector API fused multiply-add, %d thread%s, best of %d", SGEMM_SIZE, cores,
                    cores == 1 ? "" : "s", SGEMM_REPEATS));
        } catch (Exception ex) {
            return new PeakRate(assumed, assumption, Double.NaN, "not measured: " + ex);
        }
    }

    /** Whether the Vector API module is in the boot layer. */
    static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The highest 'cpu MHz' that /proc/cpuinfo reports; NaN where there is none. */
    static double clockMhz() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            double best = Double.NaN;
            for (String line : lines) {
                if (line.startsWith("cpu MHz")) {
                    double v = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                    best = Double.isNaN(best) ? v : Math.max(best, v);
                }
            }
            return best;
        } catch (IOException | RuntimeException ex) {
            return Double.NaN;
        }
    }

    /** Float lanes of the widest SIMD registers: the Vector API's preferred width, else the CPU flags. */
    static int floatLanes() {
        if (vectorApi()) {
            return VectorSgemm.lanes();
        }
        try {
            String flags = Files.readString(Path.of("/proc/cpuinfo"));
            if (flags.contains(" avx512f")) {
                return 16;
            }
            if (flags.contains(" avx2")) {
                return 8;
            }
            return flags.contains(" sse2") ? 4 : 0;
        } catch (IOException ex) {
            return 0;
        }
    }

    public boolean hasAssumed() {
        return !Double.isNaN(assumedGflops);
    }

    public boolean hasMeasured() {
        return !Double.isNaN(measuredGflops);
    }
}
