package org.emulens.ensemble.design;

import java.util.Objects;

/**
 * Sobol' points in base 2 with Joe and Kuo's direction numbers (new-joe-kuo-6.21201), 32-bit, generated in
 * Gray-code order (Antonov and Saleev), unscrambled or randomised.
 *
 * <p><b>Conventions (the same as {@code scipy.stats.qmc.Sobol}):</b> point 0 is the first point of the sequence and
 * is not skipped; unscrambled, it is the origin. Points come in Gray-code order, so point {@code n} is the Sobol'
 * point of index {@code n ^ (n >>> 1)}; any first {@code 2^m} points are the same set in either order, and with
 * point 0 kept they form a (t, m, d)-net, which is why SciPy and Owen ("On dropping the first Sobol' point", MCQMC 2020)
 * advise against skipping. Column {@code j} is the same whatever the total dimension. Unscrambled coordinates are
 * {@code k / 2^32} exactly, equal to SciPy's {@code Sobol(d, scramble=False)} for the first 2^30 points.
 *
 * <p><b>Randomisation.</b> {@link #scrambled} applies Matoušek's linear matrix scramble (a random lower-triangular
 * binary matrix with unit diagonal per dimension, multiplying the generator matrix) followed by a random digital
 * shift, the scheme SciPy uses for {@code scramble=True}; {@link #digitallyShifted} applies the shift alone. Both
 * keep the net property, so the points stay exactly stratified. Randomised coordinates are reported as the centre
 * {@code (k + 1/2) / 2^32} of their finest (2^-32 wide) cell rather than its left edge: that keeps them strictly
 * inside (0, 1), so unbounded marginals always map to finite values, and moves no point out of any elementary
 * interval. Randomised points therefore differ from SciPy's, which uses another random stream and reports
 * {@code k / 2^bits}.
 *
 * <p>At most {@value #MAX_DIMENSIONS} dimensions and {@code 2^32} points.
 */
public final class SobolSequence implements UnitCubeSequence {
    public static final int MAX_DIMENSIONS = JoeKuoDirectionNumbers.DIMENSIONS;
    public static final long MAX_POINTS = 1L << JoeKuoDirectionNumbers.BITS;

    private final int dimensions;
    /** {@code [dimension][k]}: direction number k (after scrambling, if any). */
    private final int[][] directions;
    /** Digital shift per dimension; all zero when not randomised. */
    private final int[] shifts;
    private final boolean randomised;
    private final String description;

    private SobolSequence(int[][] directions, int[] shifts, boolean randomised, String description) {
        this.dimensions = directions.length;
        this.directions = directions;
        this.shifts = shifts;
        this.randomised = randomised;
        this.description = description;
    }

    /** The deterministic sequence, identical to SciPy's {@code Sobol(d, scramble=False)}. */
    public static SobolSequence unscrambled(int dimensions) {
        return new SobolSequence(tableDirections(dimensions), new int[dimensions], false,
                "SobolSequence[dimensions=" + dimensions + ", unscrambled]");
    }

    /**
     * A random digital shift (XOR with 32 random bits per dimension) of the sequence. Dimension {@code j} draws its
     * shift from {@code source.bits32(j, 0)}.
     */
    public static SobolSequence digitallyShifted(int dimensions, UnitUniforms source) {
        Objects.requireNonNull(source, "source");
        return new SobolSequence(tableDirections(dimensions), shifts(dimensions, source), true,
                "SobolSequence[dimensions=" + dimensions + ", digital shift from " + source + "]");
    }

    /**
     * Linear matrix scrambling plus a random digital shift, as SciPy's {@code scramble=True}. Dimension {@code j}
     * draws its shift from {@code source.bits32(j, 0)} and row {@code r} (1..31) of its scrambling matrix from
     * {@code source.bits32(j, r)}.
     */
    public static SobolSequence scrambled(int dimensions, UnitUniforms source) {
        Objects.requireNonNull(source, "source");
        int[][] v = tableDirections(dimensions);
        for (int j = 0; j < dimensions; j++) {
            v[j] = scrambleMatrix(v[j], source, j);
        }
        return new SobolSequence(v, shifts(dimensions, source), true,
                "SobolSequence[dimensions=" + dimensions + ", linear matrix scramble + digital shift from " + source
                        + "]");
    }

    /** {@link #scrambled(int, UnitUniforms)} driven by the study's counter-based stream, {@link PhiloxUniforms}. */
    public static SobolSequence scrambled(int dimensions, long seed) {
        return scrambled(dimensions, PhiloxUniforms.seeded(seed));
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    /** Whether the points were scrambled or shifted, and so are reported as cell centres. */
    public boolean isRandomised() {
        return randomised;
    }

    @Override
    public double[][] sample(long firstIndex, int count) {
        DesignArguments.requireRange(firstIndex, count, MAX_POINTS);
        DesignArguments.requireMemory("a Sobol' sequence", count, dimensions,
                "ask for fewer points, or for them a range at a time");
        double[][] points = new double[count][dimensions];
        if (count == 0) {
            return points;
        }
        int[] x = new int[dimensions];
        long gray = firstIndex ^ (firstIndex >>> 1);
        for (int j = 0; j < dimensions; j++) {
            int value = shifts[j];
            for (int k = 0; k < JoeKuoDirectionNumbers.BITS; k++) {
                if (((gray >>> k) & 1) != 0) {
                    value ^= directions[j][k];
                }
            }
            x[j] = value;
        }
        double offset = randomised ? 0.5 : 0.0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dimensions; j++) {
                points[i][j] = (Integer.toUnsignedLong(x[j]) + offset) * 0x1p-32;
            }
            if (i + 1 < count) {
                // Gray code: the next point differs by the direction number of the lowest zero bit of this index.
                int k = Long.numberOfTrailingZeros(firstIndex + i + 1);
                for (int j = 0; j < dimensions; j++) {
                    x[j] ^= directions[j][k];
                }
            }
        }
        return points;
    }

    @Override
    public String toString() {
        return description;
    }

    private static int[][] tableDirections(int dimensions) {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("Sobol' dimensions must be in 1 .. " + MAX_DIMENSIONS + ", found "
                    + dimensions);
        }
        int[][] v = new int[dimensions][];
        for (int j = 0; j < dimensions; j++) {
            v[j] = JoeKuoDirectionNumbers.directions(j);
        }
        return v;
    }

    private static int[] shifts(int dimensions, UnitUniforms source) {
        int[] shift = new int[dimensions];
        for (int j = 0; j < dimensions; j++) {
            shift[j] = source.bits32(j, 0);
        }
        return shift;
    }

    /**
     * {@code L v} for every direction number v, with L lower triangular, unit diagonal, random below: output digit
     * r (r = 0 the most significant, in bit 31 - r) is the parity of (row r of L) AND v. Row r may only look at
     * digits 0..r, i.e. the top r + 1 bits, which keeps every elementary interval's point count.
     */
    private static int[] scrambleMatrix(int[] v, UnitUniforms source, int dimension) {
        int[] rowMask = new int[JoeKuoDirectionNumbers.BITS];
        for (int r = 0; r < rowMask.length; r++) {
            rowMask[r] = 1 << (31 - r);
            if (r > 0) {
                rowMask[r] |= source.bits32(dimension, r) & (-1 << (32 - r));
            }
        }
        int[] scrambled = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            int out = 0;
            for (int r = 0; r < rowMask.length; r++) {
                out |= (Integer.bitCount(rowMask[r] & v[k]) & 1) << (31 - r);
            }
            scrambled[k] = out;
        }
        return scrambled;
    }
}
