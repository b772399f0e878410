package org.emulens.io.jules;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import org.emulens.engine.MemoryBudget;
import org.emulens.io.grid.LatLonGrid;

/**
 * Where each point of a JULES file lies on a latitude/longitude grid: a land point (or a cell of a JULES
 * 2-D grid) maps to the grid cell whose centre it is. Points outside the grid are left out; a point inside
 * it that is not at a cell centre is an error, since JULES runs on cell centres and moving a value to a
 * neighbouring cell would be a silent regridding. Immutable.
 *
 * <p>{@link #toGrid} then {@link #toPoints} gives the points back exactly, and {@link #toPoints} then
 * {@link #toGrid} gives the grid back exactly on the cells that have a point (NaN elsewhere): values are
 * moved, never interpolated.
 */
public final class LandPointMapping {
    /** How far from a cell centre a point may lie, as a fraction of the cell's size: float32 coordinates. */
    static final double CENTRE_TOLERANCE = 1e-3;

    private final LatLonGrid grid;
    private final int[] cellOfPoint;
    private final int[] pointOfCell;
    /** The file, for the messages. */
    private final String where;

    private LandPointMapping(LatLonGrid grid, int[] cellOfPoint, int[] pointOfCell, String where) {
        this.where = where;
        this.grid = grid;
        this.cellOfPoint = cellOfPoint;
        this.pointOfCell = pointOfCell;
    }

    /**
     * The cells of {@code grid} at the points {@code (lat[k], lon[k])}.
     *
     * @param where names the file, for the messages
     * @throws JulesFormatException if a point inside the grid is not at a cell centre, or two points share a cell
     */
    public static LandPointMapping of(double[] lat, double[] lon, LatLonGrid grid, String where) {
        if (lat.length != lon.length) {
            throw new JulesFormatException(where + ": expected as many longitudes as latitudes, found " + lon.length
                    + " and " + lat.length);
        }
        // A few points far apart, two of them a tiny step from each other, make a natural grid of billions
        // of cells.
        long cells = (long) grid.latCount() * grid.lonCount();
        String what = String.format(Locale.ROOT, "%s: %d points on a grid of %d x %d cells", where, lat.length,
                grid.latCount(), grid.lonCount());
        if (cells > Integer.MAX_VALUE) {
            throw new JulesFormatException(what + ": expected at most " + Integer.MAX_VALUE + " cells; the points' "
                    + "coordinates spread far with a small spacing between some of them");
        }
        MemoryBudget.ofThisJvm().require(what, MemoryBudget.bytes(cells, Integer.BYTES),
                "read a smaller region of the file");
        int[] cellOfPoint = new int[lat.length];
        int[] pointOfCell = new int[(int) cells];
        Arrays.fill(pointOfCell, -1);
        for (int k = 0; k < lat.length; k++) {
            int i = index(lat[k], grid, true, where, k, lat[k], lon[k]);
            int j = index(lon[k], grid, false, where, k, lat[k], lon[k]);
            if (i < 0 || j < 0) {
                cellOfPoint[k] = -1;
                continue;
            }
            int cell = i * grid.lonCount() + j;
            if (pointOfCell[cell] >= 0) {
                throw new JulesFormatException(String.format(Locale.ROOT, "%s: points %d and %d both lie at the "
                        + "centre of cell (%s, %s); expected one point per grid cell", where, pointOfCell[cell], k,
                        grid.lat(i), grid.lon(j)));
            }
            pointOfCell[cell] = k;
            cellOfPoint[k] = cell;
        }
        return new LandPointMapping(grid, cellOfPoint, pointOfCell, where);
    }

    /** Row or column of a coordinate: -1 outside the grid's edges, an error when between centres. */
    private static int index(double c, LatLonGrid grid, boolean latitude, String where, int k, double lat,
            double lon) {
        int n = latitude ? grid.latCount() : grid.lonCount();
        double lo = latitude ? grid.latEdge(0) : grid.lonEdge(0);
        double hi = latitude ? grid.latEdge(n) : grid.lonEdge(n);
        if (!Double.isFinite(c)) {
            throw new JulesFormatException(where + ": point " + k + " has no " + (latitude ? "latitude" : "longitude")
                    + " (missing value); expected a coordinate for every point");
        }
        if (!latitude && (c < lo || c > hi)) {
            // longitudes of 0..360 files against -180..180 grids and the other way round
            c = c + 360 >= lo && c + 360 <= hi ? c + 360 : c - 360;
        }
        if (c < lo || c > hi) {
            return -1;
        }
        int best = 0;
        for (int m = 1; m < n; m++) {
            double centre = latitude ? grid.lat(m) : grid.lon(m);
            double bestCentre = latitude ? grid.lat(best) : grid.lon(best);
            if (Math.abs(centre - c) < Math.abs(bestCentre - c)) {
                best = m;
            }
        }
        double centre = latitude ? grid.lat(best) : grid.lon(best);
        double size = latitude ? grid.latEdge(best + 1) - grid.latEdge(best) : grid.lonEdge(best + 1) - grid.lonEdge(best);
        if (Math.abs(centre - c) > CENTRE_TOLERANCE * size) {
            throw new JulesFormatException(String.format(Locale.ROOT, "%s: point %d at (%s, %s) is not at a cell "
                    + "centre of the grid %s: its nearest %s centre is %s; regrid the file to the study grid first",
                    where, k, lat, lon, grid, latitude ? "latitude" : "longitude", centre));
        }
        return best;
    }

    /**
     * The grid the points lie on when nothing else says: regular with the smallest spacing between their
     * coordinates if every point is a whole number of steps from the first, else the distinct coordinates
     * themselves as centres.
     */
    public static LatLonGrid naturalGrid(double[] lat, double[] lon, String where) {
        if (lat.length == 0) {
            throw new JulesFormatException(where + ": expected at least one point, found none");
        }
        return LatLonGrid.ofCentres(axis(lat, where, "latitude"), axis(lon, where, "longitude"));
    }

    private static double[] axis(double[] c, String where, String what) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : c) {
            if (!Double.isFinite(v)) {
                throw new JulesFormatException(where + ": a point has a missing " + what + "; expected a coordinate "
                        + "for every point");
            }
            distinct.add(v);
        }
        double[] d = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        if (d.length < 2) {
            return d;
        }
        double step = Double.POSITIVE_INFINITY;
        for (int k = 1; k < d.length; k++) {
            step = Math.min(step, d[k] - d[k - 1]);
        }
        long n = Math.round((d[d.length - 1] - d[0]) / step);
        for (double v : d) {
            double steps = (v - d[0]) / step;
            if (Math.abs(steps - Math.round(steps)) > CENTRE_TOLERANCE || n > 1_000_000) {
                return d;
            }
        }
        double[] regular = new double[(int) n + 1];
        for (int k = 0; k <= n; k++) {
            regular[k] = d[0] + k * step;
        }
        // the ends exactly as the file has them, so that its own points map without rounding questions
        regular[(int) n] = d[d.length - 1];
        return regular;
    }

    public LatLonGrid grid() {
        return grid;
    }

    public int pointCount() {
        return cellOfPoint.length;
    }

    /** The grid cell (row-major, {@code i * lonCount + j}) of point {@code k}, or -1 if it is outside the grid. */
    public int cellOf(int k) {
        return cellOfPoint[k];
    }

    /** The point at grid cell {@code cell}, or -1 if none is. */
    public int pointAt(int cell) {
        return pointOfCell[cell];
    }

    /**
     * Point values placed on the grid, for each of {@code steps} consecutive blocks of {@link #pointCount()}
     * values; NaN on cells without a point.
     */
    public float[] toGrid(float[] points, int steps) {
        requireLength(points, (long) steps * cellOfPoint.length, "point");
        int cells = grid.cellCount();
        long values = (long) steps * cells;
        if (values > Integer.MAX_VALUE - 8) {
            throw new JulesFormatException(String.format(Locale.ROOT, "%s: %d steps on a grid of %d cells: expected at "
                    + "most %d values; select fewer steps", where, steps, cells, Integer.MAX_VALUE - 8));
        }
        MemoryBudget.ofThisJvm().require(where + ": " + steps + " steps on a grid of " + cells + " cells",
                MemoryBudget.bytes(values, Float.BYTES), "select fewer steps or a smaller region");
        float[] out = new float[steps * cells];
        Arrays.fill(out, Float.NaN);
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < cellOfPoint.length; k++) {
                if (cellOfPoint[k] >= 0) {
                    out[t * cells + cellOfPoint[k]] = points[t * cellOfPoint.length + k];
                }
            }
        }
        return out;
    }

    /** Grid values taken at the points, for each of {@code steps} blocks; NaN for points outside the grid. */
    public float[] toPoints(float[] cells, int steps) {
        requireLength(cells, (long) steps * grid.cellCount(), "grid");
        int n = cellOfPoint.length;
        float[] out = new float[steps * n];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < n; k++) {
                out[t * n + k] = cellOfPoint[k] < 0 ? Float.NaN : cells[t * grid.cellCount() + cellOfPoint[k]];
            }
        }
        return out;
    }

    private static void requireLength(float[] v, long expected, String what) {
        if (v.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " " + what + " values, found " + v.length);
        }
    }
}
