package org.emulens.io.study.gpp;

import java.util.List;
import org.emulens.io.grid.LatLonGrid;

/**
 * Per-cell results of a {@link GppEnsemble} run: the distributions of grid-box and PFT-mixed GPP (mean,
 * sd, percentiles), the nominal PFT fractions, and the explainability maps (gradient, S1 and ST per
 * feature, dominant feature). NaN, and {@link InputAttribution#NONE} for the dominant input, where a cell
 * has no inputs or no land. Arrays are cell-major: latitude south to north, longitude west to east.
 */
public final class GppResults {
    /** The two GPP quantities whose distributions are kept. */
    public enum Quantity { GRID_BOX, PFT_MIXED }

    private final LatLonGrid grid;
    private final List<String> features;
    private final int members;
    private final int percentiles;
    private final float[][] distribution; // [quantity][cell * (2 + percentiles) + stat]
    private final float[] fractions;
    private final float[] gradient;
    private final float[] s1;
    private final float[] st;
    private final int[] dominant;

    GppResults(LatLonGrid grid, List<String> features, int members, int percentiles) {
        int cells = grid.cellCount();
        this.grid = grid;
        this.features = features;
        this.members = members;
        this.percentiles = percentiles;
        this.distribution = new float[][] {GppEnsemble.nanArray(cells * (2 + percentiles)),
            GppEnsemble.nanArray(cells * (2 + percentiles))};
        this.fractions = GppEnsemble.nanArray(cells * JulesPft.ALL.size());
        this.gradient = GppEnsemble.nanArray(cells * features.size());
        this.s1 = GppEnsemble.nanArray(cells * features.size());
        this.st = GppEnsemble.nanArray(cells * features.size());
        this.dominant = new int[cells];
        java.util.Arrays.fill(dominant, InputAttribution.NONE);
    }

    void setDistribution(int cell, Quantity q, float[] stats) {
        System.arraycopy(stats, 0, distribution[q.ordinal()], cell * (2 + percentiles), 2 + percentiles);
    }

    void setFractions(int cell, double[] f) {
        for (int p = 0; p < f.length; p++) {
            fractions[cell * f.length + p] = (float) f[p];
        }
    }

    void setExplanation(int cell, double[] grad, InputAttribution a) {
        int f = features.size();
        for (int k = 0; k < f; k++) {
            gradient[cell * f + k] = (float) grad[k];
            s1[cell * f + k] = (float) a.s1(k);
            st[cell * f + k] = (float) a.st(k);
        }
        dominant[cell] = a.dominant();
    }

    public LatLonGrid grid() {
        return grid;
    }

    public List<String> features() {
        return features;
    }

    public int members() {
        return members;
    }

    public float mean(Quantity q, int cell) {
        return distribution[q.ordinal()][cell * (2 + percentiles)];
    }

    public float sd(Quantity q, int cell) {
        return distribution[q.ordinal()][cell * (2 + percentiles) + 1];
    }

    public float percentile(Quantity q, int cell, int level) {
        return distribution[q.ordinal()][cell * (2 + percentiles) + 2 + level];
    }

    public float fraction(int cell, JulesPft pft) {
        return fractions[cell * JulesPft.ALL.size() + pft.ordinal()];
    }

    public float gradient(int cell, int feature) {
        return gradient[cell * features.size() + feature];
    }

    public float s1(int cell, int feature) {
        return s1[cell * features.size() + feature];
    }

    public float st(int cell, int feature) {
        return st[cell * features.size() + feature];
    }

    public int dominant(int cell) {
        return dominant[cell];
    }
}
