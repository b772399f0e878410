package org.emulens.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emulens.engine.gp.GaussianProcess;
import org.emulens.engine.trees.TreeEnsemble;

/**
 * An immutable emulator: named inputs, the function of one {@link ModelFamily}, and named outputs.
 * An MLP ({@link ModelFamily#MLP}) is input normalisation, a stack of dense layers and output
 * de-normalisation; every backend evaluates exactly
 * <pre>
 *   z0 = (x - inOffset) / inScale
 *   z_l = act_l(W_l z_{l-1} + b_l)
 *   y  = z_L * outScale + outOffset
 * </pre>
 * A tree ensemble ({@link #trees()}) or a Gaussian process ({@link #gaussianProcess()}) takes the
 * place of the layers; its normalisations are the identity and its layer list is empty.
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
    private final TreeEnsemble trees;
    private final GaussianProcess gaussianProcess;
    private final String hash;

    private Emulator(Builder b) {
        this.name = b.name;
        this.inputs = List.copyOf(b.inputs);
        this.outputs = List.copyOf(b.outputs);
        this.inputNormalisation = b.inputNormalisation;
        this.layers = List.copyOf(b.layers);
        this.outputDenormalisation = b.outputDenormalisation;
        this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.trees = b.trees;
        this.gaussianProcess = b.gaussianProcess;
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
        b.trees = trees;
        b.gaussianProcess = gaussianProcess;
        b.metadata.putAll(metadata);
        return b;
    }

    public ModelFamily family() {
        if (trees != null) {
            return ModelFamily.TREE_ENSEMBLE;
        }
        return gaussianProcess != null ? ModelFamily.GAUSSIAN_PROCESS : ModelFamily.MLP;
    }

    /**
     * The trees of a {@link ModelFamily#TREE_ENSEMBLE} emulator.
     *
     * @throws IllegalStateException for another family
     */
    public TreeEnsemble trees() {
        if (trees == null) {
            throw new IllegalStateException("emulator '" + name + "' is a " + family().description()
                    + ", not a tree ensemble");
        }
        return trees;
    }

    /**
     * The Gaussian process of a {@link ModelFamily#GAUSSIAN_PROCESS} emulator.
     *
     * @throws IllegalStateException for another family
     */
    public GaussianProcess gaussianProcess() {
        if (gaussianProcess == null) {
            throw new IllegalStateException("emulator '" + name + "' is a " + family().description()
                    + ", not a Gaussian process");
        }
        return gaussianProcess;
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

    /**
     * Numbers that define the function: weights and biases; for trees, thresholds and leaf weights; for a
     * Gaussian process, training inputs, weights and the Cholesky factor.
     */
    public long parameterCount() {
        if (trees != null) {
            return (long) trees.nodeCount() + trees.weightValues().length + trees.targets();
        }
        if (gaussianProcess != null) {
            GaussianProcess g = gaussianProcess;
            long n = g.points();
            return n * g.inputs() + n + n * (n + 1) / 2 + g.inputs() + 3;
        }
        long n = 0;
        for (DenseLayer l : layers) {
            n += (long) l.inputs() * l.outputs() + l.outputs();
        }
        return n;
    }

    /**
     * Floating-point operations per member for the dense layers: a multiply and an add per weight
     * (the convention used for matrix products), activations and normalisation not counted. For a tree
     * ensemble, the comparisons of the deepest path in every tree (an upper bound); for a Gaussian
     * process, two per multiply-add of the predictive mean (float64; the variance, where asked for, adds
     * {@link GaussianProcess#varianceOperations()} more).
     */
    public long flopsPerMember() {
        if (trees != null) {
            return (long) trees.treeCount() * trees.maxDepth();
        }
        if (gaussianProcess != null) {
            return 2L * gaussianProcess.meanOperations();
        }
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
        String body = trees != null ? trees.toString()
                : gaussianProcess != null ? gaussianProcess.toString() : layers.size() + " layers";
        return "Emulator(" + name + ", " + inputCount() + " -> " + outputCount() + ", " + body + ", sha256 "
                + hash.substring(0, 12) + ")";
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
        private TreeEnsemble trees;
        private GaussianProcess gaussianProcess;

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

        /** Makes this a {@link ModelFamily#TREE_ENSEMBLE} emulator: no layers, identity normalisation. */
        public Builder trees(TreeEnsemble t) {
            this.trees = t;
            return this;
        }

        /** Makes this a {@link ModelFamily#GAUSSIAN_PROCESS} emulator: no layers, identity normalisation. */
        public Builder gaussianProcess(GaussianProcess g) {
            this.gaussianProcess = g;
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
            if (trees != null || gaussianProcess != null) {
                return buildFamily();
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

        private Emulator buildFamily() {
            if (trees != null && gaussianProcess != null) {
                throw new InvalidModelException("emulator '" + name + "' is given both trees and a Gaussian process");
            }
            if (!layers.isEmpty()) {
                throw new InvalidModelException("emulator '" + name + "' is given dense layers as well as "
                        + (trees != null ? "trees" : "a Gaussian process"));
            }
            int in = trees != null ? trees.inputs() : gaussianProcess.inputs();
            int out = trees != null ? trees.targets() : 1;
            String what = trees != null ? "the trees" : "the Gaussian process";
            if (inputs.size() != in) {
                throw new InvalidModelException("emulator '" + name + "': " + inputs.size() + " inputs named "
                        + names(inputs) + " but " + what + " take " + in);
            }
            if (outputs.size() != out) {
                throw new InvalidModelException("emulator '" + name + "': " + outputs.size() + " outputs named "
                        + names(outputs) + " but " + what + " give " + out);
            }
            checkUnique(inputs, "input");
            checkUnique(outputs, "output");
            if ((inputNormalisation != null && !inputNormalisation.isIdentity())
                    || (outputDenormalisation != null && !outputDenormalisation.isIdentity())) {
                throw new InvalidModelException("emulator '" + name + "': a " + (trees != null ? "tree ensemble"
                        : "Gaussian process") + " takes its inputs and gives its outputs in physical units; "
                        + "expected no normalisation, found one");
            }
            inputNormalisation = FeatureAffine.identity(inputs.size());
            outputDenormalisation = FeatureAffine.identity(outputs.size());
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
