package org.emulens.benchmarks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.propagation.PredictiveDrawPropagator;
import org.emulens.ensemble.rng.MemberNormals;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.kernels.CellPerturbation;
import org.emulens.kernels.DeviceCellStatistics;
import org.emulens.kernels.FusedEnsembleBackend;
import org.emulens.kernels.FusedEnsembleRun;
import org.emulens.kernels.FusedRunOptions;
import org.emulens.kernels.cuda.CudaBackend;

/**
 * Runs one model on each backend asked for, and optionally ONNX Runtime and the plain loop, on the same
 * inputs in the same process: the measurements behind {@code emulens bench}.
 *
 * <p>Every measurement is a warm-up followed by {@link BenchSettings#repeats()} timed repeats of the same
 * work. Inputs are drawn once, before anything is timed, and split into launches of
 * {@link BenchSettings#batch()} members; the same arrays go to every engine.
 */
public final class ModelBench {
    /** The study seed of the fused pipelines, fixed so that every run draws the same members. */
    public static final long SEED = 20161227L;
    /** Moments only: what a mean-and-spread study keeps, and all the device kernels keep. */
    public static final StatisticsSpec MOMENTS = StatisticsSpec.builder().moments().build();
    /** Moments and a 0.5 %-accurate quantile sketch: what a study asking for quantiles keeps. */
    public static final StatisticsSpec MOMENTS_AND_QUANTILES =
            StatisticsSpec.builder().moments().quantileSketch(0.005).build();

    /** Pause before each timed run of the paired rounds; see {@link #seconds}. */
    private static final long PAUSE_MILLIS = 100;

    private final Emulator e;
    private final BenchSettings s;
    private final Consumer<String> log;
    private final float[][] inputs;
    private final int[] rows;

    private ModelBench(Emulator e, BenchSettings s, Consumer<String> log) {
        this.e = e;
        this.s = s;
        this.log = log;
        int n = (int) s.members();
        int count = (n + s.batch() - 1) / s.batch();
        this.inputs = new float[count][];
        this.rows = new int[count];
        SplittableRandom r = new SplittableRandom(1);
        int d = e.inputCount();
        for (int b = 0; b < count; b++) {
            rows[b] = Math.min(s.batch(), n - b * s.batch());
            inputs[b] = new float[rows[b] * d];
            for (int m = 0; m < rows[b]; m++) {
                for (int i = 0; i < d; i++) {
                    Variable v = e.inputs().get(i);
                    double lo = v.hasRange() ? v.validMin() : -1;
                    double hi = v.hasRange() ? v.validMax() : 1;
                    inputs[b][m * d + i] = (float) (lo + r.nextDouble() * (hi - lo));
                }
            }
        }
    }

    /**
     * Measures {@code e} on each of {@code backends} (names; an unavailable one is reported, not fatal) and,
     * with {@link BenchSettings#compare()}, on ONNX Runtime (from {@code onnx}, the model as an ONNX graph) and
     * the plain loop. {@code log} hears what is being run, for a progress line.
     */
    public static ModelResult run(Emulator e, byte[] onnx, List<String> backends, BenchSettings s, PeakRate cpuPeak,
            Consumer<String> log) {
        ModelBench bench = new ModelBench(e, s, log);
        // The comparisons run first, ONNX Runtime last among them, so that it and the CPU backend (first of the
        // backends) are measured minutes apart at most when other work comes and goes on the machine.
        List<Measurement> comparisons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        float[] plain = null;
        float[] ort = null;
        OrtForwardPass session = null;
        List<BackendResult> results = new ArrayList<>();
        float[] reference = null;
        try {
            if (s.compare() && e.family() != ModelFamily.MLP) {
                notes.add("onnxruntime and the plain loop: compared for MLPs only, not for a "
                        + e.family().description());
            } else if (s.compare()) {
                plain = new float[bench.rows[0] * e.outputCount()];
                comparisons.add(bench.plainLoop(plain));
                if (OrtForwardPass.available()) {
                    ort = new float[bench.rows[0] * e.outputCount()];
                    session = bench.openOnnxRuntime(onnx);
                    comparisons.add(0, bench.onnxRuntime(session, ort));
                } else {
                    notes.add("onnxruntime: not on the class path, not compared");
                }
            }
            for (String name : backends) {
                BackendResult r = bench.backend(name, cpuPeak, session);
                results.add(r);
                if (reference == null && r.firstBatchOutputs() != null) {
                    reference = r.firstBatchOutputs();
                }
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
        if (reference != null && ort != null) {
            notes.add(agreement("onnxruntime", reference, ort));
        }
        if (reference != null && plain != null) {
            notes.add(agreement("plain loop", reference, plain));
        }
        return new ModelResult(e.name(), widths(e), e.flopsPerMember(), results, comparisons, notes);
    }

    private BackendResult backend(String name, PeakRate cpuPeak, OrtForwardPass ort) {
        log.accept(e.name() + " on " + name);
        try (Backend b = Backends.open(name, new BackendOptions(s.threads(), 0), e.family());
                CompiledEmulator c = b.compile(e, s.tanh())) {
            List<Measurement> ms = new ArrayList<>();
            float[][] outputs = outputArrays();
            String device = b.device();
            String note = b instanceof CpuBackend ? "" : "includes host-device transfers";
            ms.add(timeLaunches("forward pass", b.name(), device, note, bt -> c.evaluate(inputs[bt], outputs[bt],
                    rows[bt])));
            PeakRate peak;
            List<PairedRatio> paired = List.of();
            if (b instanceof CpuBackend) {
                peak = cpuPeak;
                ms.add(cpuPipeline(b.name(), device, c, MOMENTS, GaussianStudy.Perturbation.MEMBER_PERTURBER));
                ms.add(cpuPipeline(b.name(), device, c, MOMENTS_AND_QUANTILES,
                        GaussianStudy.Perturbation.MEMBER_PERTURBER));
                ms.add(cpuPipeline(b.name(), device, c, MOMENTS, GaussianStudy.Perturbation.BATCHED_DRAWS));
                if (c.hasPredictiveVariance()) {
                    ms.add(cpuEmulatorDrawPipeline(b.name(), device, c));
                }
                if (ort != null) {
                    paired = pairedWithOnnxRuntime(b.name(), c, outputs, ort);
                }
            } else {
                peak = b instanceof CudaBackend ? PeakRate.fromDevice(((CudaBackend) b).deviceInfo().peakFp32Gflops(),
                        "128 FP32 lanes per SM x SMs x SM clock x 2 FLOPs, from the device properties")
                        : PeakRate.unknown("the " + b.name() + " backend does not report the device's rate");
                if (b instanceof FusedEnsembleBackend) {
                    ms.add(devicePipeline((FusedEnsembleBackend) b, device, c));
                }
            }
            return new BackendResult(b.name(), b.device(), peak, ms, paired, "", outputs[0].clone());
        } catch (RuntimeException ex) {
            String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            return new BackendResult(name, "", PeakRate.unknown("not run"), List.of(), List.of(), why, null);
        }
    }

    private float[][] outputArrays() {
        float[][] y = new float[inputs.length][];
        for (int b = 0; b < y.length; b++) {
            y[b] = new float[rows[b] * e.outputCount()];
        }
        return y;
    }

    @FunctionalInterface
    private interface Launch {
        void run(int batch) throws Exception;
    }

    private Measurement timeLaunches(String what, String engine, String device, String note, Launch launch) {
        try {
            warmUp(launch);
            Histogram h = LaunchLatency.newHistogram();
            double[] seconds = new double[s.repeats()];
            for (int r = 0; r < s.repeats(); r++) {
                long start = System.nanoTime();
                for (int b = 0; b < inputs.length; b++) {
                    long t0 = System.nanoTime();
                    launch.run(b);
                    h.recordValue(System.nanoTime() - t0);
                }
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            return new Measurement(what, engine, device, s.members(), seconds, LaunchLatency.of(s.batch(), h),
                    e.flopsPerMember(), 4L * (e.inputCount() + e.outputCount()), note);
        } catch (Exception ex) {
            throw new IllegalStateException(engine + " " + what + " failed: " + ex.getMessage(), ex);
        }
    }

    /** At least one pass over every launch and a second of work, so that the JIT has compiled the hot loops. */
    private void warmUp(Launch launch) throws Exception {
        long start = System.nanoTime();
        int passes = 0;
        while (passes < 2 || (System.nanoTime() - start < 1_000_000_000L && passes < 20)) {
            for (int b = 0; b < inputs.length; b++) {
                launch.run(b);
            }
            passes++;
        }
    }

    private Measurement cpuPipeline(String engine, String device, CompiledEmulator c, StatisticsSpec spec,
            GaussianStudy.Perturbation how) {
        String what = pipelineName(spec, how);
        log.accept(e.name() + " " + what + " on " + engine);
        GaussianStudy study = GaussianStudy.of(e, s.cells(), SEED);
        MemberInputs in = study.inputs(how);
        long perCell = s.membersPerCell();
        long total = perCell * s.cells();
        try (EnsemblePropagator p = new EnsemblePropagator(c, spec, s.batch(), s.threads())) {
            // A quarter of the work, at least one chunk, compiles the perturbation and statistics loops.
            p.runCells(study.slots(), Math.max(1, Math.min(perCell, Math.max(perCell / 4, s.batch() / s.cells()))),
                    in, null);
            Histogram h = LaunchLatency.newHistogram();
            double[] seconds = new double[s.repeats()];
            CellStatistics[][] last = null;
            for (int r = 0; r < s.repeats(); r++) {
                long[] previous = {System.nanoTime()};
                long start = previous[0];
                last = p.runCells(study.slots(), perCell, in, done -> {
                    long now = System.nanoTime();
                    h.recordValue(now - previous[0]);
                    previous[0] = now;
                });
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            if (last[0][0].moments().count() != perCell) {
                throw new IllegalStateException("fused pipeline counted " + last[0][0].moments().count()
                        + " members in cell 0, expected " + perCell);
            }
            String perturbation = how == GaussianStudy.Perturbation.MEMBER_PERTURBER
                    ? "MemberPerturber per member, as emulens run does"
                    : "MemberPerturber.perturbMembers, normals of 256 members at once, " + MemberNormals.describe()
                    + ", same bits";
            return new Measurement(what, engine, device, total, seconds, LaunchLatency.of(Math.min(s.batch(), total), h),
                    e.flopsPerMember(), 8L * (e.inputCount() + e.outputCount()), "Philox draws, Gaussian perturbation "
                    + "of every input (" + perturbation + "), forward pass, per-cell statistics; " + s.cells()
                    + " cells");
        }
    }

    /**
     * The CPU pipeline of a model with a predictive variance (a Gaussian process) as a study runs it: each
     * member's output adds a draw from the predictive distribution, so the variance is computed too.
     */
    private Measurement cpuEmulatorDrawPipeline(String engine, String device, CompiledEmulator c) {
        String what = "pipeline with emulator draws (moments)";
        log.accept(e.name() + " " + what + " on " + engine);
        GaussianStudy study = GaussianStudy.of(e, s.cells(), SEED);
        MemberInputs in = study.inputs(GaussianStudy.Perturbation.MEMBER_PERTURBER);
        long perCell = s.membersPerCell();
        PredictiveDrawPropagator p = new PredictiveDrawPropagator(c, MOMENTS, SEED, s.batch());
        p.runMembers(study.slots()[0], 0, Math.max(1, perCell / 4), in, null);
        double[] seconds = new double[s.repeats()];
        for (int r = 0; r < s.repeats(); r++) {
            long start = System.nanoTime();
            for (int cell : study.slots()) {
                p.runMembers(cell, 0, perCell, in, null);
            }
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        return new Measurement(what, engine, device, perCell * s.cells(), seconds, null, e.flopsPerMember(),
                8L * (e.inputCount() + e.outputCount()), "Philox draws, Gaussian perturbation, predictive mean and "
                + "variance in float64, a draw from the predictive distribution, per-cell statistics; one cell at a "
                + "time; " + s.cells() + " cells");
    }

    /** "fused pipeline (moments)", "fused pipeline (moments, batched draws)", ... */
    public static String pipelineName(StatisticsSpec spec, GaussianStudy.Perturbation how) {
        return "fused pipeline (" + (spec.hasQuantileSketch() ? "moments + quantile sketch" : "moments")
                + (how == GaussianStudy.Perturbation.BATCHED_DRAWS ? ", batched draws" : "") + ")";
    }

    private Measurement devicePipeline(FusedEnsembleBackend b, String device, CompiledEmulator c) {
        log.accept(e.name() + " fused pipeline on " + b.name());
        GaussianStudy study = GaussianStudy.of(e, s.cells(), SEED);
        CellPerturbation cells = study.devicePerturbation();
        long perCell = s.membersPerCell();
        try (FusedEnsembleRun run = b.fusedRun(c, FusedRunOptions.of(MOMENTS))) {
            run.run(SEED, cells, 0, Math.max(1, perCell / 4));
            Histogram h = LaunchLatency.newHistogram();
            double[] seconds = new double[s.repeats()];
            for (int r = 0; r < s.repeats(); r++) {
                long t0 = System.nanoTime();
                DeviceCellStatistics[][] out = run.run(SEED, cells, 0, perCell);
                long t = System.nanoTime() - t0;
                h.recordValue(t);
                seconds[r] = t / 1e9;
                if (out[0][0].count() != perCell) {
                    throw new IllegalStateException("device pipeline counted " + out[0][0].count()
                            + " members in cell 0, expected " + perCell);
                }
            }
            return new Measurement("fused pipeline (moments)", b.name(), device, perCell * s.cells(), seconds,
                    LaunchLatency.of(perCell * s.cells(), h), e.flopsPerMember(), 0,
                    "draws, perturbation, forward pass and moments on the device; only partial statistics return; "
                    + s.cells() + " cells");
        }
    }

    private OrtForwardPass openOnnxRuntime(byte[] onnx) {
        float[] x = new float[(int) s.members() * e.inputCount()];
        for (int b = 0; b < inputs.length; b++) {
            System.arraycopy(inputs[b], 0, x, b * s.batch() * e.inputCount(), inputs[b].length);
        }
        return new OrtForwardPass(onnx, e, s.threads(), x, (int) s.members(), s.batch());
    }

    private Measurement onnxRuntime(OrtForwardPass ort, float[] firstOutputs) {
        log.accept(e.name() + " on onnxruntime");
        ort.run(0, firstOutputs, 0);
        return timeLaunches("forward pass", "onnxruntime", "ONNX Runtime " + OrtForwardPass.version()
                + ", CPU execution provider, " + s.threads() + " intra-op thread" + (s.threads() == 1 ? "" : "s"),
                "inputs in tensors made before timing; tanh is ONNX Runtime's own", bt -> ort.run(bt, null, 0));
    }

    /**
     * Rounds of ONNX Runtime's forward pass and the CPU backend's forward pass and fused pipelines back to back,
     * in alternating order, over the same member count: one ratio to ONNX Runtime per round and line.
     */
    private List<PairedRatio> pairedWithOnnxRuntime(String engine, CompiledEmulator c, float[][] outputs,
            OrtForwardPass ort) {
        log.accept(e.name() + " paired rounds against onnxruntime");
        GaussianStudy study = GaussianStudy.of(e, s.cells(), SEED);
        long perCell = s.membersPerCell();
        double fusedMembers = perCell * s.cells();
        String[] names = {"forward pass", pipelineName(MOMENTS, GaussianStudy.Perturbation.MEMBER_PERTURBER),
                pipelineName(MOMENTS, GaussianStudy.Perturbation.BATCHED_DRAWS)};
        double[][] ratios = new double[names.length][s.repeats()];
        try (EnsemblePropagator asRun = new EnsemblePropagator(c, MOMENTS, s.batch(), s.threads());
                EnsemblePropagator batched = new EnsemblePropagator(c, MOMENTS, s.batch(), s.threads())) {
            MemberInputs perturber = study.inputs(GaussianStudy.Perturbation.MEMBER_PERTURBER);
            MemberInputs draws = study.inputs(GaussianStudy.Perturbation.BATCHED_DRAWS);
            Runnable[] work = {
                () -> {
                    for (int b = 0; b < inputs.length; b++) {
                        c.evaluate(inputs[b], outputs[b], rows[b]);
                    }
                },
                () -> asRun.runCells(study.slots(), perCell, perturber, null),
                () -> batched.runCells(study.slots(), perCell, draws, null)};
            Runnable onnx = () -> {
                for (int b = 0; b < inputs.length; b++) {
                    ort.run(b, null, 0);
                }
            };
            for (int r = 0; r < s.repeats(); r++) {
                double[] seconds = new double[work.length];
                double ortSeconds;
                if (r % 2 == 0) {
                    ortSeconds = seconds(onnx);
                    for (int w = 0; w < work.length; w++) {
                        seconds[w] = seconds(work[w]);
                    }
                } else {
                    for (int w = work.length - 1; w >= 0; w--) {
                        seconds[w] = seconds(work[w]);
                    }
                    ortSeconds = seconds(onnx);
                }
                double ortRate = s.members() / ortSeconds;
                ratios[0][r] = s.members() / seconds[0] / ortRate;
                ratios[1][r] = fusedMembers / seconds[1] / ortRate;
                ratios[2][r] = fusedMembers / seconds[2] / ortRate;
            }
        }
        List<PairedRatio> out = new ArrayList<>();
        for (int w = 0; w < names.length; w++) {
            out.add(new PairedRatio(engine + " " + names[w], "onnxruntime forward pass", ratios[w]));
        }
        return out;
    }

    /**
     * Times {@code r} after a pause: ONNX Runtime's pool threads keep spinning for a while after a run (its
     * default, which this keeps), and would otherwise take cores from whatever is timed next.
     */
    private static double seconds(Runnable r) {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between paired runs", ex);
        }
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private Measurement plainLoop(float[] firstOutputs) {
        log.accept(e.name() + " on the plain loop");
        PlainLoopForwardPass plain = new PlainLoopForwardPass(e, s.tanh());
        float[][] outputs = outputArrays();
        ForkJoinPool pool = new ForkJoinPool(s.threads());
        try {
            // The loop is slow: warm it up on the first launch only, then time all of them.
            for (int w = 0; w < 3; w++) {
                plain.evaluate(inputs[0], firstOutputs, rows[0]);
            }
            double[] seconds = new double[s.repeats()];
            for (int r = 0; r < s.repeats(); r++) {
                long start = System.nanoTime();
                // Launches shared between the threads, as the backends share theirs.
                pool.submit(() -> IntStream.range(0, inputs.length).parallel()
                        .forEach(q -> plain.evaluate(inputs[q], outputs[q], rows[q]))).get();
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            return new Measurement("forward pass", "plain-loop", "Java, one member at a time, " + s.threads()
                    + " thread" + (s.threads() == 1 ? "" : "s"), s.members(), seconds, null, e.flopsPerMember(),
                    4L * (e.inputCount() + e.outputCount()), "launches shared between threads, not timed one by one");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("plain loop interrupted", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException("plain loop failed: " + ex.getCause(), ex.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** "onnxruntime agrees with the first backend within 2.4e-07 (largest absolute difference, first launch)". */
    private static String agreement(String who, float[] reference, float[] other) {
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs((double) reference[i] - other[i]));
        }
        return String.format(java.util.Locale.ROOT, "%s: largest difference from the first backend's outputs %.2g "
                + "(first launch)", who, worst);
    }

    /** "8 -> 64 -> 64 -> 64 -> 1 (tanh)"; for other families, their size in words. */
    static String widths(Emulator e) {
        switch (e.family()) {
            case TREE_ENSEMBLE:
                return String.format(java.util.Locale.ROOT, "tree ensemble, %d inputs, %d trees, %,d nodes, depth "
                        + "%d", e.inputCount(), e.trees().treeCount(), e.trees().nodeCount(), e.trees().maxDepth());
            case GAUSSIAN_PROCESS:
                return String.format(java.util.Locale.ROOT, "Gaussian process (%s), %d inputs, %d training points",
                        e.gaussianProcess().kernel().fileName(), e.inputCount(), e.gaussianProcess().points());
            default:
                break;
        }
        StringBuilder b = new StringBuilder().append(e.inputCount());
        java.util.Set<String> acts = new java.util.LinkedHashSet<>();
        e.layers().forEach(l -> {
            b.append(" -> ").append(l.outputs());
            if (l.activation().kind() != org.emulens.engine.Activation.Kind.IDENTITY) {
                acts.add(l.activation().label());
            }
        });
        return b + (acts.isEmpty() ? "" : " (" + String.join(", ", acts) + ")");
    }
}
