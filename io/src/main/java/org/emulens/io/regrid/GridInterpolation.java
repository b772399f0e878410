package org.emulens.io.regrid;

import java.util.Arrays;
import java.util.Objects;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;

/**
 * Interpolation from a coarse grid onto a finer one (e.g. a 0.25 degree product onto a 0.05 degree
 * study grid), by nearest cell or bilinearly between the four surrounding cell centres. Target cells
 * whose centre lies outside the source grid's cells are NaN: nothing is extrapolated.
 *
 * <p>A target cell is NaN wherever the source cell containing its centre is NaN, so no value appears
 * where the source has none. Otherwise bilinear weights of NaN corners are dropped and the others
 * renormalised, so a coast does not spread NaN half a cell inland. Between the outermost
 * centres and the grid's edge the nearest row or column is used (constant). Longitude is not treated
 * as periodic: a global grid is not interpolated across its seam.
 *
 * <p>Standard deviations are interpolated like values: the error of a coarse cell is shared by all the
 * fine cells inside it, so it is carried, not reduced. Weights are computed once per pair of grids.
 * Immutable.
 */
public final class GridInterpolation {
    /** How a target cell takes its value from the source. */
    public enum Method { NEAREST, BILINEAR }

    private final LatLonGrid source;
    private final LatLonGrid target;
    private final Method method;
    /** Per target cell: up to four source cells (-1 for none) and their weights. */
    private final int[] corners;
    private final double[] weights;
    /** Per target cell: the source cell containing its centre, or -1. */
    private final int[] home;

    private GridInterpolation(LatLonGrid source, LatLonGrid target, Method method) {
        this.source = source;
        this.target = target;
        this.method = method;
        int n = target.cellCount();
        this.corners = new int[4 * n];
        this.weights = new double[4 * n];
        this.home = new int[n];
        Arrays.fill(corners, -1);
        Arrays.fill(home, -1);
        for (int i = 0; i < target.latCount(); i++) {
            for (int j = 0; j < target.lonCount(); j++) {
                prepare(i * target.lonCount() + j, target.lat(i), target.lon(j));
            }
        }
    }

    public static GridInterpolation between(LatLonGrid source, LatLonGrid target, Method method) {
        return new GridInterpolation(Objects.requireNonNull(source, "source"), Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(method, "method"));
    }

    private void prepare(int cell, double lat, double lon) {
        int ci = containing(source, true, lat);
        int cj = containing(source, false, lon);
        if (ci < 0 || cj < 0) {
            return;
        }
        home[cell] = ci * source.lonCount() + cj;
        if (method == Method.NEAREST) {
            corners[4 * cell] = ci * source.lonCount() + cj;
            weights[4 * cell] = 1;
            return;
        }
        int[] ii = bracket(source, true, lat);
        int[] jj = bracket(source, false, lon);
        double ty = fraction(source.lat(ii[0]), source.lat(ii[1]), lat);
        double tx = fraction(source.lon(jj[0]), source.lon(jj[1]), lon);
        int base = 4 * cell;
        corners[base] = ii[0] * source.lonCount() + jj[0];
        corners[base + 1] = ii[0] * source.lonCount() + jj[1];
        corners[base + 2] = ii[1] * source.lonCount() + jj[0];
        corners[base + 3] = ii[1] * source.lonCount() + jj[1];
        weights[base] = (1 - ty) * (1 - tx);
        weights[base + 1] = (1 - ty) * tx;
        weights[base + 2] = ty * (1 - tx);
        weights[base + 3] = ty * tx;
    }

    /** The source cell whose edges hold {@code x}, or -1. */
    private static int containing(LatLonGrid g, boolean latitude, double x) {
        int n = latitude ? g.latCount() : g.lonCount();
        if (x < edge(g, latitude, 0) || x > edge(g, latitude, n)) {
            return -1;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (edge(g, latitude, mid) <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The two source centres around {@code x}; the same one twice beyond the outermost centres. */
    private static int[] bracket(LatLonGrid g, boolean latitude, double x) {
        int n = latitude ? g.latCount() : g.lonCount();
        if (x <= centre(g, latitude, 0)) {
            return new int[] {0, 0};
        }
        if (x >= centre(g, latitude, n - 1)) {
            return new int[] {n - 1, n - 1};
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (centre(g, latitude, mid) <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new int[] {lo, hi};
    }

    private static double fraction(double a, double b, double x) {
        return b == a ? 0 : (x - a) / (b - a);
    }

    private static double edge(LatLonGrid g, boolean latitude, int k) {
        return latitude ? g.latEdge(k) : g.lonEdge(k);
    }

    private static double centre(LatLonGrid g, boolean latitude, int k) {
        return latitude ? g.lat(k) : g.lon(k);
    }

    public LatLonGrid target() {
        return target;
    }

    /** {@code f}, on the source grid, interpolated onto the target grid for each of its time steps. */
    public GridField apply(GridField f) {
        if (!f.grid().equals(source)) {
            throw new IllegalArgumentException("'" + f.name() + "' lies on " + f.grid() + "; this interpolation is "
                    + "from " + source);
        }
        int n = target.cellCount();
        float[] out = new float[f.timeCount() * n];
        for (int t = 0; t < f.timeCount(); t++) {
            float[] v = f.slice(t);
            for (int cell = 0; cell < n; cell++) {
                if (home[cell] < 0 || Float.isNaN(v[home[cell]])) {
                    out[t * n + cell] = Float.NaN;
                    continue;
                }
                double sumW = 0;
                double sum = 0;
                for (int c = 4 * cell; c < 4 * cell + 4; c++) {
                    if (corners[c] >= 0 && weights[c] > 0 && !Float.isNaN(v[corners[c]])) {
                        sumW += weights[c];
                        sum += weights[c] * v[corners[c]];
                    }
                }
                out[t * n + cell] = sumW > 0 ? (float) (sum / sumW) : Float.NaN;
            }
        }
        return GridField.of(f.name(), f.units(), target, f.times(), out);
    }
}
