package org.emulens.engine.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers where it came from, so every error can say {@code file:line: what was
 * expected, what was found}. Only plain data is read: no tags, no object construction.
 */
public final class YamlNode {
    private final String source;
    private final String path;
    private final Node node;

    private YamlNode(String source, String path, Node node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    public static YamlNode read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (java.nio.file.NoSuchFileException ex) {
            throw new ConfigException(file + ": no such file", ex);
        } catch (IOException ex) {
            throw new ConfigException(file + ": cannot read: " + ex.getMessage(), ex);
        }
    }

    public static YamlNode parse(String text, String source) {
        return parse(new StringReader(text), source);
    }

    private static YamlNode parse(Reader r, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(8 * 1024 * 1024);
        try {
            Node root = new Yaml(options).compose(r);
            if (root == null) {
                throw new ConfigException(source + ": the file is empty");
            }
            return new YamlNode(source, "", root);
        } catch (MarkedYAMLException ex) {
            int line = ex.getProblemMark() == null ? 0 : ex.getProblemMark().getLine() + 1;
            throw new ConfigException(source + ":" + line + ": not valid YAML: " + ex.getProblem(), ex);
        } catch (YAMLException ex) {
            throw new ConfigException(source + ": not valid YAML: " + ex.getMessage(), ex);
        }
    }

    /** {@code file:line}, for messages. */
    public String where() {
        return source + ":" + (node.getStartMark().getLine() + 1);
    }

    /** The dotted key path from the root, e.g. {@code inputs[2].units}. */
    public String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    public ConfigException error(String message) {
        return new ConfigException(where() + ": " + (path.isEmpty() ? "" : "'" + path + "': ") + message);
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The entries of a mapping, in file order. */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping of keys to values, found " + kind());
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(source, path, t.getKeyNode()).error("keys must be plain names");
            }
            String key = k.getValue();
            out.put(key, new YamlNode(source, path.isEmpty() ? key : path + "." + key, t.getValueNode()));
        }
        return out;
    }

    /** Rejects keys outside {@code allowed}; a typo is the usual cause, so the message lists them. */
    public YamlNode requireKeys(Collection<String> allowed) {
        for (Map.Entry<String, YamlNode> e : entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new ConfigException(e.getValue().where() + ": unknown key '" + e.getKey() + "'"
                        + (path.isEmpty() ? "" : " in '" + path + "'") + "; expected one of " + allowed);
            }
        }
        return this;
    }

    public YamlNode get(String key) {
        YamlNode v = entries().get(key);
        if (v == null) {
            throw error("missing required key '" + key + "'");
        }
        return v;
    }

    public Optional<YamlNode> find(String key) {
        return Optional.ofNullable(entries().get(key));
    }

    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode s)) {
            throw error("expected a list, found " + kind());
        }
        List<YamlNode> out = new ArrayList<>();
        List<Node> values = s.getValue();
        for (int i = 0; i < values.size(); i++) {
            out.add(new YamlNode(source, path + "[" + i + "]", values.get(i)));
        }
        return out;
    }

    public String asString() {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected a single value, found " + kind());
        }
        return s.getValue();
    }

    public double asDouble() {
        String s = asString().trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case ".nan":
            case "nan":
                return Double.NaN;
            case ".inf":
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            throw error("expected a number, found '" + s + "'");
        }
    }

    public long asLong() {
        String s = asString().trim().replace("_", "");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException ex) {
            try {
                double d = Double.parseDouble(s);
                if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                    return (long) d;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the message below, which names what was found
            }
            throw error("expected a whole number, found '" + s + "'");
        }
    }

    public boolean asBoolean() {
        String s = asString().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("no")) {
            return false;
        }
        throw error("expected true or false, found '" + s + "'");
    }

    public float[] asFloatArray() {
        List<YamlNode> items = items();
        float[] out = new float[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) items.get(i).asDouble();
        }
        return out;
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
