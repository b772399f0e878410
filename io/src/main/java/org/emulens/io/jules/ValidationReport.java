package org.emulens.io.jules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emulens.io.AtomicFile;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.CfGridWriter;
import org.emulens.io.netcdf.NetcdfFormat;
import org.emulens.io.netcdf.OutputField;
import org.emulens.io.plot.QuickLookPng;

/**
 * Writes a {@link JulesValidation.Result}: a CF NetCDF of per-cell maps ({@code rmse}, {@code bias},
 * {@code r2}, {@code correlation}, {@code count}; suffixed {@code _pft1}, ... per PFT), quick-look PNGs of
 * RMSE and bias beside it, and a summary table (CSV, and as text for the terminal). A map's {@code rmse}
 * can be given to a study as the emulator's own error ({@code emulator_error} in the study file).
 */
public final class ValidationReport {
    /** The CSV header of the summary table. */
    public static final String CSV_HEADER = "group,season,count,rmse,bias,r2,correlation";

    private ValidationReport() {
    }

    /**
     * Writes {@code output} (NetCDF), {@code <stem>.csv} and, if {@code plot}, {@code <stem>_<map>.png};
     * returns the files written, the NetCDF first.
     */
    public static List<Path> write(JulesValidation.Result r, Path output, Map<String, String> provenance,
            NetcdfFormat format, boolean plot) {
        String units = r.units();
        CfGridWriter.Builder w = CfGridWriter.builder(r.grid())
                .title("Emulens validation of '" + r.output() + "' against JULES '" + r.reference().variable() + "' ("
                        + r.reference().file().getFileName() + ")")
                .history(Instant.now() + ": " + provenance.getOrDefault("emulens_command_line", "emulens validate"))
                .provenance(provenance).format(format);
        List<GridField> maps = new ArrayList<>();
        for (JulesValidation.Group g : r.groups()) {
            String suffix = g.name().equals("all") ? "" : "_" + g.name();
            String of = " of emulated " + r.output() + " against JULES " + r.reference().variable()
                    + (suffix.isEmpty() ? "" : " (" + g.name() + ")") + " over " + r.timeSteps() + " time step(s)";
            Map<String, float[]> fields = cellFields(g);
            for (Map.Entry<String, float[]> e : fields.entrySet()) {
                String name = e.getKey() + suffix;
                boolean dimensionless = e.getKey().equals("r2") || e.getKey().equals("correlation")
                        || e.getKey().equals("count");
                OutputField.Builder f = OutputField.builder(name, e.getValue()).units(dimensionless ? "1" : units)
                        .longName(longName(e.getKey()) + of);
                if (e.getKey().equals("r2") || e.getKey().equals("correlation")) {
                    f.withoutCellMethods()
                            .comment("CF has no cell method for this statistic; it is computed over the time steps compared");
                } else {
                    f.cellMethods(cellMethods(e.getKey()));
                }
                w.field(f.build());
                if (e.getKey().equals("rmse") || e.getKey().equals("bias")) {
                    maps.add(GridField.of(name, units, r.grid(), e.getValue()));
                }
            }
        }
        w.build().write(output);
        List<Path> written = new ArrayList<>(List.of(output));
        String stem = output.getFileName().toString().replaceFirst("\\.nc$", "");
        Path csv = output.resolveSibling(stem + ".csv");
        AtomicFile.write(csv, out -> out.write(csv(r)));
        written.add(csv);
        if (plot) {
            for (GridField m : maps) {
                Path png = output.resolveSibling(stem + "_" + m.name() + ".png");
                QuickLookPng.of(m, 0, m.name().replace('_', ' ') + " of " + r.output() + " vs JULES "
                        + r.reference().variable()).write(png);
                written.add(png);
            }
        }
        return written;
    }

    private static Map<String, float[]> cellFields(JulesValidation.Group g) {
        int n = g.cells().length;
        Map<String, float[]> f = new LinkedHashMap<>();
        for (String k : List.of("rmse", "bias", "r2", "correlation", "count")) {
            f.put(k, new float[n]);
        }
        for (int c = 0; c < n; c++) {
            ValidationMetrics m = g.cells()[c];
            f.get("rmse")[c] = (float) m.rmse();
            f.get("bias")[c] = (float) m.bias();
            f.get("r2")[c] = (float) m.r2();
            f.get("correlation")[c] = (float) m.correlation();
            f.get("count")[c] = m.count() == 0 ? Float.NaN : m.count();
        }
        return f;
    }

    private static String cellMethods(String key) {
        switch (key) {
            case "rmse":
                return "time: root_mean_square";
            case "count":
                return "time: sum";
            default: // bias: the mean of the differences
                return "time: mean";
        }
    }

    private static String longName(String key) {
        switch (key) {
            case "rmse":
                return "root mean square error";
            case "bias":
                return "mean error (emulator minus JULES)";
            case "r2":
                return "coefficient of determination";
            case "correlation":
                return "Pearson correlation";
            default:
                return "number of time steps compared";
        }
    }

    /** The summary table as CSV: one row per group for all seasons, then one per season. */
    public static String csv(JulesValidation.Result r) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (JulesValidation.Group g : r.groups()) {
            row(sb, g.name(), "all", g.total());
            for (Map.Entry<String, ValidationMetrics> e : g.seasons().entrySet()) {
                if (e.getValue().count() > 0) {
                    row(sb, g.name(), e.getKey(), e.getValue());
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String group, String season, ValidationMetrics m) {
        sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.9g,%.9g,%.9g,%.9g%n", group, season, m.count(), m.rmse(),
                m.bias(), m.r2(), m.correlation()));
    }

    /** The summary table aligned for a terminal. */
    public static String table(JulesValidation.Result r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %-6s %8s %12s %12s %8s %8s%n", "group",
                "season", "count", "rmse", "bias", "r2", "corr"));
        for (String line : csv(r).split("\n")) {
            if (line.startsWith("group,") || line.isBlank()) {
                continue;
            }
            String[] c = line.split(",");
            sb.append(String.format(Locale.ROOT, "%-8s %-6s %8s %12.4g %12.4g %8.4f %8.4f%n", c[0], c[1], c[2],
                    Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5]),
                    Double.parseDouble(c[6])));
        }
        return sb.toString();
    }
}
