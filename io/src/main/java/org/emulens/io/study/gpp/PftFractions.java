package org.emulens.io.study.gpp;

import java.util.List;
import org.emulens.io.products.LandCoverCrosswalk;
import org.emulens.io.study.StudyConfigException;

/**
 * Fractions of the five {@link JulesPft}s for ESA CCI land-cover classes, from a cross-walk table with
 * the columns of Poulter et al. (2015): broadleaf tree = tree_be + tree_bd, needleleaf tree = tree_ne +
 * tree_nd, shrub = the four shrub columns, and grass (natural_grass + managed_grass) split into C4 by
 * {@code c4GrassShare} and C3 by the rest, since the table leaves the C3/C4 split to climate. The
 * non-vegetated columns (urban, bare soil, water, snow and ice, no data) have no GPP and so no PFT.
 * Immutable.
 */
public final class PftFractions {
    private static final List<String> BT = List.of("tree_be", "tree_bd");
    private static final List<String> NT = List.of("tree_ne", "tree_nd");
    private static final List<String> SH = List.of("shrub_be", "shrub_bd", "shrub_ne", "shrub_nd");
    private static final List<String> GRASS = List.of("natural_grass", "managed_grass");

    private final LandCoverCrosswalk crosswalk;
    private final double c4GrassShare;
    private final int[][] columns;

    private PftFractions(LandCoverCrosswalk crosswalk, double c4GrassShare) {
        this.crosswalk = crosswalk;
        this.c4GrassShare = c4GrassShare;
        this.columns = new int[][] {indices(BT), indices(NT), indices(GRASS), indices(SH)};
    }

    /** @throws StudyConfigException if the share is outside [0, 1] or the table lacks a needed column */
    public static PftFractions of(LandCoverCrosswalk crosswalk, double c4GrassShare) {
        if (!(c4GrassShare >= 0 && c4GrassShare <= 1)) {
            throw new StudyConfigException("c4 grass share: expected a value in [0, 1], found " + c4GrassShare);
        }
        return new PftFractions(crosswalk, c4GrassShare);
    }

    public double c4GrassShare() {
        return c4GrassShare;
    }

    public LandCoverCrosswalk crosswalk() {
        return crosswalk;
    }

    /** The five PFT fractions (0..1, in {@link JulesPft#ALL} order) of one land-cover class. */
    public double[] of(int classCode) {
        double[] f = crosswalk.fractions(classCode);
        double grass = sum(f, columns[2]);
        return new double[] {sum(f, columns[0]), sum(f, columns[1]), grass * (1 - c4GrassShare),
            grass * c4GrassShare, sum(f, columns[3])};
    }

    /** Adds {@code weight} times the fractions of {@code classCode} to {@code into} (length 5). */
    void addTo(int classCode, double weight, double[] into) {
        double[] f = of(classCode);
        for (int p = 0; p < f.length; p++) {
            into[p] += weight * f[p];
        }
    }

    private int[] indices(List<String> names) {
        int[] idx = new int[names.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = crosswalk.pftNames().indexOf(names.get(k));
            if (idx[k] < 0) {
                throw new StudyConfigException("cross-walk " + crosswalk + ": expected a column '" + names.get(k)
                        + "' (Poulter et al. 2015 columns), found " + crosswalk.pftNames());
            }
        }
        return idx;
    }

    private static double sum(double[] f, int[] idx) {
        double s = 0;
        for (int i : idx) {
            s += f[i];
        }
        return s;
    }
}
