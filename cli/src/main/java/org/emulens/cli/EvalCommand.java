package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.io.csv.NumericCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Evaluates a model on the rows of a CSV file: the plain forward pass, no perturbation. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate MODEL on every row of a CSV file whose header names the model's inputs.")
final class EvalCommand implements Runnable {
    @Parameters(paramLabel = "MODEL", description = "Model file (.onnx).")
    Path model;

    @Option(names = "--in", required = true, paramLabel = "CSV", description = "Input table; its header must name every model input (other columns are ignored).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output table: one column per model output, rows in input order.")
    Path out;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "Backend: auto, cpu, ... (see 'emulens backends'). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--tanh", defaultValue = "exact", paramLabel = "MODE",
            description = "exact, or fast (rational approximation, |error| < 5e-7). Default: ${DEFAULT-VALUE}.")
    String tanh;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads, 0 = all cores.")
    int threads;

    @Option(names = "--keep-inputs", description = "Also copy the input columns into the output table.")
    boolean keepInputs;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        TanhMode mode = Options.tanhMode(spec, tanh);
        Emulator e = ModelFiles.read(model);
        List<String> inputNames = new ArrayList<>();
        e.inputs().forEach(v -> inputNames.add(v.name()));
        NumericCsv.Table table = NumericCsv.read(in, inputNames);
        int n = table.rows();
        float[] y = new float[n * e.outputCount()];
        String device;
        try (Backend b = Backends.open(backend, new BackendOptions(threads, 0));
                CompiledEmulator c = b.compile(e, mode)) {
            device = b.name() + " (" + b.device() + ")";
            c.evaluate(table.values(), y, n);
        }
        List<String> columns = new ArrayList<>();
        float[] values = y;
        if (keepInputs) {
            columns.addAll(inputNames);
        }
        e.outputs().forEach(v -> columns.add(v.name()));
        if (keepInputs) {
            values = interleave(table.values(), e.inputCount(), y, e.outputCount(), n);
        }
        NumericCsv.write(out, columns, values, n);
        PrintWriter log = spec.commandLine().getErr();
        log.printf("emulens: %d rows of %s on %s, tanh %s -> %s%n", n, e.name(), device,
                mode.name().toLowerCase(java.util.Locale.ROOT), out);
        warnOutOfRange(log, e, table);
        log.flush();
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
