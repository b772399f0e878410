package org.emulens.io.products;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.emulens.engine.EmulensException;
import org.emulens.io.grid.GridField;

/**
 * Turns land-cover class codes into plant functional type (PFT) fractions through a cross-walk table:
 * one row per class, one column per PFT, in percent. Fractions, unlike classes, can be averaged onto
 * a coarser grid (the area-weighted mean of a fraction is the fraction of the area).
 *
 * <p>The built-in table, {@link #poulter2015()}, is that of Poulter et al. (2015) for the ESA CCI LCCS
 * classes; a study may give its own in the same format: comma-separated, {@code #} comment lines, a
 * header {@code class,<pft>,<pft>,...}, and rows that each sum to 100. Immutable.
 */
public final class LandCoverCrosswalk {
    private static final String POULTER_2015 = "lccs-pft-poulter2015.csv";

    private final String source;
    private final List<String> pfts;
    private final Map<Integer, double[]> percent;

    private LandCoverCrosswalk(String source, List<String> pfts, Map<Integer, double[]> percent) {
        this.source = source;
        this.pfts = pfts;
        this.percent = percent;
    }

    /** Poulter et al. (2015), Geosci. Model Dev. 8, 2315-2328: LCCS classes to 14 PFTs plus no-data. */
    public static LandCoverCrosswalk poulter2015() {
        try (InputStream in = LandCoverCrosswalk.class.getResourceAsStream(POULTER_2015)) {
            if (in == null) {
                throw new IllegalStateException("built-in cross-walk " + POULTER_2015 + " is missing from the jar");
            }
            return parse("built-in " + POULTER_2015, new BufferedReader(new InputStreamReader(in,
                    StandardCharsets.UTF_8)));
        } catch (IOException ex) {
            throw new EmulensException("built-in " + POULTER_2015 + ": cannot read: " + ex.getMessage(), ex);
        }
    }

    /** A cross-walk table from a file in the format described above. */
    public static LandCoverCrosswalk fromCsv(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r);
        } catch (IOException ex) {
            throw new EmulensException(file + ": cannot read the cross-walk table: " + ex.getMessage(), ex);
        }
    }

    private static LandCoverCrosswalk parse(String source, BufferedReader r) throws IOException {
        List<String> header = null;
        Map<Integer, double[]> rows = new TreeMap<>();
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            List<String> cells = Arrays.stream(t.split(",", -1)).map(String::strip).toList();
            if (header == null) {
                if (cells.size() < 2 || !cells.get(0).equals("class")) {
                    throw new EmulensException(source + ":" + lineNo + ": expected a header 'class,<pft>,...', found '"
                            + t + "'");
                }
                header = cells;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new EmulensException(source + ":" + lineNo + ": expected " + header.size() + " fields as in the "
                        + "header, found " + cells.size());
            }
            int code = (int) number(cells.get(0), source, lineNo, "class");
            double[] p = new double[header.size() - 1];
            double sum = 0;
            for (int k = 0; k < p.length; k++) {
                p[k] = number(cells.get(k + 1), source, lineNo, header.get(k + 1));
                sum += p[k];
            }
            if (Math.abs(sum - 100) > 1e-6) {
                throw new EmulensException(source + ":" + lineNo + ": class " + code + ": expected fractions summing to "
                        + "100 percent, found " + sum);
            }
            if (rows.put(code, p) != null) {
                throw new EmulensException(source + ":" + lineNo + ": class " + code + " is listed twice");
            }
        }
        if (header == null || rows.isEmpty()) {
            throw new EmulensException(source + ": expected a header and at least one class row, found none");
        }
        return new LandCoverCrosswalk(source, List.copyOf(header.subList(1, header.size())), rows);
    }

    private static double number(String cell, String source, int lineNo, String column) {
        try {
            double v = Double.parseDouble(cell);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException("negative or not finite");
            }
            return v;
        } catch (NumberFormatException ex) {
            throw new EmulensException(source + ":" + lineNo + ": column '" + column + "': expected a non-negative "
                    + "number, found '" + cell + "'");
        }
    }

    /** Names of the PFT columns, in table order. */
    public List<String> pftNames() {
        return pfts;
    }

    /** Class codes the table knows, ascending. */
    public List<Integer> classes() {
        return List.copyOf(percent.keySet());
    }

    /**
     * Fractions (0..1) of each PFT for one class, in {@link #pftNames()} order.
     *
     * @throws EmulensException if the class is not in the table
     */
    public double[] fractions(int classCode) {
        double[] p = percent.get(classCode);
        if (p == null) {
            throw new EmulensException(source + ": land-cover class " + classCode + " is not in the cross-walk table; "
                    + "it has " + percent.keySet());
        }
        double[] f = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            f[k] = p[k] / 100;
        }
        return f;
    }

    /**
     * One fraction field per PFT (named after it, units "1") on the cells of {@code classes}; NaN where
     * the class is missing.
     *
     * @throws EmulensException naming the class and a cell where it occurs if a class is not in the table
     */
    public Map<String, GridField> apply(GridField classes) {
        float[] codes = classes.values();
        float[][] out = new float[pfts.size()][codes.length];
        for (int k = 0; k < codes.length; k++) {
            if (Float.isNaN(codes[k])) {
                for (float[] o : out) {
                    o[k] = Float.NaN;
                }
                continue;
            }
            int code = Math.round(codes[k]);
            if (!percent.containsKey(code)) {
                int cell = k % classes.grid().cellCount();
                throw new EmulensException("'" + classes.name() + "': class " + code + " at lat "
                        + classes.grid().lat(cell / classes.grid().lonCount()) + ", lon "
                        + classes.grid().lon(cell % classes.grid().lonCount()) + " is not in the cross-walk table "
                        + source + "; it has " + percent.keySet());
            }
            double[] f = fractions(code);
            for (int p = 0; p < f.length; p++) {
                out[p][k] = (float) f[p];
            }
        }
        Map<String, GridField> fields = new LinkedHashMap<>();
        for (int p = 0; p < pfts.size(); p++) {
            fields.put(pfts.get(p), classes.withValues(pfts.get(p), "1", out[p]));
        }
        return fields;
    }

    @Override
    public String toString() {
        return "cross-walk " + source + " (" + percent.size() + " classes to " + pfts + ")";
    }
}
