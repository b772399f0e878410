package org.emulens.ensemble.seasonal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed metrics against {@code dunning_reference.py}, an independent numpy implementation written from
 * the paper with whole-series operations (cumulative sums, arg-min, the FFT). The series are noisy rainfall-like
 * members around one-season and two-season climatologies; onset, cessation, length and dry days are integers
 * and must agree exactly, the harmonic ratio to 1e-9 relative (sums in a different order).
 */
class DunningNumpyReferenceTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int YEAR = 365;
    private static final SeasonRules RULES = new SeasonRules(YEAR, 50, 1.0, 1.0, 0);

    @TempDir
    Path tmp;

    @Test
    void oneSeasonMembersAgreeWithNumpy() throws Exception {
        compare(climatology(false), 0xD0E1);
    }

    @Test
    void twoSeasonMembersAgreeWithNumpy() throws Exception {
        compare(climatology(true), 0xD0E2);
    }

    /** Mean daily rain of a monsoon (one season) or an equatorial (two seasons) regime, mm/day. */
    private static double[] climatology(boolean twoSeasons) {
        double[] c = new double[YEAR];
        for (int d = 1; d <= YEAR; d++) {
            double w = 2 * Math.PI * (d - 1) / YEAR;
            c[d - 1] = twoSeasons
                    ? 4 + 0.8 * Math.cos(w - 1) - 3.2 * Math.cos(2 * w - 0.4)
                    : Math.max(0, 6 * Math.cos(w - 3.4) - 1) + 0.2;
        }
        return c;
    }

    private void compare(double[] clim, long seed) throws Exception {
        skipWithoutNumpy();
        SeasonClimatology c = SeasonClimatology.of(clim, RULES);
        SplittableRandom random = new SplittableRandom(seed);
        int members = 40;
        double[][] series = new double[members][YEAR];
        for (int m = 0; m < members; m++) {
            double shift = random.nextInt(-20, 21);
            for (int d = 1; d <= YEAR; d++) {
                int shifted = Math.floorMod((int) (d - 1 - shift), YEAR);
                // intermittent rain: wet with probability 0.6, exponential amounts with the day's mean
                double wet = random.nextDouble() < 0.6 ? -Math.log(1 - random.nextDouble()) / 0.6 : 0;
                series[m][d - 1] = clim[shifted] * wet;
            }
        }
        List<String> lines = runReference(clim, series);
        String[] head = lines.get(0).trim().split("\\s+");
        assertEquals(Double.parseDouble(head[0]), c.harmonicRatio(), 1e-9 * c.harmonicRatio(), "climatology ratio");
        List<AnalysisWindow> windows = new ArrayList<>();
        for (int i = 1; i + 1 < head.length; i += 2) {
            windows.add(new AnalysisWindow(Integer.parseInt(head[i]), Integer.parseInt(head[i + 1])));
        }
        assertEquals(windows, c.windows(), "analysis windows");
        SeasonMetric[] order = {SeasonMetric.ONSET, SeasonMetric.CESSATION, SeasonMetric.LENGTH,
            SeasonMetric.ONSET_2, SeasonMetric.CESSATION_2, SeasonMetric.LENGTH_2, SeasonMetric.HARMONIC_RATIO,
            SeasonMetric.DRY_DAYS, SeasonMetric.LONGEST_DRY_SPELL};
        int onsetsSeen = 0;
        for (int m = 0; m < members; m++) {
            MemberSeasonMetrics metrics = new MemberSeasonMetrics(c, RULES);
            for (int d = 1; d <= YEAR; d++) {
                metrics.accept(d, series[m][d - 1], series[m][d - 1]);
            }
            String[] expected = lines.get(m + 1).trim().split("\\s+");
            for (int k = 0; k < order.length; k++) {
                double want = Double.parseDouble(expected[k]);
                double got = metrics.value(order[k]);
                String what = "member " + m + " " + order[k].outputName();
                if (order[k] == SeasonMetric.HARMONIC_RATIO) {
                    assertEquals(want, got, 1e-9 * want, what);
                } else {
                    assertEquals(want, got, 0.0, what);
                }
            }
            if (!Double.isNaN(metrics.value(SeasonMetric.ONSET))) {
                onsetsSeen++;
            }
        }
        // Most members have a wet season within their window, so the comparison is not vacuous; a few whose
        // rains are shifted late end their window on its minimum and have none, in both implementations.
        assertTrue(onsetsSeen >= members * 3 / 4, onsetsSeen + " members with an onset");
    }

    private List<String> runReference(double[] clim, double[][] series) throws IOException, InterruptedException {
        Path script = tmp.resolve("dunning_reference.py");
        try (InputStream in = getClass().getResourceAsStream("dunning_reference.py")) {
            Files.copy(in, script);
        }
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"year\": %d, \"margin\": %d, \"bimodal_ratio\": %s, "
                + "\"dry_threshold\": %s, \"climatology\": ", RULES.yearLength(), RULES.marginDays(),
                Double.toString(RULES.bimodalRatio()), Double.toString(RULES.dryThreshold())));
        appendArray(json, clim);
        json.append(", \"members\": [");
        for (int m = 0; m < series.length; m++) {
            json.append(m == 0 ? "" : ", ");
            appendArray(json, series[m]);
        }
        json.append("]}");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(true).start();
        try (OutputStream out = p.getOutputStream()) {
            out.write(json.toString().getBytes(StandardCharsets.UTF_8));
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("dunning_reference.py failed:\n" + text);
        }
        return text.lines().toList();
    }

    private static void appendArray(StringBuilder json, double[] values) {
        json.append('[');
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ", ").append(Double.toString(values[i]));
        }
        json.append(']');
    }

    /** Skips, saying why, where the system interpreter or its numpy (Debian python3-numpy) is missing. */
    static void skipWithoutNumpy() throws IOException, InterruptedException {
        String reason = null;
        if (!Files.isExecutable(PYTHON)) {
            reason = PYTHON + " not found";
        } else {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                reason = "numpy is not installed for " + PYTHON + " (apt-get install python3-numpy)";
            }
        }
        if (reason != null) {
            System.err.println("[emulens-ensemble] DunningNumpyReferenceTest skipped: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }
}
