package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.io.jules.JulesFile;
import org.emulens.io.jules.JulesFormatException;
import org.emulens.io.jules.JulesValidation;
import org.emulens.io.jules.ValidationReport;
import org.emulens.io.netcdf.NetcdfFormat;
import org.emulens.io.netcdf.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Compares an emulator with JULES on JULES's own inputs: maps and a table of RMSE, bias, R², correlation. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Run MODEL on the inputs of a JULES run and compare it with that run's output: RMSE, bias, "
                + "R² and correlation per cell, per PFT and per season, as CF NetCDF maps (and PNGs) and a summary "
                + "table (CSV and stdout).",
                "The rmse map can be given to a study as the emulator's own error ('emulator_error' in the study "
                        + "file). Layers count from 1 as in JULES: smcl:soil=1 is the top soil layer."})
final class ValidateCommand implements Runnable {
    @Parameters(paramLabel = "MODEL", description = "Model file (.onnx).")
    Path model;

    @Option(names = "--against", required = true, paramLabel = "JULES_OUTPUT",
            description = "JULES output file (2-D grid or land points) holding the variable to compare with.")
    Path against;

    @Option(names = "--variable", paramLabel = "VAR[:DIM=N,...]",
            description = "JULES variable to compare with (default: the model output's name). Without a pft "
                    + "selection, a variable on 'pft' is compared PFT by PFT.")
    String variable;

    @Option(names = "--output-name", paramLabel = "NAME", description = "Model output to compare (default: its only one).")
    String outputName;

    @Option(names = "--inputs", required = true, arity = "1..*", paramLabel = "FILE",
            description = "JULES files (driving data, ancillaries, output) holding the model's inputs.")
    List<Path> inputFiles;

    @Option(names = "--input", paramLabel = "NAME=VAR[:DIM=N,...]",
            description = "Which JULES variable feeds model input NAME, e.g. theta=smcl:soil=1 (repeatable). An "
                    + "input not named here is the variable of its own name in the first file that has it.")
    List<String> inputMap = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.nc",
            description = "Maps to write; the table goes beside it as .csv, PNGs as _<map>.png.")
    Path output;

    @Option(names = "--plot", description = "Also write quick-look PNGs of the RMSE and bias maps.")
    boolean plot;

    @Option(names = "--format", defaultValue = "netcdf4", paramLabel = "F",
            description = "netcdf4 or netcdf3. Default: ${DEFAULT-VALUE}.")
    String format;

    @Mixin
    ModelBackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        TanhMode mode = backendOptions.tanhMode(spec);
        Emulator e = ModelFiles.read(model);
        NetcdfFormat nc = NetcdfFormat.fromOptionName(format);
        String outName = outputName != null ? outputName
                : e.outputCount() == 1 ? e.outputs().get(0).name() : null;
        if (variable == null && outName == null) {
            throw new JulesFormatException("model '" + e.name() + "' has outputs " + e.outputs().stream()
                    .map(Variable::name).toList() + "; name the one to compare with --output-name, and the JULES "
                    + "variable with --variable");
        }
        JulesValidation.Source reference = JulesValidation.Source.parse(against, variable != null ? variable : outName);
        Map<String, JulesValidation.Source> inputs = inputs(e);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Backend b = backendOptions.open(e);
                CompiledEmulator compiled = b.compile(e, mode)) {
            err.printf("emulens: model %s (sha256 %s) on backend %s (%s)%n", e.name(), e.hash().substring(0, 16),
                    b.name(), b.device());
            JulesValidation.Result r = JulesValidation.run(compiled, outName, reference, inputs);
            Map<String, String> provenance = RunProvenance.of(b);
            RunProvenance.putModel(provenance, e, model);
            provenance.put("emulens_tanh", backendOptions.tanh);
            provenance.put("emulens_reference", against + " variable " + reference.variable() + " " + reference.select());
            StringBuilder in = new StringBuilder();
            inputs.forEach((k, v) -> in.append(k).append(": ").append(v.file()).append(" variable ")
                    .append(v.variable()).append(' ').append(v.select()).append('\n'));
            provenance.put("emulens_inputs", in.toString().trim());
            provenance.put("emulens_command_line", commandLine());
            List<Path> written = ValidationReport.write(r, output, provenance, nc, plot);
            out.print(ValidationReport.table(r));
            out.flush();
            err.printf("emulens: %,d (cell, time step) pairs compared over %d time step(s)%n", r.evaluations(),
                    r.timeSteps());
            for (Path p : written) {
                err.printf("emulens: wrote %s%n", p);
            }
            err.flush();
        }
    }

    private Map<String, JulesValidation.Source> inputs(Emulator e) {
        Map<String, String> mapped = new LinkedHashMap<>();
        for (String m : inputMap) {
            String[] kv = m.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new JulesFormatException("--input '" + m + "': expected NAME=VAR[:DIM=N,...]");
            }
            mapped.put(kv[0].trim(), kv[1].trim());
        }
        List<String> names = e.inputs().stream().map(Variable::name).toList();
        for (String k : mapped.keySet()) {
            if (!names.contains(k)) {
                throw new JulesFormatException("--input " + k + ": not an input of model '" + e.name() + "'; its inputs "
                        + "are " + names);
            }
        }
        Map<String, JulesValidation.Source> out = new LinkedHashMap<>();
        for (String name : names) {
            String spec = mapped.getOrDefault(name, name);
            String var = spec.split(":", 2)[0];
            Path file = fileWith(var);
            if (file == null) {
                throw new JulesFormatException("model input '" + name + "': no file of --inputs " + inputFiles
                        + " has a variable '" + var + "'; map it with --input " + name + "=VAR[:DIM=N]");
            }
            out.put(name, JulesValidation.Source.parse(file, spec));
        }
        return out;
    }

    private Path fileWith(String var) {
        for (Path p : inputFiles) {
            if (!Files.isRegularFile(p)) {
                throw new JulesFormatException(p + ": no such file");
            }
            try (JulesFile f = JulesFile.open(p)) {
                if (f.hasVariable(var)) {
                    return p;
                }
            }
        }
        return null;
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("emulens validate ").append(model).append(" --against ").append(against);
        if (variable != null) {
            sb.append(" --variable ").append(variable);
        }
        sb.append(" --inputs");
        inputFiles.forEach(p -> sb.append(' ').append(p));
        inputMap.forEach(m -> sb.append(" --input ").append(m));
        return sb.append(" -o ").append(output).toString();
    }
}
