package org.emulens.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a fused-pipeline run spends its time, from a Java Flight Recorder file: execution samples grouped by
 * pipeline stage, and the methods that were on top of the stack most often. A sample belongs to the stage of
 * the nearest frame, from the top of its stack, that lies in one of the stages' packages, so time in a JDK
 * method (a {@code ThreadLocal} look-up, the Vector API) counts for the stage that called it.
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar FusedPipelineBenchmark -p shape=A -prof jfr
 *   java -cp benchmarks/target/benchmarks.jar org.emulens.benchmarks.ProfileSummary path/to/profile.jfr
 * </pre>
 * JMH's {@code jfr} profiler records the measurement iterations only, so the JIT's warm-up is not counted.
 */
public final class ProfileSummary {
    /** Stage name by package or class prefix, in the order they are tried for each frame. */
    private static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("org.emulens.ensemble.rng.", "draws and perturbation");
        STAGES.put("org.emulens.ensemble.uncertainty.", "draws and perturbation");
        STAGES.put("org.emulens.benchmarks.bench.GaussianStudy", "draws and perturbation");
        STAGES.put("org.emulens.engine.cpu.", "forward pass");
        STAGES.put("org.emulens.ensemble.stats.", "statistics");
        STAGES.put("org.emulens.ensemble.propagation.", "pipeline (chunking, hand-offs)");
    }

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ProfileSummary FILE.jfr");
            System.exit(2);
        }
        Map<String, Integer> byStage = new TreeMap<>();
        Map<String, Integer> byTop = new TreeMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = st.getFrames();
            total++;
            byStage.merge(stage(frames), 1, Integer::sum);
            RecordedFrame top = frames.get(0);
            byTop.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "%d execution samples%n%nstage%n", total);
        print(byStage, total, byStage.size());
        System.out.printf("%nmethod on top of the stack%n");
        print(byTop, total, 12);
    }

    private static String stage(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (Map.Entry<String, String> s : STAGES.entrySet()) {
                if (type.startsWith(s.getKey())) {
                    return s.getValue();
                }
            }
        }
        return "other (JMH, JIT, GC, idle hand-offs)";
    }

    private static void print(Map<String, Integer> counts, int total, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(c -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * c.getValue() / total,
                        c.getKey()));
    }
}
