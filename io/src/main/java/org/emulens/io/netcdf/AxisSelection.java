package org.emulens.io.netcdf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.emulens.io.grid.GeoBox;

/**
 * The cells of one file axis that fall in a request, put in ascending order of coordinate, and the runs
 * of consecutive file indices that hold them, so that each run is one {@code Variable.read(section)}:
 * a descending latitude axis is one run read backwards, and a box across the seam of a 0..360 longitude
 * axis is two runs. Nothing outside the runs is read.
 */
final class AxisSelection {
    /** Tolerance, in degrees, for a cell centre on a box edge: coordinates stored as float are rounded. */
    private static final double EDGE_TOLERANCE = 1e-6;

    /** One contiguous block of file indices; {@code reversed} when the output runs against the file order. */
    record Run(int outStart, int length, int fileMin, boolean reversed) {
        int fileIndex(int outOffset) {
            return reversed ? fileMin + length - 1 - outOffset : fileMin + outOffset;
        }
    }

    private final int[] fileIndex;
    private final double[] keys;
    private final double[] edges;

    private AxisSelection(int[] fileIndex, double[] keys, double[] edges) {
        this.fileIndex = fileIndex;
        this.keys = keys;
        this.edges = edges;
    }

    /** Centres within the box's latitudes. */
    static AxisSelection latitudes(double[] fileLat, GeoBox box) {
        List<double[]> picked = new ArrayList<>();
        for (int k = 0; k < fileLat.length; k++) {
            if (fileLat[k] >= box.south() - EDGE_TOLERANCE && fileLat[k] <= box.north() + EDGE_TOLERANCE) {
                picked.add(new double[] {fileLat[k], k});
            }
        }
        AxisSelection s = of(picked, fileLat);
        if (s.size() > 0) {
            s.edges[0] = Math.max(-90, s.edges[0]);
            s.edges[s.size()] = Math.min(90, s.edges[s.size()]);
        }
        return s;
    }

    /** Centres within the box's longitudes, in the box's convention (-180..180 or 0..360, whichever it uses). */
    static AxisSelection longitudes(double[] fileLon, GeoBox box) {
        List<double[]> picked = new ArrayList<>();
        for (int k = 0; k < fileLon.length; k++) {
            double lon = box.inBoxConvention(fileLon[k]);
            if (lon >= box.west() - EDGE_TOLERANCE && lon <= box.east() + EDGE_TOLERANCE) {
                picked.add(new double[] {lon, k});
            }
        }
        return of(picked, fileLon);
    }

    /** Time steps from {@code from} to {@code to}, both inclusive; null ends are open. */
    static AxisSelection times(Instant[] times, Instant from, Instant to) {
        List<double[]> picked = new ArrayList<>();
        double[] millis = new double[times.length];
        for (int k = 0; k < times.length; k++) {
            millis[k] = times[k].toEpochMilli();
            if ((from == null || !times[k].isBefore(from)) && (to == null || !times[k].isAfter(to))) {
                picked.add(new double[] {millis[k], k});
            }
        }
        return of(picked, millis);
    }

    private static AxisSelection of(List<double[]> picked, double[] fileCoordinates) {
        picked.sort(Comparator.comparingDouble(p -> p[0]));
        // an axis that overlaps itself after wrapping (more than 360 degrees) keeps each place once
        List<double[]> unique = new ArrayList<>();
        for (double[] p : picked) {
            if (unique.isEmpty() || p[0] > unique.get(unique.size() - 1)[0]) {
                unique.add(p);
            }
        }
        int n = unique.size();
        int[] index = new int[n];
        double[] keys = new double[n];
        for (int k = 0; k < n; k++) {
            keys[k] = unique.get(k)[0];
            index[k] = (int) unique.get(k)[1];
        }
        double[] edges = new double[n + 1];
        if (n > 0) {
            for (int k = 1; k < n; k++) {
                edges[k] = 0.5 * (keys[k - 1] + keys[k]);
            }
            edges[0] = keys[0] - halfSpacing(fileCoordinates, index[0]);
            edges[n] = keys[n - 1] + halfSpacing(fileCoordinates, index[n - 1]);
        }
        return new AxisSelection(index, keys, edges);
    }

    /** Half the distance from file cell {@code k} to its neighbour: where its edge lies in the whole file. */
    private static double halfSpacing(double[] c, int k) {
        if (c.length == 1) {
            return 0.5;
        }
        int neighbour = k + 1 < c.length ? k + 1 : k - 1;
        return 0.5 * Math.abs(c[neighbour] - c[k]);
    }

    int size() {
        return keys.length;
    }

    /** Coordinates in output (ascending) order. */
    double[] keys() {
        return keys.clone();
    }

    /** Cell edges in output order, one more than the cells. */
    double[] edges() {
        return edges.clone();
    }

    int[] fileIndices() {
        return fileIndex.clone();
    }

    /** The smallest set of contiguous blocks of file indices that holds the selection. */
    List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        int start = 0;
        while (start < fileIndex.length) {
            int end = start + 1;
            int step = end < fileIndex.length ? fileIndex[end] - fileIndex[start] : 1;
            if (step != 1 && step != -1) {
                step = 1;
            } else {
                while (end < fileIndex.length && fileIndex[end] - fileIndex[end - 1] == step) {
                    end++;
                }
            }
            int length = end - start;
            int min = Math.min(fileIndex[start], fileIndex[end - 1]);
            runs.add(new Run(start, length, min, step == -1 && length > 1));
            start = end;
        }
        return runs;
    }

    @Override
    public String toString() {
        return Arrays.toString(fileIndex);
    }
}
