package org.emulens.io.season;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.emulens.engine.config.YamlNode;
import org.emulens.ensemble.seasonal.SeasonMetric;
import org.emulens.ensemble.seasonal.SeasonRules;
import org.emulens.ensemble.seasonal.WeatherNoise;
import org.emulens.io.study.StudyConfigException;
import org.emulens.io.study.StudyFile;

/**
 * Reads a seasonal study file (YAML); every error names the file and line. {@code examples/drought-africa.yaml}
 * is annotated:
 * <pre>
 * model: ../models/soil_moisture_step.onnx   # inputs: lag window of the state, then the forcing
 * lags: 2
 * region: {lat: [-35, 38], lon: [-18, 52]}
 * resolution: 2.5                            # degrees; the initial state is averaged onto this grid
 * season: {start: 2016-12-27, days: 365}
 * initial_state:
 *   product: esa-cci-sm                      # sm, sd from sm_uncertainty, flagged cells masked
 *   file: ../../shared/data/esa-cci-sm/ESACCI-...-20161227000000-fv04.2.nc
 *   error: {bounds: [0, 0.5], sd_scale: 1.0}
 * forcing: {synthetic: monsoon, weather: per-member, rain_sd: 0.2}
 * # or daily CF files, one entry per forcing input of the emulator, with an optional per-member factor:
 * # forcing:
 * #   files:
 * #     precip: {variable: pr, files: forcing/pr_2017*.nc}       # units must be the emulator's (mm d-1)
 * #     pet: {variable: pet, files: forcing/pet_2017*.nc}
 * #   rain_sd: 0.2                                               # lognormal factor on...
 * #   scaled: precip                                             # ...this variable (default precip)
 * # dry days on soil moisture, or on beta: dry: {variable: beta, below: 0.2, theta_wilt: 0.1, theta_crit: 0.3}
 * metrics: {variable: state, dry: {variable: state, below: 0.12}, margin_days: 50, bimodal_ratio: 1.0,
 *           min_amplitude: 0.03}                      # no wet season where the annual cycle is weaker
 * probabilities: {onset: [150, 200], dry_days: [120, 180]}   # P(metric > value)
 * quantiles: [0.05, 0.5, 0.95]
 * members: 200
 * seed: 20161227
 * backend: auto
 * tanh: fast
 * daily: true                                # also write the daily state's mean and sd
 * output: ../out/demo/drought-africa.nc
 * plot: true
 * </pre>
 */
public final class SeasonStudyFile {
    private static final Set<String> TOP = Set.of("name", "model", "lags", "region", "resolution", "season",
            "initial_state", "forcing", "metrics", "probabilities", "quantiles", "members", "seed", "backend", "tanh",
            "threads", "daily", "output", "format", "plot");

    private SeasonStudyFile() {
    }

    public static SeasonStudy read(Path file) {
        YamlNode root = YamlNode.read(file);
        try {
            return parse(file, root);
        } catch (IllegalArgumentException ex) {
            throw new StudyConfigException(file + ": " + ex.getMessage());
        }
    }

    private static SeasonStudy parse(Path file, YamlNode root) {
        root.requireKeys(TOP);
        String name = root.find("name").map(YamlNode::asString)
                .orElse(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        Path model = resolve(file, root.get("model"));
        // 0: from the model's metadata 'lags' (the demo emulator's sidecar says 2), else 1.
        int lags = (int) root.find("lags").map(YamlNode::asLong).orElse(0L).longValue();
        if (lags < 0) {
            throw root.get("lags").error("expected a lag window of at least 1 day, found " + lags);
        }
        YamlNode region = root.get("region").requireKeys(Set.of("lat", "lon"));
        double[] lat = pair(region.get("lat"), -90, 90);
        double[] lon = pair(region.get("lon"), -180, 360);
        double resolution = root.find("resolution").map(YamlNode::asDouble).orElse(2.5);
        if (!(resolution > 0)) {
            throw root.get("resolution").error("expected a cell size > 0 degrees, found " + resolution);
        }
        YamlNode season = root.get("season").requireKeys(Set.of("start", "days"));
        LocalDate start;
        try {
            start = LocalDate.parse(season.get("start").asString());
        } catch (DateTimeParseException ex) {
            throw season.get("start").error("expected a date YYYY-MM-DD, found '" + season.get("start").asString() + "'");
        }
        int days = (int) season.get("days").asLong();
        if (days < 2) {
            throw season.get("days").error("expected at least 2 days, found " + days);
        }

        YamlNode init = root.get("initial_state").requireKeys(Set.of("product", "file", "error"));
        String product = init.get("product").asString();
        if (!product.equals("esa-cci-sm")) {
            throw init.get("product").error("expected esa-cci-sm, found '" + product + "'");
        }
        Path initialFile = resolve(file, init.get("file"));
        if (!Files.isRegularFile(initialFile)) {
            throw init.get("file").error("no such file: " + initialFile);
        }
        float lower = 0f;
        float upper = 0.6f;
        float sdScale = 1f;
        if (init.find("error").isPresent()) {
            YamlNode error = init.get("error").requireKeys(Set.of("bounds", "sd_scale"));
            if (error.find("bounds").isPresent()) {
                double[] b = pair(error.get("bounds"), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
                lower = (float) b[0];
                upper = (float) b[1];
            }
            sdScale = (float) error.find("sd_scale").map(YamlNode::asDouble).orElse(1.0).doubleValue();
            if (!(sdScale >= 0)) {
                throw error.get("sd_scale").error("expected a factor >= 0, found " + sdScale);
            }
        }

        YamlNode forcing = root.get("forcing").requireKeys(Set.of("synthetic", "weather", "rain_sd", "files",
                "scaled"));
        Map<String, SeasonStudy.ForcingFiles> forcingFiles = new LinkedHashMap<>();
        if (forcing.find("files").isPresent()) {
            if (forcing.find("synthetic").isPresent() || forcing.find("weather").isPresent()) {
                throw forcing.error("expected either 'files' or 'synthetic' (with 'weather'), found both");
            }
            for (Map.Entry<String, YamlNode> e : forcing.get("files").entries().entrySet()) {
                YamlNode f = e.getValue().requireKeys(Set.of("variable", "files"));
                String variable = f.find("variable").map(YamlNode::asString).orElse(e.getKey());
                forcingFiles.put(e.getKey(), new SeasonStudy.ForcingFiles(variable, StudyFile.glob(file, f.get("files"))));
            }
        } else {
            String synthetic = forcing.find("synthetic").map(YamlNode::asString).orElse("");
            if (!synthetic.equals("monsoon")) {
                throw forcing.error("expected 'synthetic: monsoon' or 'files: {NAME: {variable: V, files: PATTERN}}', "
                        + "found '" + synthetic + "'");
            }
        }
        String scaled = forcing.find("scaled").map(YamlNode::asString).orElse("precip");
        WeatherNoise weather = WeatherNoise.PER_MEMBER;
        if (forcing.find("weather").isPresent()) {
            try {
                weather = WeatherNoise.parse(forcing.get("weather").asString());
            } catch (IllegalArgumentException ex) {
                throw forcing.get("weather").error(ex.getMessage());
            }
        }
        float rainSd = (float) forcing.find("rain_sd").map(YamlNode::asDouble).orElse(0.0).doubleValue();
        if (!(rainSd >= 0)) {
            throw forcing.get("rain_sd").error("expected a log-sd >= 0, found " + rainSd);
        }

        String seasonVariable = "state";
        String dryVariable = "state";
        double dryBelow = 0.12;
        double[] stressPoints = null;
        int margin = 50;
        double bimodal = 1.0;
        int yearDays = 365;
        double minAmplitude = 0;
        if (root.find("metrics").isPresent()) {
            YamlNode m = root.get("metrics").requireKeys(Set.of("variable", "dry", "margin_days", "bimodal_ratio",
                    "year_days", "min_amplitude"));
            seasonVariable = m.find("variable").map(YamlNode::asString).orElse(seasonVariable);
            if (m.find("dry").isPresent()) {
                YamlNode dry = m.get("dry").requireKeys(Set.of("variable", "below", "theta_wilt", "theta_crit"));
                dryVariable = dry.find("variable").map(YamlNode::asString).orElse(dryVariable);
                dryBelow = dry.get("below").asDouble();
                if (dryVariable.equals("beta")) {
                    stressPoints = new double[] {dry.get("theta_wilt").asDouble(), dry.get("theta_crit").asDouble()};
                    if (!(stressPoints[1] > stressPoints[0])) {
                        throw dry.get("theta_crit").error("expected theta_crit > theta_wilt, found " + stressPoints[1]
                                + " <= " + stressPoints[0]);
                    }
                }
            }
            margin = (int) m.find("margin_days").map(YamlNode::asLong).orElse(50L).longValue();
            bimodal = m.find("bimodal_ratio").map(YamlNode::asDouble).orElse(1.0);
            yearDays = (int) m.find("year_days").map(YamlNode::asLong).orElse(365L).longValue();
            minAmplitude = m.find("min_amplitude").map(YamlNode::asDouble).orElse(0.0);
        }
        SeasonRules rules = new SeasonRules(yearDays, margin, bimodal, dryBelow, minAmplitude);

        Map<SeasonMetric, double[]> probabilities = new EnumMap<>(SeasonMetric.class);
        if (root.find("probabilities").isPresent()) {
            for (Map.Entry<String, YamlNode> e : root.get("probabilities").entries().entrySet()) {
                SeasonMetric metric;
                try {
                    metric = SeasonMetric.byOutputName(e.getKey());
                } catch (IllegalArgumentException ex) {
                    throw e.getValue().error(ex.getMessage());
                }
                probabilities.put(metric, doubles(e.getValue()));
            }
        }
        double[] quantiles = root.find("quantiles").map(SeasonStudyFile::doubles).orElse(new double[] {0.05, 0.5, 0.95});
        for (double q : quantiles) {
            if (!(q > 0 && q < 1)) {
                throw root.get("quantiles").error("expected quantiles in (0, 1), found " + q);
            }
        }
        long members = root.get("members").asLong();
        if (members < 1) {
            throw root.get("members").error("expected at least 1 member, found " + members);
        }
        long seed = root.find("seed").map(YamlNode::asLong).orElse(1L);
        String backend = root.find("backend").map(YamlNode::asString).orElse("auto");
        String tanh = root.find("tanh").map(YamlNode::asString).orElse("fast");
        if (!Set.of("exact", "fast").contains(tanh)) {
            throw root.get("tanh").error("expected exact or fast, found '" + tanh + "'");
        }
        int threads = (int) root.find("threads").map(YamlNode::asLong).orElse(0L).longValue();
        boolean daily = root.find("daily").map(YamlNode::asBoolean).orElse(false);
        Path output = resolve(file, root.get("output"));
        String format = root.find("format").map(YamlNode::asString).orElse("netcdf4");
        if (!Set.of("netcdf4", "netcdf3").contains(format)) {
            throw root.get("format").error("expected netcdf4 or netcdf3, found '" + format + "'");
        }
        boolean plot = root.find("plot").map(YamlNode::asBoolean).orElse(false);
        return new SeasonStudy(file, name, model, lags, new double[] {lat[0], lat[1], lon[0], lon[1]}, resolution,
                start, days, initialFile, lower, upper, sdScale, weather, rainSd, forcingFiles, scaled, seasonVariable,
                dryVariable, stressPoints, rules,
                probabilities, quantiles, members, seed, backend, tanh, threads, daily, output, format, plot);
    }

    private static Path resolve(Path file, YamlNode node) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(node.asString()).normalize();
    }

    private static double[] pair(YamlNode node, double min, double max) {
        double[] v = doubles(node);
        if (v.length != 2 || !(v[0] < v[1]) || v[0] < min || v[1] > max) {
            throw node.error("expected [low, high] with " + min + " <= low < high <= " + max + ", found "
                    + java.util.Arrays.toString(v));
        }
        return v;
    }

    private static double[] doubles(YamlNode node) {
        return node.items().stream().mapToDouble(YamlNode::asDouble).toArray();
    }
}
