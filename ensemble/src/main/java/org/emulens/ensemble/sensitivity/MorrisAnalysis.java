package org.emulens.ensemble.sensitivity;

import java.util.List;
import java.util.Arrays;
import org.emulens.ensemble.design.MorrisDesign;
import org.emulens.ensemble.design.Problem;

/**
 * Morris screening: on each trajectory of a {@link MorrisDesign} the elementary effect of the factor that moves
 * is {@code EE = (y_after - y_before) / move}, with the move {@code +-delta} in unit-cube coordinates (as SALib
 * does); {@link MorrisIndices} summarises the r effects of each factor.
 */
public final class MorrisAnalysis {
    private MorrisAnalysis() {
    }

    /** Builds a design seeded with {@code seed}, evaluates the model on it and analyses the outputs. */
    public static MorrisIndices run(Problem problem, BatchModel model, int trajectories, int levels, long seed) {
        MorrisDesign design = MorrisDesign.seeded(problem.dimensions(), trajectories, levels, seed);
        double[][] unit = design.unitPoints();
        double[] outputs = ModelRuns.evaluate(problem, model, unit.length,
                (from, to) -> Arrays.copyOfRange(unit, from, to));
        return analyze(design, outputs, problem.names());
    }

    /**
     * @param outputs one per design row, in design row order
     * @throws SensitivityException if there is not one finite output per row
     */
    public static MorrisIndices analyze(MorrisDesign design, double[] outputs, List<String> names) {
        if (names.size() != design.factors()) {
            throw new IllegalArgumentException(names.size() + " factor names given for a design of "
                    + design.factors() + " factors");
        }
        ModelRuns.requireUsable(outputs, design.rows(), design.toString());
        int d = design.factors();
        int r = design.trajectories();
        double[][] effects = new double[d][r];
        for (int t = 0; t < r; t++) {
            for (int step = 1; step <= d; step++) {
                double change = outputs[design.row(t, step)] - outputs[design.row(t, step - 1)];
                effects[design.factorMovedAt(t, step)][t] = change / design.moveAt(t, step);
            }
        }
        double[] mu = new double[d];
        double[] muStar = new double[d];
        double[] sigma = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = 0;
            double sumAbs = 0;
            for (double ee : effects[i]) {
                sum += ee;
                sumAbs += Math.abs(ee);
            }
            mu[i] = sum / r;
            muStar[i] = sumAbs / r;
            double squares = 0;
            for (double ee : effects[i]) {
                squares += (ee - mu[i]) * (ee - mu[i]);
            }
            sigma[i] = r > 1 ? Math.sqrt(squares / (r - 1)) : Double.NaN;
        }
        return new MorrisIndices(names, r, mu, muStar, sigma);
    }
}
