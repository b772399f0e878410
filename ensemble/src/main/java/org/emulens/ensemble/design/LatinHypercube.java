package org.emulens.ensemble.design;

import java.util.Objects;

/**
 * Latin hypercube sampling (McKay, Beckman and Conover 1979): each dimension is cut into {@code n} equal strata
 * and every stratum holds exactly one of the {@code n} points, placed uniformly within it; the strata are matched
 * across dimensions by an independent random permutation per dimension. Every one-dimensional projection is
 * therefore evenly spread, whatever {@code n}.
 *
 * <p>Randomness for point {@code i}, dimension {@code j}: permutation key {@code source.uniform(i, 2j)} (the
 * point's stratum is the rank of its key) and offset within the stratum {@code source.uniform(i, 2j + 1)}.
 * Coordinates are strictly inside (0, 1) and exactly inside their stratum.
 */
public final class LatinHypercube implements UnitCubeDesign {
    private final int dimensions;
    private final UnitUniforms source;

    private LatinHypercube(int dimensions, UnitUniforms source) {
        this.dimensions = dimensions;
        this.source = source;
    }

    public static LatinHypercube of(int dimensions, UnitUniforms source) {
        DesignArguments.requirePositive("dimensions", dimensions);
        return new LatinHypercube(dimensions, Objects.requireNonNull(source, "source"));
    }

    /** Driven by the study's counter-based stream, {@link PhiloxUniforms}. */
    public static LatinHypercube seeded(int dimensions, long seed) {
        return of(dimensions, PhiloxUniforms.seeded(seed));
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public double[][] sample(int n) {
        DesignArguments.requirePositive("n", n);
        DesignArguments.requireMemory("a Latin hypercube", n, dimensions, "ask for fewer points");
        double[][] points = new double[n][dimensions];
        double[] keys = new double[n];
        for (int j = 0; j < dimensions; j++) {
            for (int i = 0; i < n; i++) {
                keys[i] = source.uniform(i, 2 * j);
            }
            int[] stratum = RandomPermutation.fromKeys(keys);
            for (int i = 0; i < n; i++) {
                points[i][j] = insideStratum(stratum[i], source.uniform(i, 2 * j + 1), n);
            }
        }
        return points;
    }

    /**
     * {@code (stratum + offset) / n}, nudged by ulps until it lies in {@code [stratum/n, (stratum+1)/n)} exactly:
     * the sum and the division each round, and for an offset within an ulp of 1 that can land the value on the
     * next stratum's edge (or on 1.0 for the top stratum). The fused multiply-add gives the exact sign of
     * {@code x n - edge}.
     */
    static double insideStratum(int stratum, double offset, int n) {
        double x = (stratum + offset) / n;
        while (Math.fma(x, n, -(stratum + 1.0)) >= 0) {
            x = Math.nextDown(x);
        }
        while (Math.fma(x, n, -stratum) < 0 || x == 0) {
            x = Math.nextUp(x);
        }
        return x;
    }

    @Override
    public String toString() {
        return "LatinHypercube[dimensions=" + dimensions + ", source=" + source + "]";
    }
}
