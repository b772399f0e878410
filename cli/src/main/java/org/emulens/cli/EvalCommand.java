package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.io.csv.NumericCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Evaluates a model on the rows of a CSV file: the plain forward pass, no perturbation. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate MODEL on every row of a CSV file whose header names the model's inputs.")
final class EvalCommand implements Runnable {
    @Parameters(paramLabel = "MODEL", description = "Model file (.onnx, or a Gaussian-process .gp.yaml).")
    Path model;

    @Option(names = "--in", required = true, paramLabel = "CSV", description = "Input table; its header must name every model input (other columns are ignored).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output table: one column per model "
            + "output, rows in input order; for a Gaussian process also NAME_variance, the predictive variance.")
    Path out;

    @Mixin
    ModelBackendOptions backendOptions;

    @Option(names = "--keep-inputs", description = "Also copy the input columns into the output table.")
    boolean keepInputs;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        TanhMode mode = backendOptions.tanhMode(spec);
        Emulator e = ModelFiles.read(model);
        List<String> inputNames = new ArrayList<>();
        e.inputs().forEach(v -> inputNames.add(v.name()));
        NumericCsv.Table table = NumericCsv.read(in, inputNames);
        int n = table.rows();
        float[] y = new float[n * e.outputCount()];
        float[] variance = null;
        String device;
        try (Backend b = backendOptions.open(e);
                CompiledEmulator c = b.compile(e, mode)) {
            device = b.name() + " (" + b.device() + ")";
            c.evaluate(table.values(), y, n);
            if (c.hasPredictiveVariance()) {
                variance = predictiveVariance(c, table.values(), n);
            }
        }
        List<String> columns = new ArrayList<>();
        if (keepInputs) {
            columns.addAll(inputNames);
        }
        e.outputs().forEach(v -> columns.add(v.name()));
        int width = e.outputCount();
        if (variance != null) {
            e.outputs().forEach(v -> columns.add(v.name() + "_variance"));
            y = interleave(y, e.outputCount(), variance, e.outputCount(), n);
            width *= 2;
        }
        float[] values = keepInputs ? interleave(table.values(), e.inputCount(), y, width, n) : y;
        NumericCsv.write(out, columns, values, n);
        PrintWriter log = spec.commandLine().getErr();
        log.printf("emulens: %d rows of %s on %s, tanh %s -> %s%n", n, e.name(), device,
                mode.name().toLowerCase(java.util.Locale.ROOT), out);
        warnOutOfRange(log, e, table);
        log.flush();
    }

    /** A Gaussian process's predictive variance of each output, as the extra columns NAME_variance. */
    private static float[] predictiveVariance(CompiledEmulator c, float[] x, int n) {
        int k = c.emulator().outputCount();
        double[] means = new double[n * k];
        double[] variances = new double[n * k];
        c.evaluateWithVariance(x, means, variances, n);
        float[] out = new float[n * k];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) variances[i];
        }
        return out;
    }

    private static float[] interleave(float[] a, int na, float[] b, int nb, int rows) {
        float[] out = new float[rows * (na + nb)];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * na, out, i * (na + nb), na);
            System.arraycopy(b, i * nb, out, i * (na + nb) + na, nb);
        }
        return out;
    }

    /** Emulators extrapolate badly: tell the user how many rows lie outside the trained range. */
    private static void warnOutOfRange(PrintWriter log, Emulator e, NumericCsv.Table t) {
        for (int k = 0; k < e.inputCount(); k++) {
            Variable v = e.inputs().get(k);
            int outside = 0;
            int missing = 0;
            for (int i = 0; i < t.rows(); i++) {
                float x = t.get(i, k);
                if (Float.isNaN(x)) {
                    missing++;
                } else if (!v.inRange(x)) {
                    outside++;
                }
            }
            if (outside > 0) {
                log.printf("emulens: warning: %d rows have '%s' outside its valid range [%s, %s]%n", outside, v.name(),
                        v.validMin(), v.validMax());
            }
            if (missing > 0) {
                log.printf("emulens: warning: %d rows have no value for '%s'; their outputs are NaN%n", missing, v.name());
            }
        }
    }
}
