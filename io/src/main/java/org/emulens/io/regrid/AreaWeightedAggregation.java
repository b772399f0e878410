package org.emulens.io.regrid;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.products.ErrorCorrelation;

/**
 * Area-weighted aggregation from a fine grid onto a coarser one (e.g. 0.05 to 0.25 degree). The weight
 * of a fine cell in a coarse cell is the area of their overlap on the sphere,
 * {@code (sin(north) - sin(south)) * (east - west)}, which is cos(latitude) times the overlap in
 * degrees squared for small cells. NaN cells are left out of every sum, never counted as zero; how much
 * of each coarse cell the valid fine cells cover is reported by {@link #coverage}.
 *
 * <p>Uncertainties aggregate by how their errors are correlated, with w the weights of the cells
 * whose standard deviation is known:
 * <ul>
 *   <li>random: {@code sqrt(sum w^2 sd^2) / sum w}, the standard deviation of a weighted mean of
 *       independent errors (sd / sqrt(n) for n equal cells);
 *   <li>systematic: {@code sum w sd / sum w}, since a common error does not average out;
 *   <li>locally correlated with length scale L: the cells are grouped into patches of L by L km, errors
 *       are taken as fully correlated within a patch and independent between patches, so
 *       {@code sqrt(sum over patches (sum w sd)^2) / sum w}. This block approximation of a correlation
 *       that decays with distance is exact at both ends (L much smaller than a cell: random; much larger
 *       than the coarse cell: systematic) and needs no pairwise sum, so it stays linear in the number
 *       of fine cells. Patches are squares of a fixed lattice: L km of northing by L km of easting, with
 *       easting measured at the coarse cell's central latitude, so the result does not depend on the
 *       order of the cells. Where a patch is cut by the coarse cell's edge, the cut part counts as a
 *       patch of its own: the approximation errs towards independence there.
 * </ul>
 *
 * <p>Both grids must use the same longitude convention. The overlaps are computed once per pair of
 * grids, as separable row and column weights. Immutable.
 */
public final class AreaWeightedAggregation {
    /** Mean Earth radius (IUGG), km: converts degrees into the km of a correlation length. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    private final LatLonGrid source;
    private final LatLonGrid target;
    private final Overlaps rows;
    private final Overlaps cols;

    private AreaWeightedAggregation(LatLonGrid source, LatLonGrid target) {
        this.source = source;
        this.target = target;
        this.rows = Overlaps.latitudes(source, target);
        this.cols = Overlaps.longitudes(source, target);
    }

    public static AreaWeightedAggregation between(LatLonGrid source, LatLonGrid target) {
        return new AreaWeightedAggregation(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(target, "target"));
    }

    public LatLonGrid target() {
        return target;
    }

    /** Area-weighted mean of the valid cells; NaN where none is valid. */
    public GridField mean(GridField f) {
        return reduce(f, f.name(), f.units(), Reduction.MEAN, 0);
    }

    /** Fraction (0..1) of each target cell's area covered by valid cells of {@code f}. */
    public GridField coverage(GridField f) {
        return reduce(f, f.name() + "_coverage", "1", Reduction.COVERAGE, 0);
    }

    /**
     * The standard deviation of the area-weighted mean's error, from the standard deviations of the cells,
     * by the rule for {@code correlation} (see the class comment); {@code lengthScaleKm} is used for
     * locally correlated errors only.
     */
    public GridField standardDeviation(GridField sd, ErrorCorrelation correlation, double lengthScaleKm) {
        return switch (correlation) {
            case RANDOM -> reduce(sd, sd.name(), sd.units(), Reduction.RANDOM, 0);
            case SYSTEMATIC -> reduce(sd, sd.name(), sd.units(), Reduction.SYSTEMATIC, 0);
            case LOCALLY_CORRELATED -> {
                if (!(lengthScaleKm > 0)) {
                    throw new IllegalArgumentException("'" + sd.name() + "': locally correlated errors need a positive "
                            + "length scale in km, found " + lengthScaleKm);
                }
                yield reduce(sd, sd.name(), sd.units(), Reduction.LOCAL, lengthScaleKm);
            }
        };
    }

    private enum Reduction { MEAN, COVERAGE, RANDOM, SYSTEMATIC, LOCAL }

    private GridField reduce(GridField f, String name, String units, Reduction how, double lengthKm) {
        if (!f.grid().equals(source)) {
            throw new IllegalArgumentException("'" + f.name() + "' lies on " + f.grid() + "; this aggregation is from "
                    + source);
        }
        int nT = f.timeCount();
        float[] out = new float[nT * target.cellCount()];
        Map<Long, double[]> patches = new HashMap<>();
        for (int t = 0; t < nT; t++) {
            float[] v = f.slice(t);
            for (int i = 0; i < target.latCount(); i++) {
                double cosLat = Math.cos(Math.toRadians(target.lat(i)));
                for (int j = 0; j < target.lonCount(); j++) {
                    double sumW = 0;
                    double sumWv = 0;
                    double sumW2v2 = 0;
                    patches.clear();
                    for (int a = 0; a < rows.count(i); a++) {
                        int si = rows.index(i, a);
                        double wi = rows.weight(i, a);
                        for (int b = 0; b < cols.count(j); b++) {
                            int sj = cols.index(j, b);
                            float x = v[si * source.lonCount() + sj];
                            if (Float.isNaN(x)) {
                                continue;
                            }
                            double w = wi * cols.weight(j, b);
                            sumW += w;
                            sumWv += w * x;
                            sumW2v2 += w * w * x * x;
                            if (how == Reduction.LOCAL) {
                                long key = patchKey(source.lat(si), source.lon(sj), cosLat, lengthKm);
                                patches.computeIfAbsent(key, k -> new double[1])[0] += w * x;
                            }
                        }
                    }
                    out[(t * target.latCount() + i) * target.lonCount() + j] =
                            (float) finish(how, sumW, sumWv, sumW2v2, patches, target.cellArea(i, j));
                }
            }
        }
        return GridField.of(name, units, target, f.times(), out);
    }

    private static double finish(Reduction how, double sumW, double sumWv, double sumW2v2, Map<Long, double[]> patches,
            double cellArea) {
        if (how == Reduction.COVERAGE) {
            return Math.min(1, sumW / cellArea);
        }
        if (sumW == 0) {
            return Double.NaN;
        }
        return switch (how) {
            case MEAN, SYSTEMATIC -> sumWv / sumW;
            case RANDOM -> Math.sqrt(sumW2v2) / sumW;
            case LOCAL -> {
                double s = 0;
                for (double[] p : patches.values()) {
                    s += p[0] * p[0];
                }
                yield Math.sqrt(s) / sumW;
            }
            case COVERAGE -> throw new AssertionError();
        };
    }

    /** The patch of side {@code lengthKm} holding a cell centre, as one number. */
    private static long patchKey(double lat, double lon, double cosLat, double lengthKm) {
        long row = (long) Math.floor(EARTH_RADIUS_KM * Math.toRadians(lat) / lengthKm);
        long col = (long) Math.floor(EARTH_RADIUS_KM * cosLat * Math.toRadians(lon) / lengthKm);
        return row * 4_000_003L + col;
    }
}
