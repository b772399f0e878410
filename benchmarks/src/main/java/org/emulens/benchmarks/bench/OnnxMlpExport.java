package org.emulens.benchmarks.bench;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.FeatureAffine;

/**
 * Writes an {@link Emulator} as an ONNX graph that computes what it computes: {@code Sub}/{@code Div} for the
 * input normalisation, one {@code Gemm} (weights {@code [out, in]}, {@code transB = 1}) and one activation node
 * per layer, {@code Mul}/{@code Add} for the output denormalisation; an identity affine writes no node. The
 * batch dimension is symbolic, so one graph serves every batch size.
 *
 * <p>It exists so that ONNX Runtime can run the built-in benchmark shapes, which have no file, and so that a
 * model given with a sidecar normalisation is compared on the same arithmetic rather than on its bare graph.
 */
public final class OnnxMlpExport {
    /** IR 8 with opset 17: read by every ONNX Runtime since 1.14. */
    private static final long IR_VERSION = 8;
    private static final long OPSET = 17;

    private OnnxMlpExport() {
    }

    /** The serialised model. */
    public static byte[] toBytes(Emulator e) {
        return model(e).toByteArray();
    }

    static ModelProto model(Emulator e) {
        GraphProto.Builder g = GraphProto.newBuilder().setName(e.name());
        g.addInput(floatMatrix("x", e.inputCount()));
        String current = "x";
        FeatureAffine in = e.inputNormalisation();
        if (!in.isIdentity()) {
            g.addInitializer(floats("in_offset", new long[] {e.inputCount()}, in.offsets()));
            g.addInitializer(floats("in_scale", new long[] {e.inputCount()}, in.scales()));
            g.addNode(node("Sub", "in_centred", current, "in_offset"));
            g.addNode(node("Div", "in_normalised", "in_centred", "in_scale"));
            current = "in_normalised";
        }
        int l = 0;
        for (DenseLayer d : e.layers()) {
            String w = "w" + l;
            String b = "b" + l;
            g.addInitializer(floats(w, new long[] {d.outputs(), d.inputs()}, d.weights()));
            g.addInitializer(floats(b, new long[] {d.outputs()}, d.biases()));
            String z = "z" + l;
            g.addNode(node("Gemm", z, current, w, b).toBuilder().addAttribute(intAttribute("transB", 1)));
            current = z;
            if (d.activation().kind() != Activation.Kind.IDENTITY) {
                String a = "a" + l;
                g.addNode(activation(d.activation(), current, a));
                current = a;
            }
            l++;
        }
        FeatureAffine out = e.outputDenormalisation();
        if (!out.isIdentity()) {
            g.addInitializer(floats("out_scale", new long[] {e.outputCount()}, out.scales()));
            g.addInitializer(floats("out_offset", new long[] {e.outputCount()}, out.offsets()));
            g.addNode(node("Mul", "out_scaled", current, "out_scale"));
            g.addNode(node("Add", "out_denormalised", "out_scaled", "out_offset"));
            current = "out_denormalised";
        }
        g.addNode(node("Identity", "y", current));
        g.addOutput(floatMatrix("y", e.outputCount()));
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("emulens bench")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(g).build();
    }

    private static NodeProto activation(Activation a, String input, String output) {
        switch (a.kind()) {
            case TANH:
                return node("Tanh", output, input);
            case RELU:
                return node("Relu", output, input);
            case SIGMOID:
                return node("Sigmoid", output, input);
            case SOFTPLUS:
                return node("Softplus", output, input);
            case ELU:
                return node("Elu", output, input).toBuilder().addAttribute(AttributeProto.newBuilder().setName("alpha")
                        .setType(AttributeProto.AttributeType.FLOAT).setF(a.alpha())).build();
            default:
                throw new IllegalArgumentException("activation: expected tanh, relu, sigmoid, softplus or elu, found "
                        + a.label());
        }
    }

    private static NodeProto node(String op, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n.build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(raw.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float tensor of shape {@code [N, width]} with a symbolic batch size. */
    private static ValueInfoProto floatMatrix(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
