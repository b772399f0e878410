package org.emulens.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable emulator: named inputs, input normalisation, a stack of dense layers, output
 * de-normalisation and named outputs. Every backend evaluates exactly
 * <pre>
 *   z0 = (x - inOffset) / inScale
 *   z_l = act_l(W_l z_{l-1} + b_l)
 *   y  = z_L * outScale + outOffset
 * </pre>
 * Built with {@link #builder()}; {@code build()} checks that everything chains and says what does not.
 */
public final class Emulator {
    private final String name;
    private final List<Variable> inputs;
    private final List<Variable> outputs;
    private final FeatureAffine inputNormalisation;
    private final List<DenseLayer> layers;
    private final FeatureAffine outputDenormalisation;
    private final Map<String, String> metadata;
    private final String hash;

    private Emulator(Builder b) {
        this.name = b.name;
        this.inputs = List.copyOf(b.inputs);
        this.outputs = List.copyOf(b.outputs);
        this.inputNormalisation = b.inputNormalisation;
        this.layers = List.copyOf(b.layers);
        this.outputDenormalisation = b.outputDenormalisation;
        this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.hash = ModelHash.of(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this model's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).inputs(inputs).outputs(outputs)
                .inputNormalisation(inputNormalisation).outputDenormalisation(outputDenormalisation);
        layers.forEach(b::layer);
        b.metadata.putAll(metadata);
        return b;
    }

    public String name() {
        return name;
    }

    public List<Variable> inputs() {
        return inputs;
    }

    public List<Variable> outputs() {
        return outputs;
    }

    public int inputCount() {
        return inputs.size();
    }

    public int outputCount() {
        return outputs.size();
    }

    public FeatureAffine inputNormalisation() {
        return inputNormalisation;
    }

    public FeatureAffine outputDenormalisation() {
        return outputDenormalisation;
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The widest layer, which sizes the scratch space of a forward pass. */
    public int maxWidth() {
        int w = inputCount();
        for (DenseLayer l : layers) {
            w = Math.max(w, l.outputs());
        }
        return w;
    }

    public long parameterCount() {
        long n = 0;
        for (DenseLayer l : layers) {
            n += (long) l.inputs() * l.outputs() + l.outputs();
        }
        return n;
    }

    /**
     * Floating-point operations per member for the dense layers: a multiply and an add per weight
     * (the convention used for matrix products), activations and normalisation not counted.
     */
    public long flopsPerMember() {
        long n = 0;
        for (DenseLayer l : layers) {
            n += 2L * l.inputs() * l.outputs();
        }
        return n;
    }

    /** SHA-256, in lower-case hex, of the canonical numerical description; see {@link ModelHash}. */
    public String hash() {
        return hash;
    }

    public int inputIndex(String inputName) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(inputName)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Emulator(" + name + ", " + inputCount() + " -> " + outputCount() + ", " + layers.size()
                + " layers, sha256 " + hash.substring(0, 12) + ")";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String name = "emulator";
        private final List<Variable> inputs = new ArrayList<>();
        private final List<Variable> outputs = new ArrayList<>();
        private FeatureAffine inputNormalisation;
        private final List<DenseLayer> layers = new ArrayList<>();
        private FeatureAffine outputDenormalisation;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder input(Variable v) {
            inputs.add(v);
            return this;
        }

        public Builder inputs(List<Variable> vs) {
            inputs.clear();
            inputs.addAll(vs);
            return this;
        }

        public Builder output(Variable v) {
            outputs.add(v);
            return this;
        }

        public Builder outputs(List<Variable> vs) {
            outputs.clear();
            outputs.addAll(vs);
            return this;
        }

        public Builder inputNormalisation(FeatureAffine a) {
            this.inputNormalisation = a;
            return this;
        }

        public Builder outputDenormalisation(FeatureAffine a) {
            this.outputDenormalisation = a;
            return this;
        }

        public Builder layer(DenseLayer l) {
            layers.add(l);
            return this;
        }

        public Builder clearLayers() {
            layers.clear();
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Emulator build() {
            if (name == null || name.isBlank()) {
                throw new InvalidModelException("emulator needs a name");
            }
            if (layers.isEmpty()) {
                throw new InvalidModelException("emulator '" + name + "' has no layers");
            }
            int width = layers.get(0).inputs();
            if (inputs.isEmpty()) {
                throw new InvalidModelException("emulator '" + name + "' names no inputs; its first layer takes "
                        + width);
            }
            if (inputs.size() != width) {
                throw new InvalidModelException("emulator '" + name + "': " + inputs.size() + " inputs named "
                        + names(inputs) + " but the first layer takes " + width);
            }
            for (int i = 0; i < layers.size(); i++) {
                DenseLayer l = layers.get(i);
                if (l.inputs() != width) {
                    throw new InvalidModelException("emulator '" + name + "': layer " + i + " takes " + l.inputs()
                            + " inputs but layer " + (i - 1) + " gives " + width);
                }
                String bad = l.firstNonFinite();
                if (bad != null) {
                    throw new InvalidModelException("emulator '" + name + "': layer " + i + " has a non-finite "
                            + bad);
                }
                width = l.outputs();
            }
            if (outputs.size() != width) {
                throw new InvalidModelException("emulator '" + name + "': " + outputs.size() + " outputs named "
                        + names(outputs) + " but the last layer gives " + width);
            }
            checkUnique(inputs, "input");
            checkUnique(outputs, "output");
            if (inputNormalisation == null) {
                inputNormalisation = FeatureAffine.identity(inputs.size());
            } else if (inputNormalisation.size() != inputs.size()) {
                throw new InvalidModelException("emulator '" + name + "': input normalisation has "
                        + inputNormalisation.size() + " features, the model has " + inputs.size() + " inputs");
            }
            if (outputDenormalisation == null) {
                outputDenormalisation = FeatureAffine.identity(outputs.size());
            } else if (outputDenormalisation.size() != outputs.size()) {
                throw new InvalidModelException("emulator '" + name + "': output de-normalisation has "
                        + outputDenormalisation.size() + " features, the model has " + outputs.size() + " outputs");
            }
            return new Emulator(this);
        }

        private void checkUnique(List<Variable> vs, String what) {
            for (int i = 0; i < vs.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (vs.get(i).name().equals(vs.get(j).name())) {
                        throw new InvalidModelException("emulator '" + name + "': " + what + " name '"
                                + vs.get(i).name() + "' is used twice");
                    }
                }
            }
        }

        private static List<String> names(List<Variable> vs) {
            List<String> out = new ArrayList<>();
            vs.forEach(v -> out.add(v.name()));
            return out;
        }
    }
}
