package org.emulens.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.trees.TreeEnsemble;
import org.emulens.ensemble.sensitivity.SobolIndices;

/**
 * The importances people quote for tree ensembles, beside a model's Sobol indices, each as shares of 1:
 * <ul>
 * <li>permutation: the mean squared change of the output when one input is redrawn from its distribution,
 *     {@code E[(f(X) - f(X with x_i redrawn))^2] / 2}, which is Jansen's total-effect numerator, so the share
 *     is {@code ST_i / sum ST} over the same design;</li>
 * <li>splits: the share of branch nodes testing each input, from the trees alone;</li>
 * <li>the fitting library's own importances (impurity decrease or gain on its training data), when the ONNX
 *     file carries them.</li>
 * </ul>
 */
final class TreeImportances {
    private TreeImportances() {
    }

    static void print(PrintWriter out, Emulator e, SobolIndices s) {
        TreeEnsemble t = e.trees();
        double[] splits = t.splitShares();
        double total = 0;
        for (int i = 0; i < s.factors(); i++) {
            total += Math.max(0, s.st(i));
        }
        String kind = null;
        String[] library = null;
        for (Map.Entry<String, String> m : e.metadata().entrySet()) {
            if (m.getKey().startsWith(TreeEnsemble.IMPORTANCE_METADATA_PREFIX)) {
                kind = m.getKey().substring(TreeEnsemble.IMPORTANCE_METADATA_PREFIX.length());
                library = m.getValue().split(",\\s*");
            }
        }
        out.println("tree importances (shares of 1)");
        out.printf("%-14s %12s %9s%s%n", "factor", "permutation", "splits", kind == null ? "" : String.format(" %12s",
                kind + "*"));
        for (int i = 0; i < s.factors(); i++) {
            out.printf("%-14s %12.4f %9.4f", s.names().get(i), total > 0 ? Math.max(0, s.st(i)) / total : Double.NaN,
                    splits[i]);
            if (library != null) {
                out.printf(" %12.4f", Double.parseDouble(library[i]));
            }
            out.println();
        }
        out.println("permutation: mean squared change when the input is redrawn (= ST / sum of ST over this design); "
                + "splits: share of branch nodes");
        if (kind != null) {
            out.println("*" + kind + ": as the fitting library reported it, on its training data (from the ONNX file)");
        }
    }
}
