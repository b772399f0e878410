package org.emulens.io.study.gpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.products.ErrorCorrelation;
import org.emulens.io.products.ProductField;
import org.emulens.io.products.ProductReader;
import org.emulens.io.products.ProductSpec;
import org.emulens.io.products.UncertaintyComponent;
import org.emulens.io.products.UncertaintyField;
import org.emulens.io.regrid.ProductRegridder;
import org.emulens.io.study.StudyConfigException;

/**
 * Reads the EO-equivalent inputs of a GPP study from CF NetCDF files in one folder and aggregates each onto
 * the study grid with {@link ProductRegridder} (area-weighted means; each error component averaged down as
 * its correlation says):
 * <ul>
 *   <li>{@code lst.nc}: {@code lst_min}, {@code lst_max} (K), each with {@code <v>_unc_ran} (random),
 *       {@code <v>_unc_loc} (locally correlated over the given length scale) and {@code <v>_unc_sys}
 *       (systematic) standard deviations, as ESA CCI LST gives them;</li>
 *   <li>{@code ssm.nc}: {@code ssm} (m3 m-3) with random {@code ssm_unc};</li>
 *   <li>{@code albedo.nc}: {@code albedo_vis}, {@code albedo_nir} (1) with random {@code <v>_unc};</li>
 *   <li>{@code sw.nc}: {@code sw_down} (W m-2) with systematic {@code sw_down_unc_sys};</li>
 *   <li>{@code landcover.nc}: {@code lccs_class}, ESA CCI land-cover class codes on a finer grid; each
 *       study cell takes the pixels whose centres lie in it.</li>
 * </ul>
 */
public final class GppInputFiles {
    /** The EO feature set, in the order of the {@code *_eo} emulators. */
    public static final List<String> EO_FEATURES = List.of("lst_min", "lst_max", "ssm", "albedo_vis", "albedo_nir",
            "sw_down");
    private static final double KM_PER_DEGREE = 111.32;

    private GppInputFiles() {
    }

    /** The inputs on {@code grid}; LST's correlated errors have length scale {@code lstLengthKm}. */
    public static GppInputs readEo(Path folder, LatLonGrid grid, double lstLengthKm) {
        List<Source> sources = List.of(
                lst("lst_min", lstLengthKm), lst("lst_max", lstLengthKm),
                new Source("ssm.nc", ProductSpec.builder("ssm", "ssm").units("m3 m-3")
                        .uncertainty(UncertaintyComponent.random("ssm_unc")).build()),
                new Source("albedo.nc", ProductSpec.builder("albedo_vis", "albedo_vis").units("1")
                        .uncertainty(UncertaintyComponent.random("albedo_vis_unc")).build()),
                new Source("albedo.nc", ProductSpec.builder("albedo_nir", "albedo_nir").units("1")
                        .uncertainty(UncertaintyComponent.random("albedo_nir_unc")).build()),
                new Source("sw.nc", ProductSpec.builder("sw_down", "sw_down").units("W m-2")
                        .uncertainty(UncertaintyComponent.systematic("sw_down_unc_sys")).build()));
        int cells = grid.cellCount();
        int f = sources.size();
        float[] nominal = new float[cells * f];
        float[] sdR = new float[cells * f];
        float[] sdC = new float[cells * f];
        float[] sdS = new float[cells * f];
        float[] length = new float[f];
        Arrays.fill(length, Float.NaN);
        GridRegion region = GridRegion.of(grid.extent());
        for (int k = 0; k < f; k++) {
            Source s = sources.get(k);
            ProductField fine = ProductReader.read(existing(folder.resolve(s.file)), s.spec, region);
            ProductField coarse = ProductRegridder.aggregate(fine, grid).product();
            float[] v = coarse.value().slice(0);
            for (int c = 0; c < cells; c++) {
                nominal[c * f + k] = v[c];
            }
            for (UncertaintyField u : coarse.uncertainties()) {
                float[] sd = u.standardDeviation().slice(0);
                ErrorCorrelation corr = u.component().correlation();
                float[] into = corr == ErrorCorrelation.RANDOM ? sdR
                        : corr == ErrorCorrelation.SYSTEMATIC ? sdS : sdC;
                if (corr == ErrorCorrelation.LOCALLY_CORRELATED) {
                    length[k] = (float) (u.component().lengthScaleKm() / KM_PER_DEGREE);
                }
                for (int c = 0; c < cells; c++) {
                    // a missing sd stays NaN: the cell is then left out rather than taken as certain
                    into[c * f + k] = sd[c];
                }
            }
        }
        int[][] pixels = landCover(existing(folder.resolve("landcover.nc")), grid, region);
        return new GppInputs(grid, EO_FEATURES, nominal, sdR, sdC, sdS, length, pixels);
    }

    private static Source lst(String variable, double lengthKm) {
        return new Source("lst.nc", ProductSpec.builder(variable, variable).units("K")
                .uncertainty(UncertaintyComponent.random(variable + "_unc_ran"))
                .uncertainty(UncertaintyComponent.locallyCorrelated(variable + "_unc_loc", lengthKm))
                .uncertainty(UncertaintyComponent.systematic(variable + "_unc_sys"))
                .build());
    }

    /** Per study cell, the classes of the land-cover pixels whose centres lie in it (fill values skipped). */
    static int[][] landCover(Path file, LatLonGrid grid, GridRegion region) {
        GridField classes;
        try (NetcdfGridFile nc = NetcdfGridFile.open(file)) {
            classes = nc.read("lccs_class", region);
        }
        LatLonGrid fine = classes.grid();
        List<List<Integer>> perCell = new ArrayList<>();
        for (int c = 0; c < grid.cellCount(); c++) {
            perCell.add(new ArrayList<>());
        }
        float[] v = classes.slice(0);
        for (int i = 0; i < fine.latCount(); i++) {
            int ci = edgeIndex(grid, true, fine.lat(i));
            for (int j = 0; j < fine.lonCount(); j++) {
                int cj = edgeIndex(grid, false, fine.lon(j));
                float code = v[i * fine.lonCount() + j];
                if (ci >= 0 && cj >= 0 && !Float.isNaN(code)) {
                    perCell.get(ci * grid.lonCount() + cj).add(Math.round(code));
                }
            }
        }
        int[][] out = new int[grid.cellCount()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = perCell.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static int edgeIndex(LatLonGrid grid, boolean latitude, double x) {
        int n = latitude ? grid.latCount() : grid.lonCount();
        for (int k = 0; k < n; k++) {
            double a = latitude ? grid.latEdge(k) : grid.lonEdge(k);
            double b = latitude ? grid.latEdge(k + 1) : grid.lonEdge(k + 1);
            if (x >= Math.min(a, b) && x < Math.max(a, b)) {
                return k;
            }
        }
        return -1;
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StudyConfigException("GPP inputs: " + file + ": no such file");
        }
        return file;
    }

    private record Source(String file, ProductSpec spec) {
    }
}
