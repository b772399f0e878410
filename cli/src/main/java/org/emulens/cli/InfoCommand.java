package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.FeatureAffine;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Describes a model: what goes in and out, in which units and ranges, and what it costs. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model's inputs, outputs, units, valid ranges, layers, size, FLOPs per member and hash.")
final class InfoCommand implements Runnable {
    @Parameters(paramLabel = "MODEL", description = "Model file (.onnx, with MODEL.yaml beside it for names and units, "
            + "or a Gaussian-process NAME.gp.yaml).")
    Path model;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Emulator e = ModelFiles.read(model);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("model      %s (%s)%n", e.name(), model);
        String description = e.metadata().get("description");
        if (description != null) {
            out.printf("           %s%n", description);
        }
        out.printf("family     %s%n", e.family().description());
        out.printf("sha256     %s%n", e.hash());
        out.printf("parameters %,d%n", e.parameterCount());
        out.printf("FLOPs      %,d per member (%s)%n", e.flopsPerMember(), FamilyInfo.costNote(e));
        out.println();
        out.println("inputs");
        printVariables(out, e, true);
        out.println("outputs");
        printVariables(out, e, false);
        out.println();
        if (e.family() != org.emulens.engine.ModelFamily.MLP) {
            FamilyInfo.print(out, e);
        } else {
            out.println("layers");
            for (int i = 0; i < e.layers().size(); i++) {
                DenseLayer l = e.layers().get(i);
                out.printf("  %2d  dense %4d -> %-4d %s%n", i, l.inputs(), l.outputs(), l.activation());
            }
        }
        if (!e.metadata().isEmpty()) {
            out.println();
            out.println("metadata");
            for (Map.Entry<String, String> m : e.metadata().entrySet()) {
                if (!m.getKey().equals("description")) {
                    out.printf("  %-16s %s%n", m.getKey(), m.getValue());
                }
            }
        }
        out.flush();
    }

    private static void printVariables(PrintWriter out, Emulator e, boolean inputs) {
        FeatureAffine affine = inputs ? e.inputNormalisation() : e.outputDenormalisation();
        var vars = inputs ? e.inputs() : e.outputs();
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            String range = v.hasRange() ? String.format("[%s, %s]", fmt(v.validMin()), fmt(v.validMax())) : "(range not stated)";
            String norm = String.format(inputs ? "norm (x - %s) / %s" : "denorm y * %2$s + %1$s",
                    fmt(affine.offset(i)), fmt(affine.scale(i)));
            out.printf("  %-14s %-10s %-20s %s%s%n", v.name(), v.units(), range, norm,
                    v.description().isEmpty() ? "" : "   " + v.description());
        }
    }

    /** Six significant digits without trailing zeros: 0.02, 0.3, 1.93354. */
    private static String fmt(double v) {
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.6g", v)).stripTrailingZeros()
                .toPlainString();
    }
}
