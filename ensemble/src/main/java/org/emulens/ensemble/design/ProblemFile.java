package org.emulens.ensemble.design;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.config.ConfigException;
import org.emulens.engine.config.YamlNode;

/**
 * Reads a sensitivity problem from YAML in SALib's terms, so a SALib user can move a problem over:
 * <pre>
 * factors:
 *   - {name: theta, dist: unif, params: [0.0, 0.6]}
 *   - {name: t_air, dist: norm, params: [20, 5]}          # mean, sd
 *   - {name: sm, dist: truncnorm, params: [0, 0.5, 0.25, 0.05]}   # lower, upper, mean, sd
 * </pre>
 * or derives one from a model: each input uniform over its valid range.
 */
public final class ProblemFile {
    private static final Set<String> TOP = Set.of("factors");
    private static final Set<String> FACTOR = Set.of("name", "dist", "params", "bounds");

    private ProblemFile() {
    }

    public static Problem read(Path file) {
        YamlNode root = YamlNode.read(file).requireKeys(TOP);
        List<Factor> factors = new ArrayList<>();
        for (YamlNode f : root.get("factors").items()) {
            f.requireKeys(FACTOR);
            String name = f.get("name").asString();
            String dist = f.find("dist").map(YamlNode::asString).orElse("unif");
            YamlNode params = f.find("params").or(() -> f.find("bounds"))
                    .orElseThrow(() -> f.error("factor '" + name + "' needs 'params' (SALib's bounds)"));
            double[] p = new double[params.items().size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = params.items().get(i).asDouble();
            }
            try {
                factors.add(Factor.fromSalib(name, dist, p));
            } catch (DesignException ex) {
                throw f.error(ex.getMessage());
            }
        }
        try {
            return Problem.of(factors);
        } catch (DesignException ex) {
            throw new ConfigException(file + ": " + ex.getMessage(), ex);
        }
    }

    /** Each input uniform over the valid range its sidecar states; an input without one is an error. */
    public static Problem fromModelRanges(Emulator e) {
        List<Factor> factors = new ArrayList<>();
        for (Variable v : e.inputs()) {
            if (!v.hasRange()) {
                throw new ConfigException("model '" + e.name() + "': input '" + v.name() + "' has no valid range in "
                        + "its sidecar, so no default problem can be made; give a problem file");
            }
            factors.add(Factor.uniform(v.name(), v.validMin(), v.validMax()));
        }
        return Problem.of(factors);
    }
}
