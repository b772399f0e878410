package org.emulens.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.emulens.engine.config.YamlNode;

/**
 * What a model file itself cannot say: names, units and valid ranges of inputs and outputs,
 * normalisation done outside the graph, and free-form provenance. Read from {@code MODEL.yaml}
 * beside {@code MODEL.onnx}, or from the ONNX metadata entry {@value #METADATA_KEY}.
 */
public record ModelSidecar(String name, String description, List<Variable> inputs, List<Variable> outputs,
        FeatureAffine inputNormalisation, FeatureAffine outputDenormalisation, Map<String, String> metadata) {

    /** The ONNX {@code metadata_props} key whose value is the sidecar's YAML text. */
    public static final String METADATA_KEY = "emulens.sidecar";

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "inputs", "outputs",
            "input_normalisation", "output_denormalisation", "metadata");
    private static final Set<String> VARIABLE_KEYS = Set.of("name", "units", "min", "max", "description");
    private static final Set<String> AFFINE_KEYS = Set.of("offset", "scale");

    public ModelSidecar {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** {@code dir/NAME.yaml} for {@code dir/NAME.onnx}. */
    public static Path besides(Path modelFile) {
        String file = modelFile.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        return modelFile.resolveSibling(stem + ".yaml");
    }

    public static Optional<ModelSidecar> findBesides(Path modelFile) {
        Path p = besides(modelFile);
        return Files.isRegularFile(p) ? Optional.of(read(p)) : Optional.empty();
    }

    public static ModelSidecar read(Path file) {
        return from(YamlNode.read(file));
    }

    public static ModelSidecar parse(String yaml, String source) {
        return from(YamlNode.parse(yaml, source));
    }

    private static ModelSidecar from(YamlNode root) {
        root.requireKeys(TOP_KEYS);
        String name = root.find("name").map(YamlNode::asString).orElse(null);
        String description = root.find("description").map(YamlNode::asString).orElse("");
        List<Variable> inputs = variables(root.get("inputs"));
        List<Variable> outputs = variables(root.get("outputs"));
        FeatureAffine in = root.find("input_normalisation").map(n -> affine(n, inputs.size())).orElse(null);
        FeatureAffine out = root.find("output_denormalisation").map(n -> affine(n, outputs.size())).orElse(null);
        Map<String, String> metadata = new LinkedHashMap<>();
        root.find("metadata").ifPresent(m -> m.entries().forEach((k, v) -> metadata.put(k, v.asString())));
        return new ModelSidecar(name, description, inputs, outputs, in, out, metadata);
    }

    /** A list of variables ({@code name}, {@code units}, {@code min}, {@code max}, {@code description}). */
    public static List<Variable> variables(YamlNode list) {
        List<Variable> out = new ArrayList<>();
        List<YamlNode> items = list.items();
        if (items.isEmpty()) {
            throw list.error("expected at least one variable, found an empty list");
        }
        for (YamlNode item : items) {
            item.requireKeys(VARIABLE_KEYS);
            double min = item.find("min").map(YamlNode::asDouble).orElse(Double.NaN);
            double max = item.find("max").map(YamlNode::asDouble).orElse(Double.NaN);
            if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
                throw item.error("valid range is inverted: min " + min + " > max " + max);
            }
            out.add(new Variable(item.get("name").asString(),
                    item.find("units").map(YamlNode::asString).orElse("1"), min, max,
                    item.find("description").map(YamlNode::asString).orElse("")));
        }
        return out;
    }

    private static FeatureAffine affine(YamlNode node, int expected) {
        node.requireKeys(AFFINE_KEYS);
        float[] offset = node.get("offset").asFloatArray();
        float[] scale = node.get("scale").asFloatArray();
        if (offset.length != expected || scale.length != expected) {
            throw node.error("expected " + expected + " offsets and scales (one per variable), found "
                    + offset.length + " and " + scale.length);
        }
        try {
            return FeatureAffine.of(offset, scale, node.path());
        } catch (InvalidModelException ex) {
            throw node.error(ex.getMessage());
        }
    }
}
