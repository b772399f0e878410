package org.emulens.ensemble.uncertainty;

import java.util.ArrayList;
import java.util.List;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * Standard normals for the random error components of all emulator inputs, correlated between inputs as a
 * correlation matrix {@code C} says: {@code z' = L·z} with {@code L} the lower Cholesky factor of {@code C}
 * and {@code z} independent normals, so that {@code cov(z') = L·Lᵀ = C}.
 *
 * <h2>What a kernel computes</h2>
 * {@code L} is computed once, in double, when the model is built, and rounded to float; kernels receive its
 * rows and do not recompute it. Row {@code i} is the list of {@code (source slot j, coefficient L_ij)} with
 * {@code j <= i} and a non-zero float coefficient, in ascending {@code j}; an input correlated with nothing has
 * the single entry {@code (i, 1)}. The correlated normal of slot {@code i} at attempt {@code k} is
 * <pre>
 *   sum = 0
 *   for each (j, c) in row i:
 *       sum = sum + c · MemberDraws.normal(seed, INPUT_PERTURBATION, cell, member, j + k·slots)
 * </pre>
 * so it is a pure function of its address, whatever other inputs use. The rounding of {@code L} to float
 * changes each variance {@code Σ_j L_ij²} from 1 by about 1e-7.
 *
 * <h2>Validation</h2>
 * {@code C} must be positive definite: a pivot {@code C_ii − Σ_{k<i} L_ik²} that is not {@code > 0} is
 * reported with the input it belongs to and the inputs that take part in correlations. Correlations of
 * exactly ±1 are therefore rejected.
 */
public final class CorrelatedNormals {
    private final int slots;
    private final int[][] sources;
    private final float[][] coefficients;

    private CorrelatedNormals(int[][] sources, float[][] coefficients) {
        this.slots = sources.length;
        this.sources = sources;
        this.coefficients = coefficients;
    }

    /**
     * The Cholesky rows for {@code slots} emulator inputs named {@code names}, where the inputs at
     * {@code correlatedSlots} (ascending) have the symmetric, unit-diagonal {@code correlation} between them
     * (the caller has checked its entries) and every other input is independent of all. Throws an
     * {@link UncertaintyException} if {@code correlation} is not positive definite.
     */
    static CorrelatedNormals of(List<String> names, int[] correlatedSlots, double[][] correlation) {
        double[][] lower = cholesky(names, correlatedSlots, correlation);
        int slots = names.size();
        int[][] sources = new int[slots][];
        float[][] coefficients = new float[slots][];
        for (int slot = 0; slot < slots; slot++) {
            sources[slot] = new int[] {slot};
            coefficients[slot] = new float[] {1f};
        }
        for (int i = 0; i < correlatedSlots.length; i++) {
            int count = 0;
            for (int j = 0; j <= i; j++) {
                if ((float) lower[i][j] != 0f) {
                    count++;
                }
            }
            int slot = correlatedSlots[i];
            sources[slot] = new int[count];
            coefficients[slot] = new float[count];
            int entry = 0;
            for (int j = 0; j <= i; j++) {
                float c = (float) lower[i][j];
                if (c != 0f) {
                    sources[slot][entry] = correlatedSlots[j];
                    coefficients[slot][entry] = c;
                    entry++;
                }
            }
        }
        return new CorrelatedNormals(sources, coefficients);
    }

    private static double[][] cholesky(List<String> names, int[] correlatedSlots, double[][] correlation) {
        int n = correlatedSlots.length;
        double[][] lower = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = correlation[i][j];
                for (int k = 0; k < j; k++) {
                    s -= lower[i][k] * lower[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw notPositiveDefinite(names, correlatedSlots, i, s);
                    }
                    lower[i][i] = Math.sqrt(s);
                } else {
                    lower[i][j] = s / lower[j][j];
                }
            }
        }
        return lower;
    }

    private static UncertaintyException notPositiveDefinite(List<String> names, int[] correlatedSlots, int pivot,
                                                            double value) {
        List<String> involved = new ArrayList<>();
        for (int slot : correlatedSlots) {
            involved.add("'" + names.get(slot) + "'");
        }
        return new UncertaintyException("correlation of the random components of inputs "
                + String.join(", ", involved) + " is not positive definite: the Cholesky pivot of input '"
                + names.get(correlatedSlots[pivot]) + "' is " + value + ", expected > 0");
    }

    /** The correlated standard normal of {@code slot} at {@code attempt}, as the class describes. */
    float normal(long seed, int cell, long member, int slot, int attempt) {
        int[] from = sources[slot];
        float[] c = coefficients[slot];
        int offset = attempt * slots;
        float sum = 0f;
        for (int entry = 0; entry < from.length; entry++) {
            float z = MemberDraws.normal(seed, ReservedStreams.INPUT_PERTURBATION, cell, member, from[entry] + offset);
            float term = c[entry] * z;
            sum = sum + term;
        }
        return sum;
    }

    /** Row {@code slot}'s source slots, not copied: for the perturber's inner loop, which must not write it. */
    int[] sourcesView(int slot) {
        return sources[slot];
    }

    /** Row {@code slot}'s coefficients, not copied: for the perturber's inner loop, which must not write it. */
    float[] coefficientsView(int slot) {
        return coefficients[slot];
    }

    /** The source slots of row {@code slot} of the factor, ascending (a copy). */
    public int[] sources(int slot) {
        return sources[slot].clone();
    }

    /** The float coefficients of row {@code slot} of the factor, matching {@link #sources} (a copy). */
    public float[] coefficients(int slot) {
        return coefficients[slot].clone();
    }
}
