package org.emulens.io.study;

import java.util.Arrays;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.jules.LandPointMapping;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;

/**
 * The standard deviation of the emulator's own error per study cell and model output, from the study's
 * {@code emulator_error}: one number everywhere, or a map such as the {@code rmse} that {@code emulens
 * validate} writes. Each member's output gets {@code sd * z}, z the standard normal of
 * {@link ReservedStreams#EMULATOR_ERROR} for (cell, member, output), so the output variance grows by
 * {@code sd²} (the error is independent of the inputs' perturbations). Immutable.
 */
final class EmulatorErrorMap {
    /** [output][cell]; null rows for outputs the error does not apply to. */
    private final float[][] sd;
    private final int outputs;

    private EmulatorErrorMap(float[][] sd, int outputs) {
        this.sd = sd;
        this.outputs = outputs;
    }

    /** The study's error on {@code grid}, or null when it has none. */
    static EmulatorErrorMap read(Study study, Emulator model, LatLonGrid grid) {
        Study.EmulatorError e = study.emulatorError();
        if (e == null) {
            return null;
        }
        float[] perCell = new float[grid.cellCount()];
        if (e.file() == null) {
            Arrays.fill(perCell, (float) e.sd());
        } else {
            perCell = map(e, grid);
        }
        int k = model.outputCount();
        float[][] sd = new float[k][];
        for (int j = 0; j < k; j++) {
            Variable v = model.outputs().get(j);
            if (e.output() == null || e.output().equals(v.name())) {
                sd[j] = perCell;
            }
        }
        return new EmulatorErrorMap(sd, k);
    }

    /** The map's values at the study cells whose centres it has (NaN elsewhere). */
    private static float[] map(Study.EmulatorError e, LatLonGrid grid) {
        GridField f;
        try (NetcdfGridFile nc = NetcdfGridFile.open(e.file())) {
            f = nc.read(e.variable(), GridRegion.of(grid.extent()));
        }
        if (f.timeCount() != 1) {
            throw new StudyConfigException(e.where() + ": emulator_error: " + e.file() + " variable '" + e.variable()
                    + "' has " + f.timeCount() + " time steps; expected one map");
        }
        LatLonGrid g = f.grid();
        double[] lat = new double[g.cellCount()];
        double[] lon = new double[g.cellCount()];
        for (int c = 0; c < lat.length; c++) {
            lat[c] = g.lat(c / g.lonCount());
            lon[c] = g.lon(c % g.lonCount());
        }
        float[] values = f.values();
        for (float v : values) {
            if (v < 0) {
                throw new StudyConfigException(e.where() + ": emulator_error: " + e.file() + " variable '"
                        + e.variable() + "': expected standard deviations >= 0, found " + v);
            }
        }
        return LandPointMapping.of(lat, lon, grid, e.file().toString()).toGrid(values, 1);
    }

    /** The cells of {@code cells} whose error is known for every output it applies to. */
    int[] keepCovered(int[] cells) {
        return Arrays.stream(cells).filter(c -> {
            for (float[] row : sd) {
                if (row != null && Float.isNaN(row[c])) {
                    return false;
                }
            }
            return true;
        }).toArray();
    }

    /** Adds the error of members {@code firstMember ..} of grid cell {@code cell} to their output rows. */
    void add(long seed, int streamCell, int cell, long firstMember, int count, float[] rows, int rowOffset) {
        for (int m = 0; m < count; m++) {
            int row = (rowOffset + m) * outputs;
            for (int j = 0; j < outputs; j++) {
                if (sd[j] != null && sd[j][cell] > 0) {
                    rows[row + j] += sd[j][cell] * MemberDraws.normal(seed, ReservedStreams.EMULATOR_ERROR, streamCell,
                            firstMember + m, j);
                }
            }
        }
    }

}
