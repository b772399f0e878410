package org.emulens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.emulens.benchmarks.bench.BenchReport;
import org.emulens.benchmarks.bench.BenchSettings;
import org.emulens.benchmarks.bench.FamilyTable;
import org.emulens.benchmarks.bench.ModelBench;
import org.emulens.benchmarks.bench.ModelResult;
import org.emulens.benchmarks.bench.OnnxMlpExport;
import org.emulens.benchmarks.bench.PeakRate;
import org.emulens.benchmarks.bench.ScalingPlot;
import org.emulens.benchmarks.bench.ScalingSweep;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.BackendProvider;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.SimdSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Measures the speed of a model on this machine's backends, and how it scales with members and cells. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure how fast MODEL (or a built-in shape) runs on every available backend: members/s, "
                + "GFLOP/s, the fraction of the device's peak, bytes moved and per-launch latency, for the forward "
                + "pass and for the fused pipeline (draws, perturbation, forward pass, per-cell statistics).",
                "Figures on a shared machine vary from run to run: each is the median of --repeats runs, with the "
                        + "slowest and fastest in brackets."})
final class BenchCommand implements Runnable {
    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "Model file (.onnx); without it, --shape.")
    Path model;

    @Option(names = "--shape", paramLabel = "A|B|T|G", description = "Built-in shape: A (8-64-64-64-1, tanh), B "
            + "(6-32-32-1, tanh), T (100 trees of depth 8 on 8 inputs) or G (a Gaussian process on 256 points, 8 "
            + "inputs); repeatable. Default without MODEL: A and B.")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--families", description = "Measure one model of each family (shapes A, T and G, and MODEL if "
            + "given) and print their members/s side by side.")
    boolean families;

    @Option(names = "--backend", paramLabel = "NAME", description = "Only this backend (see 'emulens backends'). "
            + "Default: every available one.")
    String backend;

    @Option(names = "--members", defaultValue = "2^20", paramLabel = "N",
            description = "Member evaluations per measurement, e.g. 1048576, 2^20 or 1e6. Default: ${DEFAULT-VALUE}.")
    String members;

    @Option(names = "--cells", defaultValue = "16", paramLabel = "N",
            description = "Cells the fused pipelines share the members between. Default: ${DEFAULT-VALUE}.")
    int cells;

    @Option(names = "--batch", defaultValue = "65536", paramLabel = "N",
            description = "Members per launch (and per chunk of the CPU pipeline). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N",
            description = "Timed repeats of each measurement, after a warm-up. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--tanh", defaultValue = "exact", paramLabel = "MODE",
            description = "exact, or fast (rational approximation, |error| < 5e-7). Default: ${DEFAULT-VALUE}.")
    String tanh;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads, 0 = all cores.")
    int threads;

    @Option(names = "--compare", description = "Also run ONNX Runtime's forward pass and a plain Java loop on the "
            + "same inputs in this process, and print the ratios.")
    boolean compare;

    @Option(names = "--no-peak", description = "Do not measure the CPU's practical peak (a matrix multiply).")
    boolean noPeak;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--scaling", paramLabel = "DIR", description = "Instead, measure the CPU pipeline's rate and "
            + "memory against members per cell (10^3 up to --max-members) and against cells; write CSV and PNG "
            + "files to DIR.")
    Path scaling;

    @Option(names = "--max-members", defaultValue = "1e8", paramLabel = "N",
            description = "Largest member count of --scaling. Default: ${DEFAULT-VALUE}.")
    String maxMembers;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        TanhMode mode = Options.tanhMode(spec, tanh);
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(), "--threads: expected 0 (all cores) or more, found "
                    + threads);
        }
        List<Emulator> models = models();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> log = what -> {
            err.println("emulens bench: " + what);
            err.flush();
        };
        if (scaling != null) {
            runScaling(models, mode, n, count("--max-members", maxMembers), out, log);
            return;
        }
        BenchSettings s;
        try {
            s = new BenchSettings(count("--members", members), cells, batch, repeats, mode, n, compare, !noPeak);
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), "--" + ex.getMessage());
        }
        List<String> backends = backendNames();
        if (!noPeak) {
            log.accept("measuring the CPU's peak with a matrix multiply");
        }
        double loadBefore = BenchReport.loadAverage();
        PeakRate peak = PeakRate.cpu(n, !noPeak);
        List<ModelResult> results = new ArrayList<>();
        for (Emulator e : models) {
            boolean mlp = e.family() == org.emulens.engine.ModelFamily.MLP;
            results.add(ModelBench.run(e, compare && mlp ? OnnxMlpExport.toBytes(e) : null, backends, s, peak, log));
        }
        if (backend != null && !results.get(0).backends().get(0).ran()) {
            throw new org.emulens.engine.backend.BackendUnavailableException("backend '" + backend + "': "
                    + results.get(0).backends().get(0).skipped());
        }
        double loadAfter = BenchReport.loadAverage();
        BenchReport.print(out, s, peak, results, loadBefore, loadAfter);
        if (models.stream().map(Emulator::family).distinct().count() > 1) {
            FamilyTable.print(out, models, results);
        }
        if (json != null) {
            Map<String, String> env = environment();
            env.put("load_average_before", Double.toString(loadBefore));
            env.put("load_average_after", Double.toString(loadAfter));
            write(json, BenchReport.json(s, peak, results, env));
            err.printf("emulens bench: wrote %s%n", json);
            err.flush();
        }
    }

    private List<Emulator> models() {
        List<Emulator> list = new ArrayList<>();
        if (model != null) {
            list.add(ModelFiles.read(model));
        }
        List<String> names = families ? List.of("A", "T", "G")
                : shapes.isEmpty() && model == null ? List.of("A", "B") : shapes;
        for (String name : names) {
            try {
                list.add(BenchmarkShapes.byName(name));
            } catch (IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), "--shape: expected A, B, T or G, found '" + name
                        + "'");
            }
        }
        return list;
    }

    private List<String> backendNames() {
        if (backend != null) {
            if (!Backends.names().contains(backend)) {
                throw new ParameterException(spec.commandLine(), "--backend: expected one of " + Backends.names()
                        + ", found '" + backend + "'");
            }
            return List.of(backend);
        }
        List<String> names = new ArrayList<>();
        for (BackendProvider p : Backends.providers()) {
            if (p.probe().available()) {
                names.add(p.name());
            }
        }
        // The CPU backend is the reference: measure it first, whatever its priority.
        names.sort((a, b) -> Boolean.compare(!a.equals("cpu"), !b.equals("cpu")));
        return names;
    }

    private void runScaling(List<Emulator> models, TanhMode mode, int n, long max, PrintWriter out,
            Consumer<String> log) {
        try {
            Files.createDirectories(scaling);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + scaling + ": " + ex.getMessage(), ex);
        }
        long perCell = Math.min(10_000, max);
        int maxCells = (int) Math.max(1, Math.min(10_000, max / perCell));
        for (Emulator e : models) {
            ScalingSweep sweep = new ScalingSweep(e, mode, n, log);
            List<ScalingSweep.Point> overMembers = sweep.overMembers(max);
            List<ScalingSweep.Point> overCells = sweep.overCells(perCell, maxCells);
            String stem = e.name().replaceAll("[^A-Za-z0-9._-]", "_");
            String settings = String.format(Locale.ROOT, "tanh %s, %d thread%s, moments + quantile sketch",
                    mode.name().toLowerCase(Locale.ROOT), n, n == 1 ? "" : "s");
            Path membersCsv = scaling.resolve(stem + "-members.csv");
            Path cellsCsv = scaling.resolve(stem + "-cells.csv");
            Path membersPng = scaling.resolve(stem + "-members.png");
            Path cellsPng = scaling.resolve(stem + "-cells.png");
            ScalingSweep.writeCsv(membersCsv, overMembers);
            ScalingSweep.writeCsv(cellsCsv, overCells);
            ScalingPlot.write(membersPng, e.name() + ": CPU pipeline, one cell (" + settings + ")",
                    "members per cell", overMembers, p -> p.membersPerCell());
            ScalingPlot.write(cellsPng, e.name() + ": CPU pipeline, " + String.format(Locale.ROOT, "%,d", perCell)
                    + " members per cell (" + settings + ")", "cells", overCells, p -> p.cells());
            out.printf(Locale.ROOT, "%s, CPU pipeline (%s):%n", e.name(), settings);
            out.printf("  %14s %8s %14s %12s %12s %12s%n", "members/cell", "cells", "members/s", "live heap",
                    "resident", "peak RSS");
            for (List<ScalingSweep.Point> points : List.of(overMembers, overCells)) {
                for (ScalingSweep.Point p : points) {
                    out.printf(Locale.ROOT, "  %,14d %,8d %14.4g %8.1f MiB %8.1f MiB %8.1f MiB%n", p.membersPerCell(),
                            p.cells(), p.rate(), p.liveHeapMib(), p.residentMib(), p.peakResidentMib());
                }
            }
            for (Path p : List.of(membersCsv, cellsCsv, membersPng, cellsPng)) {
                out.printf("  wrote %s%n", p);
            }
        }
        out.flush();
    }

    /** Parses 1048576, 1_048_576, 2^20 or 1e6 as a positive count. */
    private long count(String option, String text) {
        String t = text.trim().replace("_", "");
        try {
            double v;
            if (t.contains("^")) {
                String[] parts = t.split("\\^");
                v = Math.pow(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            } else {
                v = Double.parseDouble(t);
            }
            if (v >= 1 && v <= 1e15 && v == Math.rint(v)) {
                return (long) v;
            }
        } catch (RuntimeException ex) {
            // Reported below.
        }
        throw new ParameterException(spec.commandLine(), option + ": expected a positive whole number such as "
                + "1048576, 2^20 or 1e6, found '" + text + "'");
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String v = BenchCommand.class.getPackage().getImplementationVersion();
        env.put("emulens", v == null ? "development build" : v);
        env.put("date", Instant.now().toString());
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cpu", cpuModel());
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("simd", SimdSupport.describe());
        env.put("default_threads", Integer.toString(BackendOptions.defaults().effectiveThreads()));
        return env;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ex) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
