package org.emulens.benchmarks.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.emulens.engine.Emulator;

/**
 * Members per second of each model family side by side: one row per model, one column per backend, each
 * cell the median rate of the forward pass and of the fused pipeline (moments) from {@link ModelBench}.
 */
public final class FamilyTable {
    static final String FORWARD = "forward pass";
    static final String PIPELINE = "fused pipeline (moments)";
    static final String DRAWS = "pipeline with emulator draws (moments)";

    private FamilyTable() {
    }

    /** {@code models.get(i)} is the model that {@code results.get(i)} measured. */
    public static void print(PrintWriter out, List<Emulator> models, List<ModelResult> results) {
        Set<String> backends = new LinkedHashSet<>();
        results.forEach(r -> r.backends().forEach(b -> backends.add(b.backend())));
        List<String> columns = new ArrayList<>(backends);
        out.println();
        out.println("members/s by model family (median; forward pass / fused pipeline with moments):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-22s %-12s %14s", "family", "model",
                "FLOPs/member"));
        columns.forEach(c -> head.append(String.format(Locale.ROOT, "  %-23s", c)));
        out.println(head);
        for (int i = 0; i < results.size(); i++) {
            ModelResult r = results.get(i);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-22s %-12s %,14d",
                    models.get(i).family().description(), r.model(), r.flopsPerMember()));
            for (String c : columns) {
                row.append(String.format(Locale.ROOT, "  %-23s", cell(r, c)));
            }
            out.println(row);
        }
        for (ModelResult r : results) {
            for (BackendResult b : r.backends()) {
                Measurement draws = b.find(DRAWS);
                if (draws != null) {
                    out.printf(Locale.ROOT, "  %s with emulator draws (predictive variance too) on %s: %s members/s%n",
                            r.model(), b.backend(), rate(draws));
                }
            }
        }
        out.flush();
    }

    private static String cell(ModelResult r, String backend) {
        for (BackendResult b : r.backends()) {
            if (b.backend().equals(backend)) {
                if (!b.ran()) {
                    return "not run (see above)";
                }
                return rate(b.find(FORWARD)) + " / " + rate(b.find(PIPELINE));
            }
        }
        return "-";
    }

    private static String rate(Measurement m) {
        return m == null ? "-" : BenchReport.rate(m.medianRate()).trim();
    }
}
