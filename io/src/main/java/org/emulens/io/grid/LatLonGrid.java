package org.emulens.io.grid;

import java.util.Arrays;

/**
 * The cells of a rectilinear latitude/longitude grid: centres ascending in both directions, whatever
 * order the file stored them in, and cell edges halfway between centres. Immutable.
 *
 * <p>Cell areas are exact on the sphere, {@code (sin(north) - sin(south)) * (east - west)} in
 * steradians, which is what "cos(latitude) times overlap area" tends to for small cells; area-weighted
 * sums therefore stay conserved however coarse the cells are.
 */
public final class LatLonGrid {
    private final double[] lat;
    private final double[] lon;
    private final double[] latEdges;
    private final double[] lonEdges;

    private LatLonGrid(double[] lat, double[] lon, double[] latEdges, double[] lonEdges) {
        this.lat = lat;
        this.lon = lon;
        this.latEdges = latEdges;
        this.lonEdges = lonEdges;
    }

    /**
     * A grid from its cell centres, both strictly ascending; edges are placed halfway between centres
     * and half a step beyond the outer ones (latitude edges stop at the poles).
     */
    public static LatLonGrid ofCentres(double[] lat, double[] lon) {
        requireAscending("latitude", lat);
        requireAscending("longitude", lon);
        double[] latEdges = edges(lat);
        latEdges[0] = Math.max(-90, latEdges[0]);
        latEdges[lat.length] = Math.min(90, latEdges[lat.length]);
        return new LatLonGrid(lat.clone(), lon.clone(), latEdges, edges(lon));
    }

    /**
     * A regular grid whose cells tile the box exactly with the given step, e.g. the 0.25 degree study
     * grid {@code regular(GeoBox.of(-35, 38, -18, 52), 0.25)}.
     *
     * @throws IllegalArgumentException if the box is not a whole number of steps in each direction
     */
    public static LatLonGrid regular(GeoBox box, double step) {
        int nLat = wholeSteps(box.north() - box.south(), step, "latitude");
        int nLon = wholeSteps(box.east() - box.west(), step, "longitude");
        double[] latEdges = new double[nLat + 1];
        double[] lonEdges = new double[nLon + 1];
        double[] lat = new double[nLat];
        double[] lon = new double[nLon];
        for (int i = 0; i <= nLat; i++) {
            latEdges[i] = box.south() + i * step;
        }
        for (int j = 0; j <= nLon; j++) {
            lonEdges[j] = box.west() + j * step;
        }
        for (int i = 0; i < nLat; i++) {
            lat[i] = box.south() + (i + 0.5) * step;
        }
        for (int j = 0; j < nLon; j++) {
            lon[j] = box.west() + (j + 0.5) * step;
        }
        return new LatLonGrid(lat, lon, latEdges, lonEdges);
    }

    /**
     * A grid from centres and the edges between them (one more edge than centres in each direction),
     * as a reader knows them from the whole file axis even when it keeps only a few cells.
     */
    public static LatLonGrid ofCentresAndEdges(double[] lat, double[] latEdges, double[] lon, double[] lonEdges) {
        requireAscending("latitude", lat);
        requireAscending("longitude", lon);
        requireEdges("latitude", lat, latEdges);
        requireEdges("longitude", lon, lonEdges);
        if (latEdges[0] < -90 || latEdges[lat.length] > 90) {
            throw new IllegalArgumentException("latitude edges: expected within -90..90, found " + latEdges[0] + ".."
                    + latEdges[lat.length]);
        }
        return new LatLonGrid(lat.clone(), lon.clone(), latEdges.clone(), lonEdges.clone());
    }

    private static void requireEdges(String what, double[] centres, double[] edges) {
        if (edges.length != centres.length + 1) {
            throw new IllegalArgumentException(what + " edges: expected " + (centres.length + 1) + ", found "
                    + edges.length);
        }
        for (int k = 0; k < centres.length; k++) {
            if (!(edges[k] <= centres[k] && centres[k] <= edges[k + 1])) {
                throw new IllegalArgumentException(what + " cell " + k + ": expected its centre " + centres[k]
                        + " between its edges, found " + edges[k] + ".." + edges[k + 1]);
            }
        }
    }

    private static int wholeSteps(double span, double step, String what) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("grid step: expected a positive number of degrees, found " + step);
        }
        double n = span / step;
        long rounded = Math.round(n);
        if (rounded < 1 || Math.abs(n - rounded) > 1e-6) {
            throw new IllegalArgumentException("grid " + what + " span " + span + " degrees: expected a whole number of "
                    + step + " degree steps, found " + n);
        }
        return (int) rounded;
    }

    private static void requireAscending(String what, double[] c) {
        if (c.length == 0) {
            throw new IllegalArgumentException(what + " centres: expected at least one, found none");
        }
        for (int k = 0; k < c.length; k++) {
            if (!Double.isFinite(c[k]) || (k > 0 && !(c[k] > c[k - 1]))) {
                throw new IllegalArgumentException(what + " centres: expected finite and strictly ascending, found "
                        + (k > 0 ? c[k - 1] + " then " : "") + c[k] + " at index " + k);
            }
        }
    }

    private static double[] edges(double[] c) {
        int n = c.length;
        double[] e = new double[n + 1];
        if (n == 1) {
            // one centre gives no spacing: a single cell of one degree is as good a guess as any, and
            // only the area weights of a one-cell grid depend on it, which cancel in a mean
            e[0] = c[0] - 0.5;
            e[1] = c[0] + 0.5;
            return e;
        }
        for (int k = 1; k < n; k++) {
            e[k] = 0.5 * (c[k - 1] + c[k]);
        }
        e[0] = c[0] - 0.5 * (c[1] - c[0]);
        e[n] = c[n - 1] + 0.5 * (c[n - 1] - c[n - 2]);
        return e;
    }

    public int latCount() {
        return lat.length;
    }

    public int lonCount() {
        return lon.length;
    }

    /** Number of cells, latCount() * lonCount(). */
    public int cellCount() {
        return lat.length * lon.length;
    }

    public double lat(int i) {
        return lat[i];
    }

    public double lon(int j) {
        return lon[j];
    }

    /** Southern edge of row {@code i}; {@code latEdge(latCount())} is the northern edge of the last row. */
    public double latEdge(int i) {
        return latEdges[i];
    }

    /** Western edge of column {@code j}; {@code lonEdge(lonCount())} is the eastern edge of the last column. */
    public double lonEdge(int j) {
        return lonEdges[j];
    }

    public double[] latitudes() {
        return lat.clone();
    }

    public double[] longitudes() {
        return lon.clone();
    }

    /** Area of cell (i, j) on the unit sphere, in steradians. */
    public double cellArea(int i, int j) {
        return bandArea(latEdges[i], latEdges[i + 1]) * Math.toRadians(lonEdges[j + 1] - lonEdges[j]);
    }

    /** {@code sin(north) - sin(south)}: the area per radian of longitude of a latitude band. */
    public static double bandArea(double south, double north) {
        return Math.sin(Math.toRadians(north)) - Math.sin(Math.toRadians(south));
    }

    /** The box the cells cover, edge to edge. */
    public GeoBox extent() {
        return GeoBox.of(latEdges[0], latEdges[lat.length], lonEdges[0], lonEdges[lon.length]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatLonGrid g && Arrays.equals(g.lat, lat) && Arrays.equals(g.lon, lon)
                && Arrays.equals(g.latEdges, latEdges) && Arrays.equals(g.lonEdges, lonEdges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lat) * 31 + Arrays.hashCode(lon);
    }

    @Override
    public String toString() {
        return lat.length + " x " + lon.length + " cells, " + extent();
    }
}
