package org.emulens.ensemble.uncertainty;

import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * A unit-variance Gaussian random field over the globe with correlation length {@code L} degrees, built
 * reproducibly per member from white noise at the nodes of a latitude–longitude lattice of spacing {@code L}
 * and interpolated bilinearly. It gives an input's "locally correlated" error component: cells closer than
 * about {@code L} share much of their draw, cells {@code 2L} or more apart in latitude or longitude share none.
 *
 * <h2>Construction</h2>
 * Node {@code (i, j)} sits at latitude {@code −90 + i·L}, longitude {@code −180 + j·L}, for
 * {@code i < rows = ⌊180/L⌋ + 2} and {@code j < columns = ⌊360/L⌋ + 2}, and has id
 * {@code i·columns + j} (an unsigned 32-bit value below {@link ReservedStreams#SHARED_CELL}). Its white noise
 * is the standard normal {@code MemberDraws.normal(seed, CORRELATED_FIELDS, id, member, index)}: the node id
 * is the cell of the counter, and {@code index} tells the fields of different inputs and attempts apart.
 * A cell at {@code (lat, lon)} has, in float and in this order,
 * <pre>
 *   gy = (lat + 90) / L      i = (int) gy      fy = gy − i      (exact)
 *   gx = (lon + 180) / L     j = (int) gx      fx = gx − j      (exact)
 *   raw weights  w0 = (1−fy)(1−fx) at (i, j),    w1 = (1−fy)·fx at (i, j+1),
 *                w2 = fy·(1−fx)   at (i+1, j),  w3 = fy·fx     at (i+1, j+1)
 *   norm = sqrt(((w0² + w1²) + w2²) + w3²),  weight_n = w_n / norm
 * </pre>
 * and the field value is {@code sum = 0; sum = sum + weight_n·ξ_n} for {@code n = 0, 1, 2, 3} in turn, all four
 * nodes drawn even where a weight is 0. Dividing by the norm
 * makes the variance exactly 1 everywhere (to rounding), whereas plain bilinear interpolation would have
 * variance {@code Σ w²}, between ¼ and 1, dipping between nodes.
 *
 * <h2>Correlation function</h2>
 * The weights factor into latitude and longitude hat functions, so the correlation between cells {@code p}
 * and {@code q} is {@code ρ1(gy_p, gy_q)·ρ1(gx_p, gx_q)} with
 * {@code ρ1(s, t) = Σ_k h_k(s)·h_k(t) / sqrt(Σ_k h_k(s)² · Σ_k h_k(t)²)} and
 * {@code h_k(s) = max(0, 1 − |s − k|)}. It is 1 for coincident cells, 0 once {@code |Δlat|} or
 * {@code |Δlon|} reaches {@code 2L}, and between those it depends on where the cells fall relative to the
 * nodes (the field is not stationary: the lattice is fixed). Averaged over the position, the one-dimensional
 * factor at a separation of {@code d·L} is 0.925 (d = ¼), 0.736 (½), 0.504 (¾), 0.285 (1, ranging from 0 to
 * 0.5), 0.122 (1¼), 0.033 (1½), 0.003 (1¾) and 0 (d >= 2). Separations are in degrees, so an east–west
 * correlation length in kilometres shrinks with the cosine of latitude. The lattice does not wrap at
 * ±180°: cells on either side of the antimeridian are uncorrelated.
 */
public final class BilinearLatticeField {
    private static final long MAX_NODES = 0xFFFF_FFFFL; // ids 0 .. 2^32 − 2; 2^32 − 1 is SHARED_CELL

    private final float spacing;
    private final int rows;
    private final int columns;

    private BilinearLatticeField(float spacing, int rows, int columns) {
        this.spacing = spacing;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * The field with correlation length {@code degrees}, or an {@link UncertaintyException} naming
     * {@code input} if it is not finite and positive or so small that the node ids would not fit in 32 bits
     * (below about 0.0039 degrees).
     */
    static BilinearLatticeField withSpacing(String input, float degrees) {
        if (!(degrees > 0f) || !Float.isFinite(degrees)) {
            throw new UncertaintyException("input '" + input + "': correlation length must be a finite number of "
                    + "degrees > 0, found " + degrees);
        }
        long rows = (long) (180f / degrees) + 2;
        long columns = (long) (360f / degrees) + 2;
        if (rows * columns > MAX_NODES) {
            throw new UncertaintyException("input '" + input + "': correlation length " + degrees
                    + " degrees needs " + rows * columns + " lattice nodes, expected at most " + MAX_NODES
                    + " (32-bit node ids); use a length of at least 0.0039 degrees");
        }
        return new BilinearLatticeField(degrees, (int) rows, (int) columns);
    }

    /** The lattice spacing, which is the correlation length, in degrees. */
    public float spacingDegrees() {
        return spacing;
    }

    /** Number of node rows, from latitude −90. */
    public int rows() {
        return rows;
    }

    /** Number of node columns, from longitude −180; node {@code (i, j)} has id {@code i·columns() + j}. */
    public int columns() {
        return columns;
    }

    /**
     * Writes the ids of the four nodes around {@code (lat, lon)} and their normalised weights to
     * {@code nodes[offset .. offset + 3]} and {@code weights[offset .. offset + 3]}, in the order of the class
     * description. The caller has checked {@code lat} in [−90, 90] and {@code lon} in [−180, 180].
     */
    void locate(float lat, float lon, int[] nodes, float[] weights, int offset) {
        float gy = (lat + 90f) / spacing;
        float gx = (lon + 180f) / spacing;
        int i = (int) gy;
        int j = (int) gx;
        float fy = gy - (float) i;
        float fx = gx - (float) j;
        float oneMinusFy = 1f - fy;
        float oneMinusFx = 1f - fx;
        float w0 = oneMinusFy * oneMinusFx;
        float w1 = oneMinusFy * fx;
        float w2 = fy * oneMinusFx;
        float w3 = fy * fx;
        float squares = w0 * w0;
        squares = squares + w1 * w1;
        squares = squares + w2 * w2;
        squares = squares + w3 * w3;
        float norm = (float) Math.sqrt(squares);
        int base = i * columns + j;
        nodes[offset] = base;
        nodes[offset + 1] = base + 1;
        nodes[offset + 2] = base + columns;
        nodes[offset + 3] = base + columns + 1;
        weights[offset] = w0 / norm;
        weights[offset + 1] = w1 / norm;
        weights[offset + 2] = w2 / norm;
        weights[offset + 3] = w3 / norm;
    }

    /**
     * The field value for {@code member} with noise {@code index}, at the cell whose nodes and weights
     * {@link #locate} wrote at {@code offset}. Pure; draws all four nodes, also those of weight 0.
     */
    static float sample(long seed, long member, int index, int[] nodes, float[] weights, int offset) {
        float sum = 0f;
        for (int n = 0; n < 4; n++) {
            float xi = MemberDraws.normal(seed, ReservedStreams.CORRELATED_FIELDS, nodes[offset + n], member, index);
            float term = weights[offset + n] * xi;
            sum = sum + term;
        }
        return sum;
    }
}
