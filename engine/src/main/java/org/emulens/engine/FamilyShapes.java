package org.emulens.engine;

import java.util.SplittableRandom;
import org.emulens.engine.gp.CovarianceKernel;
import org.emulens.engine.gp.GaussianProcess;
import org.emulens.engine.trees.NodeMode;
import org.emulens.engine.trees.TreeEnsemble;

/**
 * Reference shapes of the non-MLP families for {@code emulens bench}, with fixed pseudo-random contents,
 * sized like common JULES emulators of their kind:
 * <ul>
 *   <li>T: 8 inputs, 100 complete trees of depth 8 (51,100 nodes), summed — a gradient-boosted model;</li>
 *   <li>G: 8 inputs, a squared-exponential GP on 256 training points.</li>
 * </ul>
 * Inputs are meant to be uniform on [-1, 1], which the thresholds and training points cover.
 */
public final class FamilyShapes {
    private FamilyShapes() {
    }

    public static Emulator shapeT() {
        return trees("shape-T", 8, 100, 8);
    }

    public static Emulator shapeG() {
        return gaussianProcess("shape-G", 8, 256);
    }

    /** Complete binary trees, nodes in breadth-first order (children of i at 2i + 1, 2i + 2 within a tree). */
    public static Emulator trees(String name, int inputs, int treeCount, int depth) {
        SplittableRandom r = new SplittableRandom(0x72EE5L);
        int perTree = (1 << (depth + 1)) - 1;
        int firstLeaf = (1 << depth) - 1;
        int n = treeCount * perTree;
        NodeMode[] modes = new NodeMode[n];
        int[] features = new int[n];
        float[] thresholds = new float[n];
        int[] trueChildren = new int[n];
        int[] falseChildren = new int[n];
        boolean[] missing = new boolean[n];
        int[] leafFirst = new int[n];
        int[] leafCount = new int[n];
        int[] roots = new int[treeCount];
        int leaves = treeCount * (perTree - firstLeaf);
        int[] targets = new int[leaves];
        float[] weights = new float[leaves];
        int w = 0;
        for (int t = 0; t < treeCount; t++) {
            int base = t * perTree;
            roots[t] = base;
            for (int i = 0; i < perTree; i++) {
                int node = base + i;
                if (i >= firstLeaf) {
                    modes[node] = NodeMode.LEAF;
                    leafFirst[node] = w;
                    leafCount[node] = 1;
                    weights[w++] = (float) (0.1 * (2 * r.nextDouble() - 1));
                    continue;
                }
                modes[node] = NodeMode.BRANCH_LEQ;
                features[node] = r.nextInt(inputs);
                thresholds[node] = (float) (0.8 * (2 * r.nextDouble() - 1));
                trueChildren[node] = base + 2 * i + 1;
                falseChildren[node] = base + 2 * i + 2;
                missing[node] = r.nextBoolean();
            }
        }
        TreeEnsemble te = TreeEnsemble.builder().inputs(inputs).targets(1).roots(roots)
                .nodes(modes, features, thresholds, trueChildren, falseChildren, missing, leafFirst, leafCount)
                .weights(targets, weights).aggregate(TreeEnsemble.Aggregate.SUM).build();
        return named(Emulator.builder().name(name).trees(te), inputs).build();
    }

    /** A GP conditioned on {@code points} uniform training inputs of sum(sin(2 x_i)), with a 1e-4 nugget. */
    public static Emulator gaussianProcess(String name, int inputs, int points) {
        SplittableRandom r = new SplittableRandom(0x6a055L);
        double[] x = new double[points * inputs];
        double[] y = new double[points];
        for (int p = 0; p < points; p++) {
            for (int i = 0; i < inputs; i++) {
                x[p * inputs + i] = 2 * r.nextDouble() - 1;
                y[p] += Math.sin(2 * x[p * inputs + i]);
            }
        }
        double[] scales = new double[inputs];
        java.util.Arrays.fill(scales, 0.8);
        CovarianceKernel kernel = CovarianceKernel.SQUARED_EXPONENTIAL;
        double[][] k = new double[points][points];
        for (int a = 0; a < points; a++) {
            for (int b = 0; b < points; b++) {
                double r2 = 0;
                for (int i = 0; i < inputs; i++) {
                    double diff = (x[a * inputs + i] - x[b * inputs + i]) / scales[i];
                    r2 += diff * diff;
                }
                k[a][b] = kernel.correlation(r2) + (a == b ? 1e-4 : 0.0);
            }
        }
        // Cholesky K = L L^T, then alpha = L^-T L^-1 y.
        double[][] l = new double[points][points];
        for (int i = 0; i < points; i++) {
            for (int j = 0; j <= i; j++) {
                double s = k[i][j];
                for (int q = 0; q < j; q++) {
                    s -= l[i][q] * l[j][q];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            double s = y[i];
            for (int q = 0; q < i; q++) {
                s -= l[i][q] * v[q];
            }
            v[i] = s / l[i][i];
        }
        double[] alpha = new double[points];
        for (int i = points - 1; i >= 0; i--) {
            double s = v[i];
            for (int q = i + 1; q < points; q++) {
                s -= l[q][i] * alpha[q];
            }
            alpha[i] = s / l[i][i];
        }
        double[] packed = new double[points * (points + 1) / 2];
        int at = 0;
        for (int i = 0; i < points; i++) {
            for (int j = 0; j <= i; j++) {
                packed[at++] = l[i][j];
            }
        }
        GaussianProcess gp = new GaussianProcess(kernel, 1.0, scales, x, alpha, packed, 0.0, 1.0);
        return named(Emulator.builder().name(name).gaussianProcess(gp), inputs).build();
    }

    private static Emulator.Builder named(Emulator.Builder b, int inputs) {
        for (int i = 0; i < inputs; i++) {
            b.input(Variable.of("x" + i, "1"));
        }
        return b.output(Variable.of("y", "1"));
    }
}
