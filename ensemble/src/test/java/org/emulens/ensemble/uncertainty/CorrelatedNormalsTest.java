package org.emulens.ensemble.uncertainty;

import static org.emulens.ensemble.uncertainty.Samples.SEED;
import static org.emulens.ensemble.uncertainty.Samples.Z_1E6;
import static org.emulens.ensemble.uncertainty.Samples.assertCorrelation;
import static org.emulens.ensemble.uncertainty.Samples.assertKolmogorovSmirnovAccepts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/**
 * Correlated random components through the Cholesky factor, checked against commons-math3's factorisation and
 * against the target correlations. Statistical thresholds as in {@link Samples} (false-failure rate 1e-6 each).
 */
class CorrelatedNormalsTest {
    private static final double[][] TARGET = {{1, 0.6, -0.3}, {0.6, 1, 0.2}, {-0.3, 0.2, 1}};
    private static final List<String> NAMES = List.of("a", "free", "b", "c");

    private static UncertaintyModel threeCorrelatedGaussians() {
        return UncertaintyModel.builder(NAMES)
                .input("a", ErrorShape.gaussian())
                .input("free", ErrorShape.gaussian())
                .input("b", ErrorShape.gaussian())
                .input("c", ErrorShape.gaussian())
                .correlation("a", "b", TARGET[0][1])
                .correlation("c", "a", TARGET[0][2])
                .correlation("b", "c", TARGET[1][2])
                .build();
    }

    @Test
    void rowsAreTheCholeskyFactorOverTheCorrelatedInputsInSlotOrder() {
        CorrelatedNormals normals = threeCorrelatedGaussians().randomNormals();
        RealMatrix lower = new CholeskyDecomposition(MatrixUtils.createRealMatrix(TARGET)).getL();
        int[] slots = {0, 2, 3};
        for (int i = 0; i < 3; i++) {
            int[] expectedSources = new int[i + 1];
            float[] expected = new float[i + 1];
            for (int j = 0; j <= i; j++) {
                expectedSources[j] = slots[j];
                expected[j] = (float) lower.getEntry(i, j);
            }
            assertArrayEquals(expectedSources, normals.sources(slots[i]), "row of slot " + slots[i]);
            // Both factorisations round; the floats agree to an ulp.
            float[] got = normals.coefficients(slots[i]);
            for (int j = 0; j <= i; j++) {
                assertEquals(expected[j], got[j], Math.ulp(expected[j]), "L[" + i + "][" + j + "]");
            }
        }
        assertArrayEquals(new int[] {1}, normals.sources(1));
        assertArrayEquals(new float[] {1f}, normals.coefficients(1));
    }

    @Test
    void perturbationsReproduceTheTargetCorrelationMatrix() {
        UncertaintyModel model = threeCorrelatedGaussians();
        int n = 100_000;
        float[][] v = sample(model, n, new float[] {1f, 1f, 2f, 0.5f}, new float[] {10f, 0f, -4f, 100f});
        float[][] correlated = {v[0], v[2], v[3]};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < i; j++) {
                assertCorrelation(TARGET[i][j], correlated[i], correlated[j], "inputs " + i + ", " + j);
            }
            assertCorrelation(0.0, correlated[i], v[1], "input " + i + " with the uncorrelated input");
        }
        assertKolmogorovSmirnovAccepts(new NormalDistribution(null, -4, 2), v[2]);
    }

    /**
     * For non-Gaussian shapes the correlation acts on the normal scores (a Gaussian copula), so Spearman's
     * rank correlation is the Gaussian copula's {@code (6/π)·asin(ρ/2)} whatever the marginals, and each
     * marginal is still its shape's. Spearman's statistic is checked on Fisher's scale, where its standard
     * deviation is about {@code sqrt(1.06 / (n − 3))} (Fieller, Hartley and Pearson 1957).
     */
    @Test
    void nonGaussianShapesFormAGaussianCopula() {
        double rho = 0.7;
        UncertaintyModel model = UncertaintyModel.builder(List.of("u", "l"))
                .input("u", ErrorShape.uniform())
                .input("l", ErrorShape.logNormal())
                .correlation("u", "l", rho)
                .build();
        int n = 50_000;
        float[][] v = sample(model, n, new float[] {1f, 2f}, new float[] {0f, 5f});
        double spearman = new SpearmansCorrelation().correlation(Samples.toDouble(v[0]), Samples.toDouble(v[1]));
        double expected = 6 / Math.PI * Math.asin(rho / 2);
        assertEquals(atanh(expected), atanh(spearman), Z_1E6 * Math.sqrt(1.06 / (n - 3)), "Spearman " + spearman);
        double halfWidth = Math.sqrt(3);
        assertKolmogorovSmirnovAccepts(new UniformRealDistribution(null, -halfWidth, halfWidth), v[0]);
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    /** {@code n} members in one cell, random component only, with the given sds and nominal values. */
    private static float[][] sample(UncertaintyModel model, int n, float[] sdRandom, float[] nominal) {
        int slots = model.slots();
        CellUncertainty cell = CellUncertainty.of(model, 3, 0f, 0f, sdRandom, new float[slots], new float[slots]);
        MemberPerturber perturber = new MemberPerturber(model);
        float[][] v = new float[slots][n];
        float[] out = new float[slots];
        for (int m = 0; m < n; m++) {
            perturber.perturb(SEED, cell, m, nominal, 0, out, 0);
            for (int s = 0; s < slots; s++) {
                v[s][m] = out[s];
            }
        }
        return v;
    }
}
