package org.emulens.ensemble.design;

import java.util.Objects;

/**
 * Morris's elementary-effects design (Morris 1991, "Factorial sampling plans for preliminary computational
 * experiments", Technometrics 33, 161-174) with the step of Campolongo, Cariboni and Saltelli (2007, "An effective
 * screening design for sensitivity analysis of large models", Environ. Model. Softw. 22, 1509-1518).
 *
 * <p>Each of {@code r} trajectories is {@code d + 1} points on the {@code p}-level grid
 * {@code {0, 1/(p-1), ..., 1}}; consecutive points differ in exactly one factor, by {@code +-delta} with
 * {@code delta = p / (2 (p - 1))}, and every factor moves once. This is the matrix
 * {@code B* = (J x* + (delta/2) ((2B - J) D* + J)) P*} of Morris 1991: a random base point x* from the levels
 * {@code 0 .. 1 - delta}, random directions D* and a random order P*. {@code p} must be even so that every level
 * has a partner {@code delta} away, which makes all levels equally likely.
 *
 * <p>Rows are trajectory by trajectory, {@code (d + 1)} rows each, as SALib's {@code morris.sample}. Randomness for
 * trajectory t, factor i: base level {@code source.uniform(t, i)}, direction {@code source.uniform(t, d + i)},
 * order key {@code source.uniform(t, 2d + i)}. The end levels 0 and 1 are included, so an unbounded marginal
 * maps them to infinity: give such factors bounds (uniform, truncated normal, triangular) for screening.
 */
public final class MorrisDesign {
    private final int factors;
    private final int levels;
    /** {@code [trajectory][step][factor]}: grid level, 0 .. p-1, of every coordinate. */
    private final int[][][] grid;
    /** {@code [trajectory][step - 1]}: the factor that moves from step - 1 to step. */
    private final int[][] moved;

    private MorrisDesign(int factors, int levels, int[][][] grid, int[][] moved) {
        this.factors = factors;
        this.levels = levels;
        this.grid = grid;
        this.moved = moved;
    }

    public static MorrisDesign of(int factors, int trajectories, int levels, UnitUniforms source) {
        DesignArguments.requirePositive("factors", factors);
        DesignArguments.requirePositive("trajectories", trajectories);
        Objects.requireNonNull(source, "source");
        if (levels < 2 || levels % 2 != 0) {
            throw new IllegalArgumentException("Morris levels p must be even and >= 2, found " + levels);
        }
        int half = levels / 2; // delta in grid steps, and the number of possible base levels
        int[][][] grid = new int[trajectories][factors + 1][];
        int[][] moved = new int[trajectories][];
        double[] keys = new double[factors];
        for (int t = 0; t < trajectories; t++) {
            int[] point = new int[factors];
            int[] direction = new int[factors];
            for (int i = 0; i < factors; i++) {
                int base = Math.min((int) (source.uniform(t, i) * half), half - 1);
                direction[i] = source.uniform(t, factors + i) < 0.5 ? -1 : 1;
                point[i] = direction[i] > 0 ? base : base + half;
                keys[i] = source.uniform(t, 2 * factors + i);
            }
            int[] rank = RandomPermutation.fromKeys(keys);
            int[] order = new int[factors];
            for (int i = 0; i < factors; i++) {
                order[rank[i]] = i;
            }
            grid[t][0] = point.clone();
            for (int step = 1; step <= factors; step++) {
                int i = order[step - 1];
                point[i] += direction[i] * half;
                grid[t][step] = point.clone();
            }
            moved[t] = order;
        }
        return new MorrisDesign(factors, levels, grid, moved);
    }

    /** Driven by the study's counter-based stream, {@link PhiloxUniforms}. */
    public static MorrisDesign seeded(int factors, int trajectories, int levels, long seed) {
        return of(factors, trajectories, levels, PhiloxUniforms.seeded(seed));
    }

    public int factors() {
        return factors;
    }

    public int trajectories() {
        return grid.length;
    }

    public int levels() {
        return levels;
    }

    /** {@code p / (2 (p - 1))}: the size of every move, in unit-cube coordinates. */
    public double delta() {
        return levels / (2.0 * (levels - 1));
    }

    /** {@code trajectories() * (factors() + 1)}. */
    public int rows() {
        return grid.length * (factors + 1);
    }

    /** The row of point {@code step} (0 .. d) of a trajectory. */
    public int row(int trajectory, int step) {
        return trajectory * (factors + 1) + step;
    }

    /** The factor that moves between points {@code step - 1} and {@code step} (step 1 .. d) of a trajectory. */
    public int factorMovedAt(int trajectory, int step) {
        return moved[trajectory][step - 1];
    }

    /** The signed move, {@code +delta} or {@code -delta}, of that factor at that step. */
    public double moveAt(int trajectory, int step) {
        int i = factorMovedAt(trajectory, step);
        return grid[trajectory][step][i] > grid[trajectory][step - 1][i] ? delta() : -delta();
    }

    /** All rows, a new matrix {@code [rows()][factors()]}; coordinates are {@code level / (p - 1)}. */
    public double[][] unitPoints() {
        double[][] points = new double[rows()][factors];
        for (int t = 0; t < grid.length; t++) {
            for (int step = 0; step <= factors; step++) {
                for (int i = 0; i < factors; i++) {
                    points[row(t, step)][i] = grid[t][step][i] / (double) (levels - 1);
                }
            }
        }
        return points;
    }

    @Override
    public String toString() {
        return "MorrisDesign[factors=" + factors + ", trajectories=" + grid.length + ", levels=" + levels + "]";
    }
}
