package org.emulens.engine.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.emulens.engine.Activation;
import org.emulens.engine.Emulator;
import org.emulens.engine.EmulensException;
import org.emulens.engine.FeatureAffine;
import org.emulens.engine.ModelFormatException;
import org.emulens.engine.ModelSidecar;
import org.emulens.engine.Variable;

/**
 * Reads MLP emulators from ONNX files as PyTorch ({@code torch.onnx.export}), Keras (tf2onnx) and
 * scikit-learn (skl2onnx) write them. The graph must be one chain acting on a row of features:
 * Gemm, MatMul, element-wise Add/Sub/Mul/Div by constants, the activations Tanh, Relu, Sigmoid,
 * Softplus, Elu, and the shape no-ops Identity, Cast (to float), Flatten and Reshape that keep a row
 * a row. Anything else is an error naming the file, the node and its operator. Graphs of an ONNX-ML
 * {@code TreeEnsembleRegressor} are read as tree ensembles by {@link TreeEnsembleImporter}.
 */
public final class OnnxImporter {
    static final List<String> SUPPORTED = List.of("Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Tanh", "Relu",
            "Sigmoid", "Softplus", "Elu", "Identity", "Constant", "Cast", "Flatten", "Reshape");
    private static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    private OnnxImporter() {
    }

    /** Reads {@code file}, with names and units from {@code NAME.yaml} beside it or from its metadata. */
    public static Emulator read(Path file) {
        return read(file, null);
    }

    /** Reads {@code file} with the given sidecar (null: look beside the file, then in its metadata). */
    public static Emulator read(Path file, ModelSidecar sidecar) {
        ModelProto model = parse(file);
        if (sidecar == null) {
            try {
                sidecar = ModelSidecar.findBesides(file).orElse(null);
            } catch (EmulensException ex) {
                throw new ModelFormatException(ex.getMessage(), ex);
            }
        }
        if (sidecar == null) {
            sidecar = sidecarFromMetadata(file, model).orElse(null);
        }
        try {
            return convert(file, model, sidecar);
        } catch (IllegalArgumentException | EmulensException ex) {
            throw new ModelFormatException(file + ": " + ex.getMessage(), ex);
        }
    }

    private static ModelProto parse(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ModelFormatException(file + ": " + Files.size(file) + " bytes is larger than any MLP "
                        + "emulator; is it the right file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException ex) {
            throw new ModelFormatException(file + ": no such file");
        } catch (IOException ex) {
            throw new ModelFormatException(file + ": cannot read: " + ex.getMessage(), ex);
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException ex) {
            throw new ModelFormatException(file + ": not an ONNX model, or a truncated one (" + ex.getMessage()
                    + ")", ex);
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelFormatException(file + ": not an ONNX model (no IR version or no graph nodes)");
        }
        return model;
    }

    private static Optional<ModelSidecar> sidecarFromMetadata(Path file, ModelProto model) {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (ModelSidecar.METADATA_KEY.equals(e.getKey())) {
                try {
                    return Optional.of(ModelSidecar.parse(e.getValue(), file + " metadata '" + e.getKey() + "'"));
                } catch (EmulensException ex) {
                    throw new ModelFormatException(ex.getMessage(), ex);
                }
            }
        }
        return Optional.empty();
    }

    private static Emulator convert(Path file, ModelProto model, ModelSidecar sidecar) {
        GraphProto g = model.getGraph();
        if (TreeEnsembleImporter.isTreeGraph(g)) {
            return TreeEnsembleImporter.convert(file, model, sidecar);
        }
        Map<String, OnnxConstant> constants = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            constants.put(t.getName(), OnnxConstant.decode(t, "initializer '" + t.getName() + "'"));
        }
        ValueInfoProto input = singleInput(g, constants.keySet());
        int inputWidth = featureCount(input);
        if (g.getOutputCount() != 1) {
            throw new IllegalArgumentException("the graph has " + g.getOutputCount() + " outputs; an emulator has one "
                    + "output tensor (its columns are the output variables)");
        }
        LayerFolder folder = new LayerFolder(inputWidth);
        String current = input.getName();
        for (NodeProto node : g.getNodeList()) {
            if (node.getOpType().equals("Constant")) {
                constants.put(node.getOutput(0), constantNode(node));
                continue;
            }
            if (node.getOpType().equals("Identity") && constants.containsKey(node.getInput(0))) {
                // PyTorch names a shared initializer again through Identity: still a constant.
                constants.put(node.getOutput(0), constants.get(node.getInput(0)));
                continue;
            }
            current = apply(node, current, constants, folder);
        }
        String graphOutput = g.getOutput(0).getName();
        if (!graphOutput.equals(current)) {
            throw new IllegalArgumentException("the graph output '" + graphOutput + "' is not the end of the chain of "
                    + "layers ('" + current + "')");
        }
        LayerFolder.Result r = folder.finish();
        int outputWidth = r.layers().get(r.layers().size() - 1).outputs();

        String stem = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        Emulator.Builder b = Emulator.builder().name(stem)
                .inputNormalisation(r.inputNormalisation())
                .outputDenormalisation(r.outputDenormalisation());
        r.layers().forEach(b::layer);
        b.metadata("source", file.getFileName().toString());
        if (!model.getProducerName().isEmpty()) {
            b.metadata("producer", (model.getProducerName() + " " + model.getProducerVersion()).trim());
        }
        if (sidecar == null) {
            for (int i = 0; i < inputWidth; i++) {
                b.input(Variable.of("x" + i, "1"));
            }
            for (int j = 0; j < outputWidth; j++) {
                b.output(Variable.of("y" + j, "1"));
            }
            b.metadata("sidecar", "none: names x0.., y0.. and units '1' were assumed");
            return b.build();
        }
        if (sidecar.inputs().size() != inputWidth) {
            throw new IllegalArgumentException("the sidecar names " + sidecar.inputs().size() + " inputs but the "
                    + "graph takes " + inputWidth + " features per row");
        }
        if (sidecar.outputs().size() != outputWidth) {
            throw new IllegalArgumentException("the sidecar names " + sidecar.outputs().size() + " outputs but the "
                    + "graph gives " + outputWidth + " per row");
        }
        b.inputs(sidecar.inputs()).outputs(sidecar.outputs());
        if (sidecar.name() != null) {
            b.name(sidecar.name());
        }
        if (!sidecar.description().isEmpty()) {
            b.metadata("description", sidecar.description());
        }
        sidecar.metadata().forEach(b::metadata);
        return withSidecarNormalisation(b.build(), sidecar);
    }

    /**
     * Composes normalisation the sidecar says is done outside the graph with the graph's own:
     * ((x - a)/s - o)/t = (x - (a + o*s)) / (s*t) on the input side, and likewise on the output.
     */
    private static Emulator withSidecarNormalisation(Emulator e, ModelSidecar sidecar) {
        if (sidecar.inputNormalisation() == null && sidecar.outputDenormalisation() == null) {
            return e;
        }
        Emulator.Builder b = e.toBuilder();
        if (sidecar.inputNormalisation() != null) {
            FeatureAffine outer = sidecar.inputNormalisation();
            FeatureAffine inner = e.inputNormalisation();
            float[] off = new float[outer.size()];
            float[] sc = new float[outer.size()];
            for (int i = 0; i < off.length; i++) {
                off[i] = (float) (outer.offset(i) + (double) inner.offset(i) * outer.scale(i));
                sc[i] = (float) ((double) outer.scale(i) * inner.scale(i));
            }
            b.inputNormalisation(FeatureAffine.of(off, sc, "input normalisation"));
        }
        if (sidecar.outputDenormalisation() != null) {
            FeatureAffine outer = sidecar.outputDenormalisation();
            FeatureAffine inner = e.outputDenormalisation();
            float[] off = new float[outer.size()];
            float[] sc = new float[outer.size()];
            for (int j = 0; j < off.length; j++) {
                off[j] = (float) ((double) inner.offset(j) * outer.scale(j) + outer.offset(j));
                sc[j] = (float) ((double) inner.scale(j) * outer.scale(j));
            }
            b.outputDenormalisation(FeatureAffine.of(off, sc, "output de-normalisation"));
        }
        return b.build();
    }

    static ValueInfoProto singleInput(GraphProto g, Set<String> initializers) {
        List<ValueInfoProto> dynamic = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!initializers.contains(v.getName())) {
                dynamic.add(v);
            }
        }
        if (dynamic.size() != 1) {
            List<String> names = new ArrayList<>();
            dynamic.forEach(v -> names.add(v.getName()));
            throw new IllegalArgumentException("the graph has " + dynamic.size() + " inputs " + names
                    + "; an emulator takes one [members, features] tensor");
        }
        return dynamic.get(0);
    }

    static int featureCount(ValueInfoProto input) {
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        if (shape.getDimCount() != 2 || !shape.getDim(1).hasDimValue() || shape.getDim(1).getDimValue() <= 0) {
            throw new IllegalArgumentException("input '" + input.getName() + "' must have shape [members, features] "
                    + "with a fixed feature count, found " + shape.getDimList().stream()
                            .map(d -> d.hasDimValue() ? Long.toString(d.getDimValue()) : d.getDimParam()).toList());
        }
        return Math.toIntExact(shape.getDim(1).getDimValue());
    }

    private static OnnxConstant constantNode(NodeProto node) {
        String what = "node '" + node.getName() + "' (Constant)";
        for (AttributeProto a : node.getAttributeList()) {
            switch (a.getName()) {
                case "value":
                    return OnnxConstant.decode(a.getT(), what);
                case "value_float":
                    return OnnxConstant.scalar(a.getF());
                case "value_floats":
                    return OnnxConstant.vector(a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
                case "value_int":
                    return OnnxConstant.scalar(a.getI());
                case "value_ints":
                    return OnnxConstant.vector(a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray());
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(what + " has no numeric value");
    }

    /** Applies one node to the chain and returns the name of the chain's new end. */
    private static String apply(NodeProto node, String current, Map<String, OnnxConstant> constants,
            LayerFolder folder) {
        String op = node.getOpType();
        String what = "node '" + node.getName() + "' (" + op + ")";
        if (!SUPPORTED.contains(op)) {
            throw new IllegalArgumentException(what + ": unsupported operator; an emulator supports " + SUPPORTED);
        }
        if (node.getOutputCount() < 1) {
            throw new IllegalArgumentException(what + " has no output");
        }
        int dynamicAt = -1;
        List<OnnxConstant> consts = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            String in = node.getInput(i);
            if (in.isEmpty()) {
                continue;
            }
            if (in.equals(current) && dynamicAt < 0) {
                dynamicAt = i;
            } else if (constants.containsKey(in)) {
                consts.add(constants.get(in));
            } else {
                throw new IllegalArgumentException(what + " reads '" + in + "', which is neither a constant nor the "
                        + "single chain of layers; branching graphs are not MLP emulators");
            }
        }
        if (dynamicAt < 0) {
            throw new IllegalArgumentException(what + " does not act on the chain of layers ('" + current + "')");
        }
        String out = node.getOutput(0);
        switch (op) {
            case "Identity":
                return out;
            case "Cast":
                long to = intAttribute(node, "to", 1);
                if (to != 1) {
                    throw new IllegalArgumentException(what + ": casts to element type " + to + "; only float (1) "
                            + "keeps the emulator in float32");
                }
                return out;
            case "Flatten":
                long axis = intAttribute(node, "axis", 1);
                if (axis != 1 && axis != -1) {
                    throw new IllegalArgumentException(what + ": axis " + axis + " would not keep a row a row");
                }
                return out;
            case "Reshape":
                checkReshape(what, consts, folder.width());
                return out;
            case "Gemm":
                gemm(node, what, dynamicAt, consts, folder);
                return out;
            case "MatMul":
                matMul(what, dynamicAt, consts, folder);
                return out;
            case "Add":
            case "Sub":
            case "Mul":
            case "Div":
                elementwise(op, what, dynamicAt, consts, folder);
                return out;
            case "Elu":
                folder.activation(Activation.elu(floatAttribute(node, "alpha", 1f)));
                return out;
            default:
                folder.activation(Activation.parse(op));
                return out;
        }
    }

    private static void checkReshape(String what, List<OnnxConstant> consts, int width) {
        if (consts.size() != 1 || consts.get(0).rank() != 1 || consts.get(0).dim(0) != 2) {
            throw new IllegalArgumentException(what + ": only a reshape to [-1, features] keeps a row a row");
        }
        double[] target = consts.get(0).values();
        boolean keepsRows = (target[0] == -1 || target[0] == 0) && (target[1] == width || target[1] == -1);
        if (!keepsRows) {
            throw new IllegalArgumentException(what + ": reshape to [" + (long) target[0] + ", " + (long) target[1]
                    + "] would not keep a row of " + width + " features a row");
        }
    }

    private static void gemm(NodeProto node, String what, int dynamicAt, List<OnnxConstant> consts,
            LayerFolder folder) {
        if (dynamicAt != 0 || intAttribute(node, "transA", 0) != 0) {
            throw new IllegalArgumentException(what + ": the chain must be the untransposed first operand A");
        }
        if (consts.isEmpty()) {
            throw new IllegalArgumentException(what + ": needs a constant weight matrix B");
        }
        OnnxConstant bMat = consts.get(0);
        if (bMat.rank() != 2) {
            throw new IllegalArgumentException(what + ": weight matrix B has rank " + bMat.rank() + ", expected 2");
        }
        boolean transB = intAttribute(node, "transB", 0) != 0;
        double alpha = floatAttribute(node, "alpha", 1f);
        double beta = floatAttribute(node, "beta", 1f);
        int in = (int) (transB ? bMat.dim(1) : bMat.dim(0));
        int out = (int) (transB ? bMat.dim(0) : bMat.dim(1));
        double[] src = bMat.values();
        double[] w = new double[in * out];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                double v = transB ? src[j * in + k] : src[k * out + j];
                w[j * in + k] = alpha == 1 ? v : alpha * v;
            }
        }
        double[] b = new double[out];
        if (consts.size() > 1) {
            double[] c = consts.get(1).broadcastToRow(out, what + " bias C");
            for (int j = 0; j < out; j++) {
                b[j] = beta == 1 ? c[j] : beta * c[j];
            }
        }
        folder.linear(w, b, in, out, what);
    }

    private static void matMul(String what, int dynamicAt, List<OnnxConstant> consts, LayerFolder folder) {
        if (dynamicAt != 0 || consts.size() != 1 || consts.get(0).rank() != 2) {
            throw new IllegalArgumentException(what + ": expected the chain times a constant 2-D weight matrix");
        }
        OnnxConstant m = consts.get(0);
        int in = (int) m.dim(0);
        int out = (int) m.dim(1);
        double[] src = m.values();
        double[] w = new double[in * out];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                w[j * in + k] = src[k * out + j];
            }
        }
        folder.linear(w, new double[out], in, out, what);
    }

    private static void elementwise(String op, String what, int dynamicAt, List<OnnxConstant> consts,
            LayerFolder folder) {
        if (consts.size() != 1) {
            throw new IllegalArgumentException(what + ": expected the chain and one constant");
        }
        double[] c = consts.get(0).broadcastToRow(folder.width(), what);
        boolean constantFirst = dynamicAt != 0;
        switch (op) {
            case "Add":
                folder.add(c);
                break;
            case "Sub":
                folder.subtract(c, constantFirst);
                break;
            case "Mul":
                folder.multiply(c);
                break;
            default:
                if (constantFirst) {
                    throw new IllegalArgumentException(what + ": a constant divided by the features is not an affine "
                            + "map");
                }
                folder.divide(c, what);
                break;
        }
    }

    private static long intAttribute(NodeProto node, String name, long fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    private static float floatAttribute(NodeProto node, String name, float fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }
}
