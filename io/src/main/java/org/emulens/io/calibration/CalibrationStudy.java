package org.emulens.io.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.config.ConfigException;
import org.emulens.engine.config.YamlNode;
import org.emulens.ensemble.calibration.AbcSmc;
import org.emulens.ensemble.calibration.CalibrationException;
import org.emulens.ensemble.calibration.EnsembleSampler;
import org.emulens.ensemble.calibration.HistoryMatching;
import org.emulens.ensemble.calibration.ObservationErrors;
import org.emulens.ensemble.calibration.Observations;
import org.emulens.ensemble.calibration.Prior;
import org.emulens.ensemble.design.DesignException;
import org.emulens.ensemble.design.Factor;
import org.emulens.ensemble.design.Problem;

/**
 * A calibration study file (YAML; paths relative to the file):
 * <pre>
 * name: beta-thresholds
 * model: ../models/beta.onnx
 * output: beta                  # the model output that is observed
 * backend: auto
 * tanh: fast                    # default: bit-identical on the CPU and OpenCL backends
 * seed: 1
 * output_dir: calibration-out
 * observations:
 *   file: beta-observations.csv
 *   inputs: [theta]             # model inputs given per observation
 *   value: beta_obs
 *   sd: beta_sd                 # random (independent) error sd
 *   systematic_sd: 0.02         # one bias shared by all observations
 *   position: [x, y]            # optional, with correlation_length: locally correlated random errors
 *   correlation_length: 0
 * emulator_sd: 0.00063          # default: the model's rmse_holdout metadata
 * discrepancy_sd: 0
 * parameters:
 *   - {name: theta_wilt, dist: unif, params: [0.05, 0.15]}
 *   - {name: theta_crit, dist: unif, params: [0.25, 0.40]}
 * correlation: [[1, 0], [0, 1]] # optional Gaussian copula
 * method:
 *   history_matching: {waves: [{cutoff: 3, summary: max, samples: 100000}]}
 *   mcmc: {walkers: 32, burn_in: 500, steps: 2000, stretch: 2.0}
 *   abc: {samples: 100000, accept_fraction: 0.01}
 *   abc_smc: {particles: 2000, generations: 6, quantile: 0.5, max_attempts: 1000000}
 * </pre>
 * Each problem is reported as {@code file:line: what, expected versus found}.
 */
public record CalibrationStudy(String name, Path file, Path model, String output, String backend, TanhMode tanh,
        long seed,
        Path outputDir, Observations observations, ObservationErrors errors, Prior prior,
        Optional<List<HistoryMatching.Wave>> waves, Optional<EnsembleSampler.Settings> mcmc,
        Optional<Abc> abc, Optional<AbcSmc.Settings> abcSmc) {

    /** ABC rejection settings. */
    public record Abc(int samples, double acceptFraction) {
    }

    private static final Set<String> TOP = Set.of("name", "model", "output", "backend", "tanh", "seed", "output_dir",
            "observations", "emulator_sd", "discrepancy_sd", "parameters", "correlation", "method");
    private static final Set<String> OBS = Set.of("file", "inputs", "value", "sd", "systematic_sd", "position",
            "correlation_length");
    private static final Set<String> FACTOR = Set.of("name", "dist", "params");
    private static final Set<String> METHOD = Set.of("history_matching", "mcmc", "abc", "abc_smc");

    /** The model file named by the study, to read before {@link #read}. */
    public static Path modelPath(Path studyFile) {
        YamlNode root = YamlNode.read(studyFile);
        return resolve(studyFile, root.get("model").asString());
    }

    public static CalibrationStudy read(Path studyFile, Emulator model) {
        YamlNode root = YamlNode.read(studyFile).requireKeys(TOP);
        String name = root.find("name").map(YamlNode::asString).orElse(fileStem(studyFile));
        String output = root.find("output").map(YamlNode::asString).orElse(model.outputs().get(0).name());
        String backend = root.find("backend").map(YamlNode::asString).orElse("auto");
        String tanhName = root.find("tanh").map(YamlNode::asString).orElse("fast");
        TanhMode tanh = switch (tanhName) {
            case "fast" -> TanhMode.FAST;
            case "exact" -> TanhMode.EXACT;
            default -> throw root.get("tanh").error("expected exact or fast, found '" + tanhName + "'");
        };
        long seed = root.find("seed").map(YamlNode::asLong).orElse(1L);
        Path outDir = resolve(studyFile, root.find("output_dir").map(YamlNode::asString).orElse(name + "-calibration"));

        List<Factor> factors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] lower = new double[root.get("parameters").items().size()];
        double[] upper = new double[lower.length];
        for (YamlNode f : root.get("parameters").items()) {
            f.requireKeys(FACTOR);
            String p = f.get("name").asString();
            Variable v = model.inputs().stream().filter(x -> x.name().equals(p)).findFirst()
                    .orElseThrow(() -> f.error("parameter '" + p + "' is not an input of model '" + model.name()
                            + "'; expected one of " + model.inputs().stream().map(Variable::name).toList()));
            double[] params = doubles(f.get("params"));
            try {
                factors.add(Factor.fromSalib(p, f.find("dist").map(YamlNode::asString).orElse("unif"), params));
            } catch (DesignException ex) {
                throw f.error(ex.getMessage());
            }
            lower[names.size()] = v.hasRange() ? v.validMin() : Double.NEGATIVE_INFINITY;
            upper[names.size()] = v.hasRange() ? v.validMax() : Double.POSITIVE_INFINITY;
            names.add(p);
        }
        if (factors.isEmpty()) {
            throw root.get("parameters").error("expected at least one parameter");
        }
        Prior prior;
        try {
            Problem problem = Problem.of(factors);
            if (root.find("correlation").isPresent()) {
                List<YamlNode> rows = root.get("correlation").items();
                double[][] c = new double[rows.size()][];
                for (int i = 0; i < c.length; i++) {
                    c[i] = doubles(rows.get(i));
                }
                prior = Prior.correlated(problem, c, lower, upper);
            } else {
                prior = Prior.independent(problem, lower, upper);
            }
        } catch (CalibrationException | DesignException ex) {
            throw root.get("parameters").error(ex.getMessage());
        }

        YamlNode o = root.get("observations").requireKeys(OBS);
        List<String> inputs = o.find("inputs").map(CalibrationStudy::strings)
                .orElseGet(() -> model.inputs().stream().map(Variable::name).filter(n -> !names.contains(n)).toList());
        List<String> position = o.find("position").map(CalibrationStudy::strings).orElse(List.of());
        Path obsFile = resolve(studyFile, o.get("file").asString());
        Observations obs = ObservationCsv.read(obsFile, inputs, o.get("value").asString(), o.get("sd").asString(),
                position);
        double emulatorSd = root.find("emulator_sd").map(YamlNode::asDouble)
                .orElseGet(() -> emulatorSd(model));
        ObservationErrors errors;
        try {
            errors = ObservationErrors.of(obs,
                    o.find("systematic_sd").map(YamlNode::asDouble).orElse(0.0), emulatorSd,
                    root.find("discrepancy_sd").map(YamlNode::asDouble).orElse(0.0),
                    o.find("correlation_length").map(YamlNode::asDouble).orElse(0.0));
        } catch (CalibrationException ex) {
            throw o.error(ex.getMessage());
        }

        YamlNode m = root.get("method").requireKeys(METHOD);
        Optional<List<HistoryMatching.Wave>> waves = m.find("history_matching").map(h -> {
            h.requireKeys(Set.of("waves"));
            List<HistoryMatching.Wave> list = new ArrayList<>();
            for (YamlNode w : h.get("waves").items()) {
                w.requireKeys(Set.of("cutoff", "summary", "samples"));
                String summary = w.find("summary").map(YamlNode::asString).orElse("max");
                int rank = switch (summary) {
                    case "max" -> 1;
                    case "second_max" -> 2;
                    default -> throw w.get("summary").error("expected max or second_max, found '" + summary + "'");
                };
                try {
                    list.add(new HistoryMatching.Wave(w.find("cutoff").map(YamlNode::asDouble).orElse(3.0), rank,
                            (int) w.find("samples").map(YamlNode::asLong).orElse(100_000L).longValue()));
                } catch (CalibrationException ex) {
                    throw w.error(ex.getMessage());
                }
            }
            if (list.isEmpty()) {
                throw h.error("expected at least one wave");
            }
            return list;
        });
        Optional<EnsembleSampler.Settings> mcmc = m.find("mcmc").map(c -> {
            c.requireKeys(Set.of("walkers", "burn_in", "steps", "stretch"));
            try {
                return new EnsembleSampler.Settings((int) c.find("walkers").map(YamlNode::asLong).orElse(32L).longValue(),
                        (int) c.find("burn_in").map(YamlNode::asLong).orElse(500L).longValue(),
                        (int) c.find("steps").map(YamlNode::asLong).orElse(2000L).longValue(),
                        c.find("stretch").map(YamlNode::asDouble).orElse(2.0), seed);
            } catch (CalibrationException ex) {
                throw c.error(ex.getMessage());
            }
        });
        Optional<Abc> abc = m.find("abc").map(a -> {
            a.requireKeys(Set.of("samples", "accept_fraction"));
            return new Abc((int) a.find("samples").map(YamlNode::asLong).orElse(100_000L).longValue(),
                    a.find("accept_fraction").map(YamlNode::asDouble).orElse(0.01));
        });
        Optional<AbcSmc.Settings> abcSmc = m.find("abc_smc").map(a -> {
            a.requireKeys(Set.of("particles", "generations", "quantile", "max_attempts"));
            try {
                return new AbcSmc.Settings((int) a.find("particles").map(YamlNode::asLong).orElse(2000L).longValue(),
                        (int) a.find("generations").map(YamlNode::asLong).orElse(6L).longValue(),
                        a.find("quantile").map(YamlNode::asDouble).orElse(0.5),
                        a.find("max_attempts").map(YamlNode::asLong).orElse(1_000_000L), seed + 2_000_003L);
            } catch (CalibrationException ex) {
                throw a.error(ex.getMessage());
            }
        });
        if (waves.isEmpty() && mcmc.isEmpty() && abc.isEmpty() && abcSmc.isEmpty()) {
            throw m.error("expected at least one of " + METHOD);
        }
        return new CalibrationStudy(name, studyFile, resolve(studyFile, root.get("model").asString()), output,
                backend, tanh, seed, outDir, obs, errors, prior, waves, mcmc, abc, abcSmc);
    }

    /** The emulator's hold-out RMSE from its metadata, or 0 where it states none. */
    static double emulatorSd(Emulator model) {
        String v = model.metadata().get("rmse_holdout");
        if (v == null) {
            return 0;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException ex) {
            throw new ConfigException("model '" + model.name() + "': metadata rmse_holdout '" + v
                    + "' is not a number; give emulator_sd in the study");
        }
    }

    private static double[] doubles(YamlNode list) {
        List<YamlNode> items = list.items();
        double[] v = new double[items.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = items.get(i).asDouble();
        }
        return v;
    }

    private static List<String> strings(YamlNode list) {
        return list.items().stream().map(YamlNode::asString).toList();
    }

    private static Path resolve(Path studyFile, String p) {
        Path parent = studyFile.toAbsolutePath().getParent();
        return parent.resolve(p).normalize();
    }

    private static String fileStem(Path f) {
        String s = f.getFileName().toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
