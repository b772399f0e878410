package org.emulens.ensemble.calibration;

import java.util.List;

/**
 * Observations to calibrate against: for each observation {@code i}, the values of the model inputs that are
 * not calibrated (the forcing at that place and time, in {@code inputNames} order), the observed value, its
 * random standard deviation, and optionally its position (for locally correlated errors). Checked when made;
 * {@code source} (a file name) is put in front of every message. Immutable.
 */
public final class Observations {
    private final String source;
    private final List<String> inputNames;
    private final double[][] inputs;
    private final double[] values;
    private final double[] randomSd;
    private final double[][] positions;

    public Observations(String source, List<String> inputNames, double[][] inputs, double[] values,
            double[] randomSd, double[][] positions) {
        this.source = source;
        this.inputNames = List.copyOf(inputNames);
        int n = values.length;
        if (n == 0) {
            throw new CalibrationException(source + ": no observations");
        }
        if (inputs.length != n || randomSd.length != n || (positions != null && positions.length != n)) {
            throw new CalibrationException(source + ": inputs, values, sd and positions must have one row per "
                    + "observation (" + n + ")");
        }
        this.inputs = new double[n][];
        this.values = values.clone();
        this.randomSd = randomSd.clone();
        this.positions = positions == null ? null : new double[n][];
        for (int i = 0; i < n; i++) {
            String row = source + ": observation " + (i + 1);
            if (inputs[i].length != inputNames.size()) {
                throw new CalibrationException(row + ": expected " + inputNames.size() + " input values "
                        + inputNames + ", found " + inputs[i].length);
            }
            for (int j = 0; j < inputs[i].length; j++) {
                if (!Double.isFinite(inputs[i][j])) {
                    throw new CalibrationException(row + ": input '" + inputNames.get(j)
                            + "' must be a finite number, found " + inputs[i][j]);
                }
            }
            this.inputs[i] = inputs[i].clone();
            if (!Double.isFinite(values[i])) {
                throw new CalibrationException(row + ": the observed value must be a finite number, found "
                        + values[i] + " (drop missing observations rather than giving fill values)");
            }
            if (!(randomSd[i] >= 0 && Double.isFinite(randomSd[i]))) {
                throw new CalibrationException(row + ": the random standard deviation must be finite and >= 0, found "
                        + randomSd[i]);
            }
            if (positions != null) {
                this.positions[i] = positions[i].clone();
            }
        }
    }

    public String source() {
        return source;
    }

    public int size() {
        return values.length;
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public double input(int observation, int column) {
        return inputs[observation][column];
    }

    public double value(int i) {
        return values[i];
    }

    public double randomSd(int i) {
        return randomSd[i];
    }

    public boolean hasPositions() {
        return positions != null;
    }

    /** Euclidean distance between the positions of observations {@code i} and {@code k}. */
    public double distance(int i, int k) {
        double s = 0;
        for (int j = 0; j < positions[i].length; j++) {
            double d = positions[i][j] - positions[k][j];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** The same observations with other observed values (synthetic data, tests). */
    public Observations withValues(double[] newValues) {
        return new Observations(source, inputNames, inputs, newValues, randomSd, positions);
    }
}
