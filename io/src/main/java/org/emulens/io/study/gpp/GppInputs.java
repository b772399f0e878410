package org.emulens.io.study.gpp;

import java.util.List;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.study.StudyConfigException;

/**
 * The per-cell inputs of a GPP study on its grid: for each feature its nominal value and the standard
 * deviations of its random, locally correlated and systematic errors (arrays {@code [cell * F + feature]},
 * NaN nominal where the cell has no value), the correlation length of each feature's correlated
 * component, and the land-cover classes of the pixels in each cell. Immutable.
 */
public final class GppInputs {
    private final LatLonGrid grid;
    private final List<String> features;
    private final float[] nominal;
    private final float[] sdRandom;
    private final float[] sdCorrelated;
    private final float[] sdSystematic;
    private final float[] correlationLengthDegrees;
    private final int[][] pixelClasses;

    /**
     * @param correlationLengthDegrees per feature; NaN for a feature without a correlated component
     * @param pixelClasses per cell, the land-cover class codes of the pixels it holds (may be empty: no land)
     */
    public GppInputs(LatLonGrid grid, List<String> features, float[] nominal, float[] sdRandom, float[] sdCorrelated,
            float[] sdSystematic, float[] correlationLengthDegrees, int[][] pixelClasses) {
        int cells = grid.cellCount();
        int f = features.size();
        check("nominal", nominal.length, cells * f);
        check("sdRandom", sdRandom.length, cells * f);
        check("sdCorrelated", sdCorrelated.length, cells * f);
        check("sdSystematic", sdSystematic.length, cells * f);
        check("correlation lengths", correlationLengthDegrees.length, f);
        check("land-cover cells", pixelClasses.length, cells);
        this.grid = grid;
        this.features = List.copyOf(features);
        this.nominal = nominal.clone();
        this.sdRandom = sdRandom.clone();
        this.sdCorrelated = sdCorrelated.clone();
        this.sdSystematic = sdSystematic.clone();
        this.correlationLengthDegrees = correlationLengthDegrees.clone();
        this.pixelClasses = new int[cells][];
        for (int c = 0; c < cells; c++) {
            this.pixelClasses[c] = pixelClasses[c].clone();
        }
    }

    public LatLonGrid grid() {
        return grid;
    }

    public List<String> features() {
        return features;
    }

    public float nominal(int cell, int feature) {
        return nominal[cell * features.size() + feature];
    }

    float[] nominalUnsafe() {
        return nominal;
    }

    float[] sdRandomUnsafe() {
        return sdRandom;
    }

    float[] sdCorrelatedUnsafe() {
        return sdCorrelated;
    }

    float[] sdSystematicUnsafe() {
        return sdSystematic;
    }

    public float correlationLengthDegrees(int feature) {
        return correlationLengthDegrees[feature];
    }

    /** The total standard deviation of a feature in a cell: the root sum of squares of its components. */
    public float sigma(int cell, int feature) {
        int k = cell * features.size() + feature;
        return (float) Math.sqrt((double) sdRandom[k] * sdRandom[k] + (double) sdCorrelated[k] * sdCorrelated[k]
                + (double) sdSystematic[k] * sdSystematic[k]);
    }

    public int[] pixelClasses(int cell) {
        return pixelClasses[cell].clone();
    }

    int pixelCount(int cell) {
        return pixelClasses[cell].length;
    }

    int pixelClass(int cell, int pixel) {
        return pixelClasses[cell][pixel];
    }

    private static void check(String what, int found, int expected) {
        if (found != expected) {
            throw new StudyConfigException("GPP inputs: " + what + ": expected " + expected + " values, found " + found);
        }
    }
}
