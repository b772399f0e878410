package org.emulens.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.emulens.engine.Emulator;
import org.emulens.engine.gp.GaussianProcess;
import org.emulens.engine.trees.TreeEnsemble;

/** What {@code emulens info} says about a model's family: its structure and what a member costs. */
final class FamilyInfo {
    private FamilyInfo() {
    }

    /** How {@link Emulator#flopsPerMember()} counts for this family. */
    static String costNote(Emulator e) {
        switch (e.family()) {
            case TREE_ENSEMBLE:
                return "comparisons on the deepest path of every tree, an upper bound";
            case GAUSSIAN_PROCESS:
                return String.format(Locale.ROOT, "float64, the predictive mean; the variance adds %,d",
                        2 * e.gaussianProcess().varianceOperations());
            default:
                return "multiply-adds in dense layers count 2";
        }
    }

    static void print(PrintWriter out, Emulator e) {
        switch (e.family()) {
            case TREE_ENSEMBLE: {
                TreeEnsemble t = e.trees();
                out.println("trees");
                out.printf(Locale.ROOT, "  %,d trees, %,d nodes, deepest path %d, aggregate %s, base %s%n",
                        t.treeCount(), t.nodeCount(), t.maxDepth(), t.aggregate().name().toLowerCase(Locale.ROOT),
                        java.util.Arrays.toString(t.baseValues()));
                break;
            }
            case GAUSSIAN_PROCESS: {
                GaussianProcess g = e.gaussianProcess();
                out.println("Gaussian process");
                out.printf(Locale.ROOT, "  kernel %s, variance %.6g, length scales %s%n", g.kernel().fileName(),
                        g.variance(), java.util.Arrays.toString(g.lengthScales()));
                out.printf(Locale.ROOT, "  %,d training points; outputs y_mean %.6g + y_std %.6g x the GP; gives a "
                        + "predictive variance%n", g.points(), g.yMean(), g.yStd());
                break;
            }
            default:
                break;
        }
    }
}
