package org.emulens.io.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.jules.JulesFile;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.products.ProductField;
import org.emulens.io.products.ProductReader;
import org.emulens.io.products.ProductSpec;
import org.emulens.io.products.ProductSpecs;
import org.emulens.io.products.UncertaintyComponent;
import org.emulens.io.products.UncertaintyField;

/**
 * The nominal values and random-error standard deviations of a study's inputs at one time step, on the
 * study grid (the grid of the first gridded input). Missing values are NaN, flagged cells included.
 */
final class StudyInputs {
    private final LatLonGrid grid;
    private final String time;
    /** [slot][cell] for gridded inputs; null for constants. */
    private final float[][] value;
    private final float[][] sd;

    private StudyInputs(LatLonGrid grid, String time, float[][] value, float[][] sd) {
        this.grid = grid;
        this.time = time;
        this.value = value;
        this.sd = sd;
    }

    /** Reads step {@code step} (file number {@code step} of each gridded input) over the study region. */
    static StudyInputs read(Study study, int step) {
        List<StudyInput> inputs = study.inputs();
        Study.Region r = study.region();
        GridRegion region = GridRegion.of(GeoBox.of(r.south(), r.north(), r.west(), r.east()));
        float[][] value = new float[inputs.size()][];
        float[][] sd = new float[inputs.size()][];
        LatLonGrid grid = null;
        String time = null;
        String gridFrom = null;
        // EO inputs first, so that they set the study grid and JULES points are placed on it.
        List<Integer> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < inputs.size(); s++) {
                if (isJules(inputs.get(s)) == (pass == 1)) {
                    order.add(s);
                }
            }
        }
        for (int s : order) {
            StudyInput in = inputs.get(s);
            if (in.isConstant()) {
                continue;
            }
            Path file = in.files().get(isJules(in) && in.files().size() == 1 ? 0 : step);
            if (isJules(in)) {
                GridField v = readJules(in, file, grid, region.box());
                if (grid == null) {
                    grid = v.grid();
                    gridFrom = file.toString();
                    time = "";
                }
                if (time.isEmpty() && !v.times().isEmpty()) {
                    time = v.times().get(0).toString();
                }
                value[s] = v.values();
                continue;
            }
            ProductField f = ProductReader.read(file, spec(in), region);
            GridField v = f.value();
            if (v.timeCount() != 1) {
                throw new StudyConfigException(file + ": variable '" + v.name() + "' has " + v.timeCount()
                        + " time steps in the study period; a study takes one file per time step");
            }
            if (grid == null) {
                grid = v.grid();
                gridFrom = file.toString();
                time = v.times().isEmpty() ? "" : v.times().get(0).toString();
            } else if (!grid.equals(v.grid())) {
                throw new StudyConfigException(file + ": input '" + in.name() + "' is on a " + v.grid().latCount() + " x "
                        + v.grid().lonCount() + " grid, but the study grid (from " + gridFrom + ") is "
                        + grid.latCount() + " x " + grid.lonCount() + "; regrid it to the study grid first");
            }
            value[s] = v.values();
            sd[s] = randomSd(in, f, file);
        }
        return new StudyInputs(grid, time, value, sd);
    }

    /** Whether the input is a JULES variable ({@code product: jules}). */
    static boolean isJules(StudyInput in) {
        return "jules".equals(in.product());
    }

    /** One layer of a JULES variable on the study grid (or on the file's own grid when it sets the grid). */
    private static GridField readJules(StudyInput in, Path file, LatLonGrid grid, GeoBox box) {
        try (JulesFile f = JulesFile.open(file)) {
            GridField v = f.read(in.variable(), in.select(), grid != null ? grid : f.naturalGrid(box));
            if (v.timeCount() != 1) {
                throw new StudyConfigException(in.where() + ": input '" + in.name() + "': " + file + " variable '"
                        + in.variable() + "' has " + v.timeCount() + " time steps; a study takes one per file: choose "
                        + "one with 'time: N' (from 1)");
            }
            return v;
        }
    }

    private static ProductSpec spec(StudyInput in) {
        if ("esa-cci-sm".equals(in.product())) {
            return ProductSpecs.esaCciSoilMoisture();
        }
        return ProductSpecs.cfVariable(in.variable(), in.sdVariable());
    }

    /** The random component's sd per cell: from the product when the error says so, else constant or none. */
    private static float[] randomSd(StudyInput in, ProductField f, Path file) {
        if (in.error() == null) {
            return null;
        }
        if (!in.error().randomSdFromProduct()) {
            return null;
        }
        for (UncertaintyField u : f.uncertainties()) {
            if (u.component().correlation() == org.emulens.io.products.ErrorCorrelation.RANDOM) {
                float[] v = u.standardDeviation().values().clone();
                if (u.component().measure() == UncertaintyComponent.Measure.VARIANCE) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) Math.sqrt(v[i]);
                    }
                }
                return v;
            }
        }
        throw new StudyConfigException(file + ": input '" + in.name() + "' takes its sd from the product, but no "
                + "random uncertainty variable was found; give 'sd' or 'sd_variable'");
    }

    LatLonGrid grid() {
        return grid;
    }

    String time() {
        return time;
    }

    /** Nominal value of input {@code slot} at {@code cell} (the constant for constant inputs). */
    float value(Study study, int slot, int cell) {
        return value[slot] == null ? (float) study.inputs().get(slot).value() : value[slot][cell];
    }

    /** Random sd of input {@code slot} at {@code cell}: product's, or the study file's constant, or 0. */
    float randomSd(Study study, int slot, int cell) {
        ErrorSpec e = study.inputs().get(slot).error();
        if (e == null || study.inputs().get(slot).isConstant()) {
            return 0f;
        }
        return sd[slot] != null ? sd[slot][cell] : (float) e.randomSd();
    }

    /** Cells where every gridded input, and every sd read from a product, has a value. */
    int[] validCells(Study study) {
        List<Integer> ok = new ArrayList<>();
        for (int c = 0; c < grid.cellCount(); c++) {
            boolean valid = true;
            for (int s = 0; s < value.length && valid; s++) {
                if (value[s] != null && Float.isNaN(value[s][c])) {
                    valid = false;
                }
                if (sd[s] != null && !(sd[s][c] >= 0)) {
                    valid = false;
                }
            }
            if (valid) {
                ok.add(c);
            }
        }
        return ok.stream().mapToInt(Integer::intValue).toArray();
    }
}
