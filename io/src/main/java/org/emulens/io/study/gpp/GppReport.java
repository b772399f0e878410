package org.emulens.io.study.gpp;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emulens.io.AtomicFile;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.CfGridWriter;
import org.emulens.io.netcdf.OutputAxis;
import org.emulens.io.netcdf.OutputField;
import org.emulens.io.plot.QuickLookPng;

/**
 * Writes a GPP study's results: {@code gpp.nc} (CF-1.8: both GPP distributions, PFT fractions, gradients,
 * Sobol' indices and the categorical dominant-input map with {@code flag_values}/{@code flag_meanings}),
 * quick-look PNGs of the main maps, and {@code summary.csv}, a domain summary in long form
 * ({@code quantity,feature,statistic,value}) after {@code #} lines with the provenance.
 */
public final class GppReport {
    /** CF standard name of GPP; the emulators give g C m-2 d-1, which CF's canonical kg m-2 s-1 converts to. */
    static final String GPP_STANDARD_NAME = "gross_primary_productivity_of_biomass_expressed_as_carbon";
    private static final String GPP_UNITS = "g m-2 d-1";

    private GppReport() {
    }

    /** The list of files written, in {@code folder}. */
    public static List<Path> write(GppResults r, Map<String, String> provenance, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException ex) {
            throw new org.emulens.io.netcdf.NetcdfOutputException(folder + ": cannot create the output folder: "
                    + ex.getMessage());
        }
        List<Path> written = new ArrayList<>();
        Path nc = folder.resolve("gpp.nc");
        netcdf(r, provenance).write(nc);
        written.add(nc);
        written.addAll(pngs(r, folder));
        Path csv = folder.resolve("summary.csv");
        AtomicFile.write(csv, w -> summary(r, provenance, w));
        written.add(csv);
        return written;
    }

    static CfGridWriter netcdf(GppResults r, Map<String, String> provenance) {
        int cells = r.grid().cellCount();
        CfGridWriter.Builder b = CfGridWriter.builder(r.grid())
                .title("Emulens GPP study: grid-box and PFT-mixed GPP distributions and input attribution")
                .provenance(provenance);
        OutputAxis pct = OutputAxis.percentiles(GppEnsemble.PERCENTILES);
        for (GppResults.Quantity q : GppResults.Quantity.values()) {
            String name = q == GppResults.Quantity.GRID_BOX ? "gpp_gridbox" : "gpp_mixed";
            String what = q == GppResults.Quantity.GRID_BOX ? "GPP from the grid-box emulator"
                    : "GPP mixed from the PFT emulators by land-cover fractions";
            float[] mean = new float[cells];
            float[] sd = new float[cells];
            float[] p = new float[cells * GppEnsemble.PERCENTILES.length];
            for (int c = 0; c < cells; c++) {
                mean[c] = r.mean(q, c);
                sd[c] = r.sd(q, c);
                for (int k = 0; k < GppEnsemble.PERCENTILES.length; k++) {
                    p[k * cells + c] = r.percentile(q, c, k);
                }
            }
            b.field(OutputField.builder(name + "_mean", mean).units(GPP_UNITS).longName("ensemble mean of " + what)
                    .standardName(GPP_STANDARD_NAME).cellMethods("realization: mean").build());
            b.field(OutputField.builder(name + "_sd", sd).units(GPP_UNITS)
                    .longName("ensemble standard deviation of " + what)
                    .cellMethods("realization: standard_deviation").build());
            b.field(OutputField.percentiles(name + "_percentile", GPP_UNITS, "ensemble percentiles of " + what, pct,
                    p));
        }
        for (JulesPft pft : JulesPft.ALL) {
            float[] f = new float[cells];
            for (int c = 0; c < cells; c++) {
                f[c] = r.fraction(c, pft);
            }
            b.field(OutputField.builder("frac_" + pft.id(), f).units("1")
                    .longName("fraction of the cell covered by " + pft.label() + " (mapped land cover)")
                    .cellMethods("area: mean").build());
        }
        List<String> features = r.features();
        for (int k = 0; k < features.size(); k++) {
            String feat = features.get(k);
            float[] g = new float[cells];
            float[] s1 = new float[cells];
            float[] st = new float[cells];
            for (int c = 0; c < cells; c++) {
                g[c] = r.gradient(c, k);
                s1[c] = r.s1(c, k);
                st[c] = r.st(c, k);
            }
            b.field(OutputField.builder("dgpp_d" + feat, g).units(GPP_UNITS + " per unit of " + feat)
                    .longName("analytic derivative of PFT-mixed GPP with respect to " + feat + " at the nominal inputs")
                    .cellMethods("area: point").build());
            b.field(OutputField.builder("s1_" + feat, s1).units("1")
                    .longName("first-order Sobol index of PFT-mixed GPP for " + feat).cellMethods("area: point")
                    .build());
            b.field(OutputField.builder("st_" + feat, st).units("1")
                    .longName("total Sobol index of PFT-mixed GPP for " + feat).cellMethods("area: point").build());
        }
        b.field(OutputField.builder("dominant_input", dominantValues(r)).units("1")
                .longName("input whose uncertainty dominates the PFT-mixed GPP uncertainty (largest total Sobol index)")
                .cellMethods("area: point").flags(features).build());
        return b.build();
    }

    private static float[] dominantValues(GppResults r) {
        float[] d = new float[r.grid().cellCount()];
        for (int c = 0; c < d.length; c++) {
            d[c] = r.dominant(c) == InputAttribution.NONE ? Float.NaN : r.dominant(c);
        }
        return d;
    }

    private static List<Path> pngs(GppResults r, Path folder) {
        int cells = r.grid().cellCount();
        float[] gb = new float[cells];
        float[] mx = new float[cells];
        float[] sd = new float[cells];
        for (int c = 0; c < cells; c++) {
            gb[c] = r.mean(GppResults.Quantity.GRID_BOX, c);
            mx[c] = r.mean(GppResults.Quantity.PFT_MIXED, c);
            sd[c] = r.sd(GppResults.Quantity.PFT_MIXED, c);
        }
        double hi = 0;
        for (int c = 0; c < cells; c++) {
            hi = Math.max(hi, Float.isNaN(gb[c]) ? 0 : gb[c]);
            hi = Math.max(hi, Float.isNaN(mx[c]) ? 0 : mx[c]);
        }
        hi = hi > 0 ? hi : 1;
        List<Path> out = new ArrayList<>();
        out.add(png(GridField.of("gpp_gridbox_mean", GPP_UNITS, r.grid(), gb), "GPP, grid-box emulator, mean ("
                + GPP_UNITS + ")", 0, hi, folder));
        out.add(png(GridField.of("gpp_mixed_mean", GPP_UNITS, r.grid(), mx), "GPP, PFT-mixed, mean (" + GPP_UNITS + ")",
                0, hi, folder));
        out.add(png(GridField.of("gpp_mixed_sd", GPP_UNITS, r.grid(), sd), "GPP, PFT-mixed, sd (" + GPP_UNITS + ")",
                Double.NaN, Double.NaN, folder));
        StringBuilder legend = new StringBuilder("Dominant input:");
        for (int k = 0; k < r.features().size(); k++) {
            legend.append(' ').append(k).append('=').append(r.features().get(k));
        }
        out.add(png(GridField.of("dominant_input", "1", r.grid(), dominantValues(r)), legend.toString(), -0.5,
                r.features().size() - 0.5, folder));
        return out;
    }

    private static Path png(GridField f, String title, double lo, double hi, Path folder) {
        Path p = folder.resolve(f.name() + ".png");
        QuickLookPng q = QuickLookPng.of(f, 0, title);
        (Double.isNaN(lo) ? q : q.withRange(lo, hi)).write(p);
        return p;
    }

    private static void summary(GppResults r, Map<String, String> provenance, Writer w) throws IOException {
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            w.write("# " + e.getKey() + ": " + e.getValue().replace("\n", "; ") + "\n");
        }
        w.write("quantity,feature,statistic,value\n");
        int cells = r.grid().cellCount();
        for (GppResults.Quantity q : GppResults.Quantity.values()) {
            String name = q == GppResults.Quantity.GRID_BOX ? "gpp_gridbox" : "gpp_mixed";
            double[] acc = new double[3];
            for (int c = 0; c < cells; c++) {
                if (!Float.isNaN(r.mean(q, c))) {
                    acc[0] += r.mean(q, c);
                    acc[1] += r.sd(q, c);
                    acc[2]++;
                }
            }
            row(w, name, "", "domain_mean_of_cell_means", acc[0] / acc[2]);
            row(w, name, "", "domain_mean_of_cell_sds", acc[1] / acc[2]);
            row(w, name, "", "cells", acc[2]);
        }
        for (int k = 0; k < r.features().size(); k++) {
            double s1 = 0;
            double st = 0;
            double g = 0;
            int n = 0;
            int dominant = 0;
            for (int c = 0; c < cells; c++) {
                if (!Float.isNaN(r.st(c, k))) {
                    s1 += r.s1(c, k);
                    st += r.st(c, k);
                    g += Math.abs(r.gradient(c, k));
                    n++;
                }
                dominant += r.dominant(c) == k ? 1 : 0;
            }
            String feat = r.features().get(k);
            row(w, "gpp_mixed", feat, "mean_s1", s1 / n);
            row(w, "gpp_mixed", feat, "mean_st", st / n);
            row(w, "gpp_mixed", feat, "mean_abs_gradient", g / n);
            row(w, "gpp_mixed", feat, "cells_dominant", dominant);
        }
    }

    private static void row(Writer w, String quantity, String feature, String statistic, double value)
            throws IOException {
        w.write(quantity + "," + feature + "," + statistic + "," + String.format(Locale.ROOT, "%.6g", value) + "\n");
    }
}
