package org.emulens.benchmarks.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@link ModelBench}'s results as text for people and as JSON for tools. */
public final class BenchReport {
    /** The target the CPU pipeline is held to: its rate over ONNX Runtime's forward pass alone. */
    public static final double TARGET_RATIO = 2.0;

    private BenchReport() {
    }

    /**
     * The text report. {@code loadBefore} and {@code loadAfter} are the machine's 1-minute load averages when
     * the measurements began and ended (NaN where unknown): work beside the benchmark changes every figure.
     */
    public static void print(PrintWriter out, BenchSettings s, PeakRate cpuPeak, List<ModelResult> models,
            double loadBefore, double loadAfter) {
        out.printf(Locale.ROOT, "emulens bench: %,d members in launches of %,d, %d cell%s in the fused pipelines, "
                + "tanh %s, %d thread%s; median of %d repeat%s, [slowest - fastest]%n", s.members(), s.batch(),
                s.cells(), s.cells() == 1 ? "" : "s", s.tanh().name().toLowerCase(Locale.ROOT), s.threads(),
                s.threads() == 1 ? "" : "s", s.repeats(), s.repeats() == 1 ? "" : "s");
        if (!Double.isNaN(loadBefore)) {
            out.printf(Locale.ROOT, "machine: %d cores, 1-minute load average %.2f before and %.2f after (above 0 "
                    + "means other work shared the cores)%n", Runtime.getRuntime().availableProcessors(), loadBefore,
                    loadAfter);
        }
        out.printf(Locale.ROOT, "CPU peak, assumed:  %s%n", cpuPeak.hasAssumed() ? String.format(Locale.ROOT,
                "%.1f GFLOP/s = %s", cpuPeak.assumedGflops(), cpuPeak.assumption()) : cpuPeak.assumption());
        out.printf(Locale.ROOT, "CPU peak, measured: %s%n", cpuPeak.hasMeasured() ? String.format(Locale.ROOT,
                "%.1f GFLOP/s, %s", cpuPeak.measuredGflops(), cpuPeak.measurement()) : cpuPeak.measurement());
        for (ModelResult m : models) {
            out.println();
            out.printf(Locale.ROOT, "%s: %s, %,d FLOPs/member%n", m.model(), m.layers(), m.flopsPerMember());
            for (BackendResult b : m.backends()) {
                if (!b.ran()) {
                    out.printf("  %-12s not run: %s%n", b.backend(), b.skipped());
                    continue;
                }
                out.printf("  %-12s %s%n", b.backend(), b.measurements().get(0).device());
                if (b.backend().equals("cpu")) {
                    printPeakNote(out, b.peak());
                } else if (!b.peak().hasAssumed()) {
                    out.printf("               peak: %s%n", b.peak().assumption());
                }
                for (Measurement x : b.measurements()) {
                    printMeasurement(out, x, b.peak());
                }
            }
            for (Measurement x : m.comparisons()) {
                out.printf("  %-12s %s%n", x.engine(), x.device());
                printMeasurement(out, x, x.engine().equals("onnxruntime") || x.engine().equals("plain-loop")
                        ? cpuPeak : PeakRate.unknown(""));
            }
            printRatios(out, m);
            for (String note : m.notes()) {
                out.printf("  note: %s%n", note);
            }
        }
        out.flush();
    }

    private static void printPeakNote(PrintWriter out, PeakRate p) {
        if (p.hasAssumed() && p.hasMeasured() && p.measuredGflops() > p.assumedGflops()) {
            out.printf(Locale.ROOT, "               note: the measured peak exceeds the assumed one, so the cores "
                    + "run above the reported clock%n");
        }
    }

    private static void printMeasurement(PrintWriter out, Measurement x, PeakRate peak) {
        StringBuilder of = new StringBuilder();
        if (peak.hasAssumed()) {
            of.append(String.format(Locale.ROOT, "%.1f%% of assumed peak", 100 * x.gflops() / peak.assumedGflops()));
        }
        if (peak.hasMeasured()) {
            of.append(of.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.1f%% of measured",
                    100 * x.gflops() / peak.measuredGflops()));
        }
        out.printf(Locale.ROOT, "    %-44s %s members/s [%s - %s]  %6.1f GFLOP/s%s%n", x.what(),
                rate(x.medianRate()), rate(x.minRate()), rate(x.maxRate()), x.gflops(),
                of.length() > 0 ? "  (" + of + ")" : "");
        StringBuilder second = new StringBuilder();
        if (x.bytesPerMember() > 0) {
            second.append(String.format(Locale.ROOT, "moved %s per repeat (%d B/member, %s/s)",
                    bytes(x.bytesMoved()), x.bytesPerMember(), bytes(x.medianRate() * x.bytesPerMember())));
        } else {
            second.append("no member data moved to or from the host");
        }
        if (x.latency() != null) {
            second.append(String.format(Locale.ROOT, "; per launch of %,d: %s", x.latency().launchMembers(),
                    x.latency().describe()));
        }
        out.printf("    %-44s %s%n", "", second);
        if (!x.note().isEmpty()) {
            out.printf("    %-44s %s%n", "", x.note());
        }
    }

    private static void printRatios(PrintWriter out, ModelResult m) {
        Measurement ort = m.comparison("onnxruntime");
        Measurement plain = m.comparison("plain-loop");
        if (ort == null && plain == null) {
            return;
        }
        out.println("  ratios of median rates:");
        for (BackendResult b : m.backends()) {
            if (!b.ran()) {
                continue;
            }
            for (Measurement x : b.measurements()) {
                String mine = b.backend() + " " + x.what();
                if (ort != null) {
                    out.printf(Locale.ROOT, "    %-78s %6.2fx  [%.2f - %.2f]%n", mine + " / onnxruntime forward pass",
                            x.medianRate() / ort.medianRate(), x.minRate() / ort.maxRate(),
                            x.maxRate() / ort.minRate());
                }
                if (plain != null && x.what().equals("forward pass")) {
                    out.printf(Locale.ROOT, "    %-78s %6.2fx  [%.2f - %.2f]%n", mine + " / plain-loop forward pass",
                            x.medianRate() / plain.medianRate(), x.minRate() / plain.maxRate(),
                            x.maxRate() / plain.minRate());
                }
            }
        }
        for (BackendResult b : m.backends()) {
            if (b.ran() && !b.paired().isEmpty()) {
                out.printf("  ratios to ONNX Runtime's forward pass in %d paired rounds (each runs both back to back):%n",
                        b.paired().get(0).ratios().length);
                for (PairedRatio p : b.paired()) {
                    out.printf(Locale.ROOT, "    %-78s %6.2fx  [%.2f - %.2f]%n", p.numerator() + " / " + p.denominator(),
                            p.median(), p.min(), p.max());
                }
            }
        }
        for (BackendResult b : m.backends()) {
            if (!b.ran() || !b.backend().equals("cpu") || ort == null) {
                continue;
            }
            String asRun = ModelBench.pipelineName(ModelBench.MOMENTS, GaussianStudy.Perturbation.MEMBER_PERTURBER);
            String batched = ModelBench.pipelineName(ModelBench.MOMENTS, GaussianStudy.Perturbation.BATCHED_DRAWS);
            double r = ratio(b, asRun, ort);
            double rb = ratio(b, batched, ort);
            out.printf(Locale.ROOT, "  target: CPU fused pipeline >= %.0fx ONNX Runtime's forward pass: %s (%.2fx with "
                    + "batched draws, as emulens run does; %.2fx with MemberPerturber member by member%s)%n",
                    TARGET_RATIO, rb >= TARGET_RATIO ? "met" : "not met", rb, r,
                    b.paired().isEmpty() ? "" : "; medians of the paired rounds");
        }
    }

    /** The paired ratio of {@code what} where there is one, else the ratio of the median rates. */
    private static double ratio(BackendResult b, String what, Measurement ort) {
        for (PairedRatio p : b.paired()) {
            if (p.numerator().equals(b.backend() + " " + what)) {
                return p.median();
            }
        }
        Measurement m = b.find(what);
        return m == null ? Double.NaN : m.medianRate() / ort.medianRate();
    }

    /** The 1-minute load average from /proc/loadavg; NaN where there is none. */
    public static double loadAverage() {
        try {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
            return Double.parseDouble(text.split("\\s+")[0]);
        } catch (java.io.IOException | RuntimeException ex) {
            return Double.NaN;
        }
    }

    /** "6.81 M", "512 k", "950". */
    static String rate(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.3g G", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3g M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.3g k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String bytes(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.3g GB", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3g MB", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.3g kB", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f B", v);
    }

    /** The results as one JSON object; {@code environment} adds name-value pairs (Java, OS, CPU). */
    public static String json(BenchSettings s, PeakRate cpuPeak, List<ModelResult> models,
            Map<String, String> environment) {
        Json j = new Json();
        j.open();
        j.key("environment").open();
        environment.forEach((k, v) -> j.key(k).string(v));
        j.close();
        j.key("settings").open();
        j.key("members").number(s.members()).key("cells").number(s.cells()).key("batch").number(s.batch())
                .key("repeats").number(s.repeats()).key("tanh").string(s.tanh().name().toLowerCase(Locale.ROOT))
                .key("threads").number(s.threads()).key("compare").bool(s.compare());
        j.close();
        j.key("cpu_peak");
        peak(j, cpuPeak);
        j.key("models").array();
        for (ModelResult m : models) {
            j.open().key("model").string(m.model()).key("layers").string(m.layers()).key("flops_per_member")
                    .number(m.flopsPerMember());
            j.key("backends").array();
            for (BackendResult b : m.backends()) {
                j.open().key("backend").string(b.backend()).key("ran").bool(b.ran());
                if (!b.ran()) {
                    j.key("skipped").string(b.skipped());
                } else {
                    j.key("device").string(b.device()).key("peak");
                    peak(j, b.peak());
                    j.key("measurements").array();
                    for (Measurement x : b.measurements()) {
                        measurement(j, x, b.peak());
                    }
                    j.closeArray();
                }
                j.close();
            }
            j.closeArray();
            j.key("comparisons").array();
            for (Measurement x : m.comparisons()) {
                measurement(j, x, cpuPeak);
            }
            j.closeArray();
            Measurement ort = m.comparison("onnxruntime");
            Measurement plain = m.comparison("plain-loop");
            j.key("ratios").open();
            for (BackendResult b : m.backends()) {
                for (Measurement x : b.measurements()) {
                    String key = b.backend() + " " + x.what();
                    if (ort != null) {
                        j.key(key + " / onnxruntime forward pass").number(x.medianRate() / ort.medianRate());
                    }
                    if (plain != null && x.what().equals("forward pass")) {
                        j.key(key + " / plain-loop forward pass").number(x.medianRate() / plain.medianRate());
                    }
                }
            }
            j.close();
            j.key("paired_ratios").array();
            for (BackendResult b : m.backends()) {
                for (PairedRatio p : b.paired()) {
                    j.open().key("numerator").string(p.numerator()).key("denominator").string(p.denominator())
                            .key("median").number(p.median()).key("min").number(p.min()).key("max").number(p.max())
                            .key("rounds").array();
                    for (double v : p.ratios()) {
                        j.number(v);
                    }
                    j.closeArray().close();
                }
            }
            j.closeArray();
            j.key("notes").array();
            m.notes().forEach(n -> j.string(n));
            j.closeArray();
            j.close();
        }
        j.closeArray();
        j.close();
        return j.toString();
    }

    private static void peak(Json j, PeakRate p) {
        j.open().key("assumed_gflops").number(p.assumedGflops()).key("assumption").string(p.assumption())
                .key("measured_gflops").number(p.measuredGflops()).key("measurement").string(p.measurement()).close();
    }

    private static void measurement(Json j, Measurement x, PeakRate peak) {
        j.open().key("what").string(x.what()).key("engine").string(x.engine()).key("device").string(x.device())
                .key("members").number(x.members());
        j.key("seconds").array();
        for (double t : x.seconds()) {
            j.number(t);
        }
        j.closeArray();
        j.key("members_per_s_median").number(x.medianRate()).key("members_per_s_min").number(x.minRate())
                .key("members_per_s_max").number(x.maxRate()).key("gflops").number(x.gflops())
                .key("fraction_of_assumed_peak").number(x.gflops() / peak.assumedGflops())
                .key("fraction_of_measured_peak").number(x.gflops() / peak.measuredGflops())
                .key("bytes_per_member").number(x.bytesPerMember()).key("bytes_moved").number(x.bytesMoved());
        if (x.latency() != null) {
            LaunchLatency l = x.latency();
            j.key("latency").open().key("launch_members").number(l.launchMembers()).key("launches")
                    .number(l.launches()).key("p50_ns").number(l.p50Nanos()).key("p90_ns").number(l.p90Nanos())
                    .key("p99_ns").number(l.p99Nanos()).key("max_ns").number(l.maxNanos()).close();
        }
        j.key("note").string(x.note()).close();
    }
}
