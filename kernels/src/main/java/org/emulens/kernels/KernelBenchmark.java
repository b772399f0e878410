package org.emulens.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.kernels.cuda.CudaBackend;

/**
 * Throughput of the fused pass (draws, Gaussian perturbation, forward pass, mean and variance per cell) on a
 * device backend, for {@code scripts/gpu-check.sh}:
 * <pre>
 *   java ... org.emulens.kernels.KernelBenchmark [--backend cuda|opencl] [--shape A|B]... [--cells N]
 *       [--members N] [--tanh fast|exact] [--repeats N]
 * </pre>
 * GFLOP/s counts the dense layers only ({@link Emulator#flopsPerMember()}: a multiply and an add per weight);
 * the draws, activations and statistics are extra work on top, so the fraction of peak understates the
 * device's utilisation. Peak is the device's float32 rate from its properties where the backend knows it
 * (CUDA), and is not guessed otherwise.
 */
public final class KernelBenchmark {
    private KernelBenchmark() {
    }

    public static void main(String[] args) {
        String backendName = "cuda";
        List<String> shapes = new ArrayList<>();
        int cells = 16;
        long members = 1L << 22;
        TanhMode tanh = TanhMode.FAST;
        int repeats = 3;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--backend":
                    backendName = require(args[i], value);
                    break;
                case "--shape":
                    shapes.add(require(args[i], value));
                    break;
                case "--cells":
                    cells = Integer.parseInt(require(args[i], value));
                    break;
                case "--members":
                    members = Long.parseLong(require(args[i], value));
                    break;
                case "--tanh":
                    tanh = TanhMode.valueOf(require(args[i], value).toUpperCase(Locale.ROOT));
                    break;
                case "--repeats":
                    repeats = Integer.parseInt(require(args[i], value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + args[i] + "': expected --backend, --shape, "
                            + "--cells, --members, --tanh or --repeats");
            }
            i++;
        }
        if (shapes.isEmpty()) {
            shapes = List.of("B", "A");
        }
        try (Backend opened = Backends.open(backendName, BackendOptions.defaults())) {
            if (!(opened instanceof FusedEnsembleBackend)) {
                throw new IllegalArgumentException("backend '" + backendName + "': expected a device backend with a "
                        + "fused pass (cuda or opencl), found " + opened.getClass().getSimpleName());
            }
            FusedEnsembleBackend backend = (FusedEnsembleBackend) opened;
            double peak = opened instanceof CudaBackend ? ((CudaBackend) opened).deviceInfo().peakFp32Gflops()
                    : Double.NaN;
            System.out.printf("backend %s on %s; float32 peak %s%n", backendName, backend.device(),
                    Double.isNaN(peak) ? "unknown" : String.format(Locale.ROOT, "%.0f GFLOP/s", peak));
            for (String shape : shapes) {
                run(backend, BenchmarkShapes.byName(shape), tanh, cells, members, repeats, peak);
            }
        }
    }

    private static void run(FusedEnsembleBackend backend, Emulator e, TanhMode tanh, int cells, long members,
            int repeats, double peak) {
        float[][] nominal = new float[cells][e.inputCount()];
        float[][] sd = new float[cells][e.inputCount()];
        int[] ids = new int[cells];
        for (int c = 0; c < cells; c++) {
            ids[c] = c;
            java.util.Arrays.fill(sd[c], 0.1f);
        }
        CellPerturbation study = CellPerturbation.gaussian(ids, nominal, sd);
        StatisticsSpec meanAndSd = StatisticsSpec.builder().moments().build();
        try (CompiledEmulator model = backend.compile(e, tanh);
                FusedEnsembleRun run = backend.fusedRun(model, FusedRunOptions.of(meanAndSd))) {
            run.run(1, study, 0, Math.min(members, 1L << 16)); // warm-up: JIT, first launches
            double best = Double.MAX_VALUE;
            DeviceCellStatistics[][] last = null;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                last = run.run(1, study, 0, members);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double rate = cells * (double) members / best;
            double gflops = rate * e.flopsPerMember() / 1e9;
            System.out.printf(Locale.ROOT, "%s (%d FLOPs/member, tanh %s): %d cells x %d members in %.3f s: "
                    + "%.3g members/s, %.1f GFLOP/s%s; cell 0 mean %.6g, sd %.6g%n", e.name(), e.flopsPerMember(),
                    tanh, cells, members, best, rate, gflops,
                    Double.isNaN(peak) ? "" : String.format(Locale.ROOT, ", %.1f%% of peak", 100 * gflops / peak),
                    last[0][0].mean(), Math.sqrt(last[0][0].sampleVariance()));
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + ": expected a value, found none");
        }
        return value;
    }
}
