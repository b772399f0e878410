package org.emulens.io.study;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.config.YamlNode;

/**
 * Reads a study file (YAML). Every error names the file and line and says what was expected:
 * <pre>
 * name: beta-africa
 * model: ../models/beta.onnx                # paths are relative to the study file
 * region: {lat: [-35, 38], lon: [-18, 52]}
 * inputs:
 *   theta:
 *     product: esa-cci-sm                   # sm, with sm_uncertainty as sd and flag != 0 masked
 *     files: ../../shared/data/esa-cci-sm/*.nc
 *     error: {shape: truncated-gaussian, bounds: [0, 0.6]}
 *   theta_wilt: {value: 0.10, error: {shape: gaussian, sd: 0.01}}   # an uncertain parameter
 *   theta_crit: {value: 0.30}
 *   # or a JULES variable (docs/JULES.md): layer, pft, tile and time count from 1, as in JULES
 *   # theta_crit: {product: jules, files: ancil.nc, variable: sm_crit, layer: 1, error: {sd: 0.02}}
 * emulator_error: {sd: 0.03}                # or {file: validation.nc, variable: rmse} from emulens validate
 * members: 10000
 * seed: 20161227
 * backend: auto
 * statistics: {quantiles: [0.05, 0.5, 0.95], exceedance: [0.5]}
 * output: ../out/beta-africa.nc
 * plot: true
 * </pre>
 */
public final class StudyFile {
    private static final Set<String> TOP = Set.of("name", "model", "region", "inputs", "members", "seed", "backend",
            "tanh", "statistics", "output", "format", "plot", "threads", "emulator_error");
    private static final Set<String> INPUT = Set.of("product", "variable", "sd_variable", "files", "value", "error",
            "layer", "pft", "tile", "time");
    /** JULES layer selectors of a study input and the dimension each picks from. */
    private static final java.util.Map<String, String> JULES_SELECTORS = java.util.Map.of("layer", "soil", "pft", "pft",
            "tile", "tile", "time", "time");
    private static final Set<String> ERROR = Set.of("shape", "bounds", "sd", "systematic_sd", "correlated_sd",
            "length_scale_deg");
    private static final Set<String> SHAPES = Set.of("gaussian", "truncated-gaussian", "lognormal", "uniform");
    static final Set<String> PRODUCTS = Set.of("esa-cci-sm", "jules");

    private StudyFile() {
    }

    /** Reads and checks {@code file}; the model is read to check that every input is given. */
    public static Study read(Path file, Emulator model) {
        return parse(file, YamlNode.read(file), model);
    }

    /** The model path a study file names, so the caller can load the model before {@link #read}. */
    public static Path modelPath(Path file) {
        YamlNode root = YamlNode.read(file);
        return resolve(file, root.get("model"));
    }

    private static Study parse(Path file, YamlNode root, Emulator model) {
        root.requireKeys(TOP);
        String name = root.find("name").map(YamlNode::asString).orElse(stem(file));
        Path modelPath = resolve(file, root.get("model"));
        Study.Region region = region(root.get("region"));
        List<StudyInput> inputs = inputs(file, root.get("inputs"), model);
        long members = positive(root.get("members"), "members");
        long seed = root.find("seed").map(YamlNode::asLong).orElse(1L);
        String backend = root.find("backend").map(YamlNode::asString).orElse("auto");
        String tanh = root.find("tanh").map(YamlNode::asString).orElse("exact");
        if (!Set.of("exact", "fast").contains(tanh)) {
            throw root.get("tanh").error("expected exact or fast, found '" + tanh + "'");
        }
        Study.StatisticsRequest stats = statistics(root.find("statistics").orElse(null));
        Path output = resolve(file, root.get("output"));
        String format = root.find("format").map(YamlNode::asString).orElse("netcdf4");
        if (!Set.of("netcdf4", "netcdf3").contains(format)) {
            throw root.get("format").error("expected netcdf4 or netcdf3, found '" + format + "'");
        }
        boolean plot = root.find("plot").map(YamlNode::asBoolean).orElse(false);
        int threads = (int) root.find("threads").map(YamlNode::asLong).orElse(0L).longValue();
        Study.EmulatorError emulatorError = root.find("emulator_error").map(n -> emulatorError(file, n, model))
                .orElse(null);
        return new Study(file, name, modelPath, region, inputs, members, seed, backend, tanh, stats, output, format,
                plot, threads, emulatorError);
    }

    private static Study.Region region(YamlNode node) {
        node.requireKeys(Set.of("lat", "lon"));
        double[] lat = pair(node.get("lat"), -90, 90, "latitude");
        double[] lon = pair(node.get("lon"), -180, 360, "longitude");
        return new Study.Region(lat[0], lat[1], lon[0], lon[1]);
    }

    private static double[] pair(YamlNode node, double min, double max, String what) {
        List<YamlNode> items = node.items();
        if (items.size() != 2) {
            throw node.error("expected [low, high] " + what + "s, found " + items.size() + " values");
        }
        double lo = items.get(0).asDouble();
        double hi = items.get(1).asDouble();
        if (!(lo >= min && hi <= max)) {
            throw node.error("expected " + what + "s within [" + min + ", " + max + "], found [" + lo + ", " + hi + "]");
        }
        if (lo >= hi) {
            throw node.error("expected low < high, found [" + lo + ", " + hi + "]");
        }
        return new double[] {lo, hi};
    }

    private static List<StudyInput> inputs(Path file, YamlNode node, Emulator model) {
        List<String> modelInputs = model.inputs().stream().map(Variable::name).toList();
        List<StudyInput> out = new ArrayList<>();
        for (var e : node.entries().entrySet()) {
            if (!modelInputs.contains(e.getKey())) {
                throw new StudyConfigException(e.getValue().where() + ": input '" + e.getKey() + "' is not an input of "
                        + "model '" + model.name() + "'; its inputs are " + modelInputs);
            }
            out.add(input(file, e.getKey(), e.getValue()));
        }
        List<String> missing = new ArrayList<>(modelInputs);
        out.forEach(i -> missing.remove(i.name()));
        if (!missing.isEmpty()) {
            throw node.error("model '" + model.name() + "' also needs " + missing + "; give each a product or a value");
        }
        // Keep the model's order, so input i of the study is input i of the model.
        out.sort((a, b) -> Integer.compare(modelInputs.indexOf(a.name()), modelInputs.indexOf(b.name())));
        return out;
    }

    private static StudyInput input(Path file, String name, YamlNode node) {
        node.requireKeys(INPUT);
        boolean constant = node.find("value").isPresent();
        boolean gridded = node.find("files").isPresent();
        if (constant == gridded) {
            throw node.error("input '" + name + "': give either 'value' (a constant) or 'files' (gridded data)");
        }
        ErrorSpec error = node.find("error").map(n -> error(name, n)).orElse(null);
        if (constant) {
            if (error != null && error.randomSdFromProduct()) {
                throw node.get("error").error("input '" + name + "' is a constant: its error needs an 'sd'");
            }
            return new StudyInput(name, null, null, null, List.of(), node.get("value").asDouble(), error, node.where());
        }
        String product = node.find("product").map(YamlNode::asString).orElse(null);
        if (product != null && !PRODUCTS.contains(product)) {
            throw node.get("product").error("unknown product '" + product + "'; known: " + PRODUCTS
                    + ", or give 'variable' (and 'sd_variable') of any CF file");
        }
        String variable = node.find("variable").map(YamlNode::asString).orElse(null);
        if (product == null && variable == null) {
            throw node.error("input '" + name + "': give 'product' or 'variable'");
        }
        String sdVariable = node.find("sd_variable").map(YamlNode::asString).orElse(null);
        if (error != null && error.randomSdFromProduct() && product == null && sdVariable == null) {
            throw node.get("error").error("input '" + name + "': 'sd' is not given and no 'sd_variable' says where "
                    + "to read it");
        }
        List<Path> files = glob(file, node.get("files"));
        java.util.Map<String, Integer> select = new java.util.LinkedHashMap<>();
        for (var sel : JULES_SELECTORS.entrySet()) {
            if (node.find(sel.getKey()).isPresent()) {
                if (!"jules".equals(product)) {
                    throw node.get(sel.getKey()).error("input '" + name + "': '" + sel.getKey() + "' selects a layer "
                            + "of a JULES variable; it needs 'product: jules'");
                }
                long k = node.get(sel.getKey()).asLong();
                if (k < 1) {
                    throw node.get(sel.getKey()).error("input '" + name + "': " + sel.getKey() + " counts from 1 (as "
                            + "JULES does), found " + k);
                }
                select.put(sel.getValue(), (int) k - 1);
            }
        }
        if ("jules".equals(product)) {
            if (variable == null) {
                throw node.error("input '" + name + "': a JULES input needs 'variable' (e.g. smcl, sm_wilt, gpp)");
            }
            if (error != null && error.randomSdFromProduct()) {
                throw node.get("error").error("input '" + name + "': JULES files carry no uncertainty; give 'sd' (0 for "
                        + "an error that is only systematic or correlated)");
            }
        }
        return new StudyInput(name, product, variable, sdVariable, files, Double.NaN, error, node.where(), select);
    }

    private static Study.EmulatorError emulatorError(Path file, YamlNode node, Emulator model) {
        node.requireKeys(Set.of("sd", "file", "variable", "output"));
        boolean constant = node.find("sd").isPresent();
        boolean map = node.find("file").isPresent();
        if (constant == map) {
            throw node.error("emulator_error: give either 'sd' (one standard deviation everywhere) or 'file' and "
                    + "'variable' (a map of it, such as the rmse of 'emulens validate')");
        }
        String output = node.find("output").map(YamlNode::asString).orElse(null);
        List<String> outputs = model.outputs().stream().map(Variable::name).toList();
        if (output != null && !outputs.contains(output)) {
            throw node.get("output").error("emulator_error: model '" + model.name() + "' has no output '" + output
                    + "'; its outputs are " + outputs);
        }
        if (constant) {
            double sd = node.get("sd").asDouble();
            if (!(sd >= 0) || Double.isInfinite(sd)) {
                throw node.get("sd").error("emulator_error: sd must be a finite number >= 0, found " + sd);
            }
            return new Study.EmulatorError(sd, null, null, output, node.where());
        }
        Path mapFile = resolve(file, node.get("file"));
        if (!Files.isRegularFile(mapFile)) {
            throw node.get("file").error("emulator_error: " + mapFile + ": no such file");
        }
        String variable = node.find("variable").map(YamlNode::asString).orElse("rmse");
        return new Study.EmulatorError(Double.NaN, mapFile, variable, output, node.where());
    }

    private static ErrorSpec error(String input, YamlNode node) {
        node.requireKeys(ERROR);
        String shape = node.find("shape").map(YamlNode::asString).orElse("gaussian").toLowerCase(Locale.ROOT);
        if (!SHAPES.contains(shape)) {
            throw node.get("shape").error("expected one of " + new TreeSet<>(SHAPES) + ", found '" + shape + "'");
        }
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (node.find("bounds").isPresent()) {
            double[] b = pair(node.get("bounds"), -Double.MAX_VALUE, Double.MAX_VALUE, "bound");
            lower = b[0];
            upper = b[1];
        } else if (shape.equals("truncated-gaussian")) {
            throw node.error("input '" + input + "': a truncated-gaussian error needs 'bounds: [lower, upper]'");
        }
        double sd = node.find("sd").map(YamlNode::asDouble).orElse(Double.NaN);
        double systematic = nonNegative(node, "systematic_sd", input);
        double correlated = nonNegative(node, "correlated_sd", input);
        double length = node.find("length_scale_deg").map(YamlNode::asDouble).orElse(Double.NaN);
        if (node.find("sd").isPresent() && !(sd >= 0)) {
            throw node.get("sd").error("input '" + input + "': sd must be >= 0, found " + sd);
        }
        if (correlated > 0 && !(length > 0)) {
            throw node.error("input '" + input + "': a correlated_sd needs a positive length_scale_deg");
        }
        return new ErrorSpec(shape, lower, upper, sd, systematic, correlated, length);
    }

    private static double nonNegative(YamlNode node, String key, String input) {
        double v = node.find(key).map(YamlNode::asDouble).orElse(0.0);
        if (!(v >= 0)) {
            throw node.get(key).error("input '" + input + "': " + key + " must be >= 0, found " + v);
        }
        return v;
    }

    private static Study.StatisticsRequest statistics(YamlNode node) {
        if (node == null) {
            return new Study.StatisticsRequest(new double[] {0.05, 0.5, 0.95}, new double[0], 0.005);
        }
        node.requireKeys(Set.of("quantiles", "exceedance", "quantile_accuracy"));
        double[] q = node.find("quantiles").map(StudyFile::numbers).orElse(new double[0]);
        for (double v : q) {
            if (!(v > 0 && v < 1)) {
                throw node.get("quantiles").error("quantiles must lie in (0, 1), found " + v);
            }
        }
        double[] t = node.find("exceedance").map(StudyFile::numbers).orElse(new double[0]);
        double accuracy = node.find("quantile_accuracy").map(YamlNode::asDouble).orElse(0.005);
        if (!(accuracy > 0 && accuracy < 0.5)) {
            throw node.get("quantile_accuracy").error("expected a relative accuracy in (0, 0.5), found " + accuracy);
        }
        return new Study.StatisticsRequest(q, t, accuracy);
    }

    private static double[] numbers(YamlNode list) {
        return list.items().stream().mapToDouble(YamlNode::asDouble).toArray();
    }

    private static long positive(YamlNode node, String what) {
        long v = node.asLong();
        if (v <= 0) {
            throw node.error("expected a positive number of " + what + ", found " + v);
        }
        return v;
    }

    private static Path resolve(Path file, YamlNode node) {
        Path p = Path.of(node.asString());
        Path dir = file.toAbsolutePath().getParent();
        return (p.isAbsolute() ? p : dir.resolve(p)).normalize();
    }

    /**
     * The files {@code node}'s pattern (relative to the study file) matches, a glob in its last path element,
     * in name order (EO products name files by date); none is an error.
     */
    public static List<Path> glob(Path file, YamlNode node) {
        Path pattern = resolve(file, node);
        Path dir = pattern.getParent();
        if (dir == null) {
            throw node.error("expected FOLDER/PATTERN such as data/sm_*.nc, found " + pattern);
        }
        String leaf = pattern.getFileName().toString();
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw node.error("folder " + dir + " does not exist");
        }
        FileNamePattern names;
        try {
            names = FileNamePattern.compile(leaf);
        } catch (IllegalArgumentException ex) {
            throw node.error("'" + leaf + "' is not a file-name pattern: " + ex.getMessage());
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (names.matches(p.getFileName().toString())) {
                    out.add(p);
                }
            }
        } catch (IOException ex) {
            throw node.error("cannot list " + dir + ": " + ex.getMessage());
        }
        if (out.isEmpty()) {
            throw node.error("no file matches " + pattern);
        }
        out.sort(null);
        return out;
    }

    private static String stem(Path file) {
        String f = file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
