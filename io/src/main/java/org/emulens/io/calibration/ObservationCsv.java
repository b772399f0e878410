package org.emulens.io.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emulens.ensemble.calibration.CalibrationException;
import org.emulens.ensemble.calibration.Observations;
import org.emulens.io.csv.CsvFormatException;
import org.emulens.io.csv.NumericCsv;

/**
 * Reads observations from CSV: one row per observation, with a column for each model input that is not
 * calibrated, the observed value, its random standard deviation and, optionally, position columns for
 * locally correlated errors. Missing observations are left out of the file, not given as fill values.
 */
public final class ObservationCsv {
    private ObservationCsv() {
    }

    public static Observations read(Path file, List<String> inputs, String valueColumn, String sdColumn,
            List<String> positionColumns) {
        List<String> columns = new ArrayList<>(inputs);
        columns.add(valueColumn);
        columns.add(sdColumn);
        columns.addAll(positionColumns);
        NumericCsv.Table t;
        try {
            t = NumericCsv.read(file, columns);
        } catch (CsvFormatException e) {
            throw new CalibrationException("observations " + e.getMessage(), e);
        }
        int n = t.rows();
        int k = inputs.size();
        double[][] in = new double[n][k];
        double[] z = new double[n];
        double[] sd = new double[n];
        double[][] pos = positionColumns.isEmpty() ? null : new double[n][positionColumns.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                in[i][j] = t.get(i, j);
            }
            z[i] = t.get(i, k);
            sd[i] = t.get(i, k + 1);
            for (int j = 0; pos != null && j < pos[i].length; j++) {
                pos[i][j] = t.get(i, k + 2 + j);
            }
        }
        return new Observations(file.toString(), inputs, in, z, sd, pos);
    }
}
