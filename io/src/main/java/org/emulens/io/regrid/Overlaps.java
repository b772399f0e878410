package org.emulens.io.regrid;

import java.util.ArrayList;
import java.util.List;
import org.emulens.io.grid.LatLonGrid;

/**
 * For each target row (or column), the source rows (columns) that overlap it and by how much: the
 * latitude part of an overlap area is {@code sin(north) - sin(south)}, the longitude part is the
 * overlap in radians, and their product is the overlap area on the unit sphere. Immutable.
 */
final class Overlaps {
    private final int[][] index;
    private final double[][] weight;

    private Overlaps(int[][] index, double[][] weight) {
        this.index = index;
        this.weight = weight;
    }

    static Overlaps latitudes(LatLonGrid source, LatLonGrid target) {
        int n = target.latCount();
        int[][] index = new int[n][];
        double[][] weight = new double[n][];
        for (int i = 0; i < n; i++) {
            List<double[]> hits = overlapping(source, true, target.latEdge(i), target.latEdge(i + 1));
            index[i] = new int[hits.size()];
            weight[i] = new double[hits.size()];
            for (int k = 0; k < hits.size(); k++) {
                index[i][k] = (int) hits.get(k)[0];
                weight[i][k] = LatLonGrid.bandArea(hits.get(k)[1], hits.get(k)[2]);
            }
        }
        return new Overlaps(index, weight);
    }

    static Overlaps longitudes(LatLonGrid source, LatLonGrid target) {
        int n = target.lonCount();
        int[][] index = new int[n][];
        double[][] weight = new double[n][];
        for (int j = 0; j < n; j++) {
            List<double[]> hits = overlapping(source, false, target.lonEdge(j), target.lonEdge(j + 1));
            index[j] = new int[hits.size()];
            weight[j] = new double[hits.size()];
            for (int k = 0; k < hits.size(); k++) {
                index[j][k] = (int) hits.get(k)[0];
                weight[j][k] = Math.toRadians(hits.get(k)[2] - hits.get(k)[1]);
            }
        }
        return new Overlaps(index, weight);
    }

    /** Source cells overlapping [lo, hi] along one axis, as {index, overlap start, overlap end}. */
    private static List<double[]> overlapping(LatLonGrid source, boolean latitude, double lo, double hi) {
        int n = latitude ? source.latCount() : source.lonCount();
        // first source cell whose upper edge is above lo
        int first = 0;
        int last = n;
        while (first < last) {
            int mid = (first + last) >>> 1;
            if (edge(source, latitude, mid + 1) <= lo) {
                first = mid + 1;
            } else {
                last = mid;
            }
        }
        List<double[]> hits = new ArrayList<>();
        for (int k = first; k < n && edge(source, latitude, k) < hi; k++) {
            double a = Math.max(lo, edge(source, latitude, k));
            double b = Math.min(hi, edge(source, latitude, k + 1));
            if (b > a) {
                hits.add(new double[] {k, a, b});
            }
        }
        return hits;
    }

    private static double edge(LatLonGrid g, boolean latitude, int k) {
        return latitude ? g.latEdge(k) : g.lonEdge(k);
    }

    int count(int target) {
        return index[target].length;
    }

    int index(int target, int k) {
        return index[target][k];
    }

    double weight(int target, int k) {
        return weight[target][k];
    }
}
