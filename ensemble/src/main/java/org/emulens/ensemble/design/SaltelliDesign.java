package org.emulens.ensemble.design;

import java.util.Objects;

/**
 * The cross-sampled design for Sobol' indices (Saltelli 2002; Saltelli et al. 2010, "Variance based sensitivity
 * analysis of model output. Design and estimator for the total sensitivity index", Comput. Phys. Commun. 181,
 * 259-270). From {@code N} base points in {@code 2d} dimensions it takes two independent matrices, A (columns
 * {@code 0..d-1}) and B (columns {@code d..2d-1}), and for every factor i the hybrids
 * {@code A_B^(i)} (A with column i taken from B) and, for second-order indices, {@code B_A^(i)} (B with column i
 * taken from A).
 *
 * <p><b>Row order</b> is SALib's {@code saltelli.sample(problem, N, calc_second_order=...)}, so outputs computed for
 * either tool line up: for each base point {@code s} in turn, a block of {@link #rowsPerBaseSample()} rows
 * <pre>
 *   A_s, A_B^(0)_s, ..., A_B^(d-1)_s, [B_A^(0)_s, ..., B_A^(d-1)_s,] B_s
 * </pre>
 * that is {@code 2d + 2} rows with second order and {@code d + 2} without. {@link #rowA}, {@link #rowB},
 * {@link #rowAB} and {@link #rowBA} are the single statement of this layout that the analysis reads outputs by.
 *
 * <p>The base is a scrambled Sobol' sequence by default; N a power of two keeps its balance properties.
 */
public final class SaltelliDesign {
    private final int factors;
    private final boolean secondOrder;
    private final double[][] base;

    private SaltelliDesign(int factors, boolean secondOrder, double[][] base) {
        this.factors = factors;
        this.secondOrder = secondOrder;
        this.base = base;
    }

    /**
     * @param base a design with {@code 2 * factors} dimensions; its first {@code baseSamples} points become A|B
     */
    public static SaltelliDesign of(int factors, int baseSamples, boolean secondOrder, UnitCubeDesign base) {
        DesignArguments.requirePositive("factors", factors);
        DesignArguments.requirePositive("baseSamples", baseSamples);
        Objects.requireNonNull(base, "base");
        if (base.dimensions() != 2 * factors) {
            throw new IllegalArgumentException("Saltelli base design has " + base.dimensions()
                    + " dimensions, expected 2 x " + factors + " factors = " + 2 * factors);
        }
        long rows = (long) baseSamples * (secondOrder ? 2L * factors + 2 : factors + 2L);
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Saltelli design of " + baseSamples + " base samples x " + factors
                    + " factors has " + rows + " rows, more than one array holds (" + Integer.MAX_VALUE + ")");
        }
        return new SaltelliDesign(factors, secondOrder, base.sample(baseSamples));
    }

    /** With a {@link SobolSequence#scrambled(int, long) scrambled Sobol'} base of {@code 2 * factors} dimensions. */
    public static SaltelliDesign scrambledSobol(int factors, int baseSamples, boolean secondOrder, long seed) {
        DesignArguments.requirePositive("factors", factors);
        return of(factors, baseSamples, secondOrder, SobolSequence.scrambled(2 * factors, seed));
    }

    public int factors() {
        return factors;
    }

    public int baseSamples() {
        return base.length;
    }

    public boolean secondOrder() {
        return secondOrder;
    }

    /** {@code 2d + 2} with second order, {@code d + 2} without. */
    public int rowsPerBaseSample() {
        return secondOrder ? 2 * factors + 2 : factors + 2;
    }

    public int rows() {
        return base.length * rowsPerBaseSample();
    }

    public int rowA(int sample) {
        return sample * rowsPerBaseSample();
    }

    public int rowB(int sample) {
        return sample * rowsPerBaseSample() + rowsPerBaseSample() - 1;
    }

    /** The row of {@code A_B^(factor)} for base point {@code sample}. */
    public int rowAB(int sample, int factor) {
        return sample * rowsPerBaseSample() + 1 + factor;
    }

    /** The row of {@code B_A^(factor)} for base point {@code sample}; only in a second-order design. */
    public int rowBA(int sample, int factor) {
        if (!secondOrder) {
            throw new IllegalStateException("B_A rows exist only in a second-order Saltelli design");
        }
        return sample * rowsPerBaseSample() + 1 + factors + factor;
    }

    /** All {@link #rows()} rows, a new matrix {@code [rows()][factors()]} in the unit cube. */
    public double[][] unitPoints() {
        return unitPoints(0, rows());
    }

    /** Rows {@code fromRow} (inclusive) to {@code toRow} (exclusive), for evaluating the design in chunks. */
    public double[][] unitPoints(int fromRow, int toRow) {
        if (fromRow < 0 || toRow > rows() || fromRow > toRow) {
            throw new IllegalArgumentException("rows " + fromRow + " .. " + toRow + " requested, expected a range "
                    + "within 0 .. " + rows());
        }
        double[][] points = new double[toRow - fromRow][];
        for (int r = fromRow; r < toRow; r++) {
            points[r - fromRow] = unitRow(r);
        }
        return points;
    }

    private double[] unitRow(int row) {
        double[] ab = base[row / rowsPerBaseSample()];
        int position = row % rowsPerBaseSample();
        double[] point = new double[factors];
        boolean fromB = position == rowsPerBaseSample() - 1 || position > factors;
        int swapped = position == 0 || position == rowsPerBaseSample() - 1 ? -1 : (position - 1) % factors;
        for (int j = 0; j < factors; j++) {
            boolean useB = (j == swapped) != fromB;
            point[j] = ab[useB ? factors + j : j];
        }
        return point;
    }

    @Override
    public String toString() {
        return "SaltelliDesign[factors=" + factors + ", baseSamples=" + base.length + ", secondOrder=" + secondOrder
                + ", rows=" + rows() + "]";
    }
}
