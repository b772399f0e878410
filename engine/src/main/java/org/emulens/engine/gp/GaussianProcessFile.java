package org.emulens.engine.gp;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.emulens.engine.Emulator;
import org.emulens.engine.EmulensException;
import org.emulens.engine.ModelFormatException;
import org.emulens.engine.ModelSidecar;
import org.emulens.engine.Variable;
import org.emulens.engine.config.ConfigException;
import org.emulens.engine.config.YamlNode;

/**
 * Reads a Gaussian-process emulator file ({@code NAME.gp.yaml}, format {@value #FORMAT}; see
 * docs/MODEL-FAMILIES.md). Numbers are read as float64 exactly as written; errors name the file, line
 * and key.
 */
public final class GaussianProcessFile {
    public static final String FORMAT = "emulens-gp-1";
    /** File names ending in this are GP emulator files. */
    public static final String SUFFIX = ".gp.yaml";

    private static final Set<String> TOP_KEYS = Set.of("format", "name", "description", "inputs", "outputs", "kernel",
            "y_mean", "y_std", "training_inputs", "alpha", "cholesky", "metadata");
    private static final Set<String> KERNEL_KEYS = Set.of("family", "variance", "length_scales");

    private GaussianProcessFile() {
    }

    public static Emulator read(Path file) {
        try {
            return from(YamlNode.read(file), file);
        } catch (ConfigException ex) {
            throw new ModelFormatException(ex.getMessage(), ex);
        } catch (EmulensException ex) {
            throw new ModelFormatException(file + ": " + ex.getMessage(), ex);
        }
    }

    private static Emulator from(YamlNode root, Path file) {
        root.requireKeys(TOP_KEYS);
        String format = root.get("format").asString();
        if (!FORMAT.equals(format)) {
            throw root.get("format").error("expected format " + FORMAT + ", found '" + format + "'");
        }
        List<Variable> inputs = ModelSidecar.variables(root.get("inputs"));
        List<Variable> output = ModelSidecar.variables(root.get("outputs"));
        if (output.size() != 1) {
            throw root.get("outputs").error("a Gaussian-process emulator has one output, found " + output.size());
        }
        YamlNode kernelNode = root.get("kernel").requireKeys(KERNEL_KEYS);
        String family = kernelNode.get("family").asString();
        CovarianceKernel kernel = CovarianceKernel.ofFileName(family);
        if (kernel == null) {
            throw kernelNode.get("family").error("expected squared_exponential, matern32 or matern52, found '"
                    + family + "'");
        }
        double[] lengthScales = doubles(kernelNode.get("length_scales"));
        if (lengthScales.length != inputs.size()) {
            throw kernelNode.get("length_scales").error("expected " + inputs.size() + " length scales (one per "
                    + "input), found " + lengthScales.length);
        }
        int d = inputs.size();
        List<YamlNode> rows = root.get("training_inputs").items();
        int n = rows.size();
        double[] x = new double[n * d];
        for (int p = 0; p < n; p++) {
            double[] row = doubles(rows.get(p));
            if (row.length != d) {
                throw rows.get(p).error("expected " + d + " inputs, found " + row.length);
            }
            System.arraycopy(row, 0, x, p * d, d);
        }
        double[] alpha = doubles(root.get("alpha"));
        if (alpha.length != n) {
            throw root.get("alpha").error("expected " + n + " values (one per training input), found " + alpha.length);
        }
        List<YamlNode> lRows = root.get("cholesky").items();
        if (lRows.size() != n) {
            throw root.get("cholesky").error("expected " + n + " rows (one per training input), found "
                    + lRows.size());
        }
        double[] l = new double[n * (n + 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            double[] row = doubles(lRows.get(i));
            if (row.length != i + 1) {
                throw lRows.get(i).error("expected the " + (i + 1) + " values of row " + i + " of the lower "
                        + "triangle, found " + row.length);
            }
            System.arraycopy(row, 0, l, at, i + 1);
            at += i + 1;
        }
        GaussianProcess gp = new GaussianProcess(kernel, kernelNode.get("variance").asDouble(), lengthScales, x, alpha,
                l, root.get("y_mean").asDouble(), root.get("y_std").asDouble());
        String stem = file.getFileName().toString();
        stem = stem.endsWith(SUFFIX) ? stem.substring(0, stem.length() - SUFFIX.length()) : stem;
        Emulator.Builder b = Emulator.builder()
                .name(root.find("name").map(YamlNode::asString).orElse(stem))
                .inputs(inputs).outputs(output).gaussianProcess(gp)
                .metadata("source", file.getFileName().toString());
        root.find("description").ifPresent(v -> b.metadata("description", v.asString()));
        root.find("metadata").ifPresent(m -> m.entries().forEach((k, v) -> b.metadata(k, v.asString())));
        return b.build();
    }

    private static double[] doubles(YamlNode list) {
        List<YamlNode> items = list.items();
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i).asDouble();
        }
        return out;
    }
}
