#!/usr/bin/python3
"""Writes the ONNX importer fixtures in engine/src/test/resources/onnx/.

Each graph is assembled with onnx.helper in the shape a real exporter produces (tf2onnx for
Keras, skl2onnx for scikit-learn, hand-written Gemm variants) so that the Java importer is
tested on those patterns without any of those tools being installed. For the graphs it should
accept, the expected outputs come from onnx_numpy, a reference evaluator independent of both
the Java importer and ONNX Runtime.

Run from anywhere: /usr/bin/python3 scripts/train/make_onnx_fixtures.py
The fixed seed makes every run write the same bytes.
"""

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import onnx_numpy
from emulens_files import write_csv

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "engine", "src", "test", "resources", "onnx"))
SEED = 20240517
ROWS = 64
OPSET = 13


def dense(rng, n_in, n_out, gain=1.0):
    """Weights [n_in, n_out] as MatMul uses them, scaled so tanh and sigmoid are not saturated."""
    w = gain * rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)
    b = 0.3 * rng.standard_normal(n_out)
    return w.astype(np.float32), b.astype(np.float32)


def raw(name, array):
    """An initializer in raw_data, as tf2onnx and torch write them."""
    return numpy_helper.from_array(np.asarray(array), name)


def typed_floats(name, array):
    """An initializer in float_data, as skl2onnx writes them."""
    array = np.asarray(array, dtype=np.float32)
    return helper.make_tensor(name, TensorProto.FLOAT, array.shape, array.reshape(-1).tolist(), raw=False)


def model_of(graph, producer, version, **kwargs):
    model = helper.make_model(graph, producer_name=producer, producer_version=version,
                              opset_imports=[helper.make_opsetid("", OPSET)], **kwargs)
    model.ir_version = 7
    onnx.checker.check_model(model, full_check=True)
    return model


def float_input(name, width, batch):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, [batch, width])


def keras_style(rng):
    """tf2onnx's rendering of Sequential([Dense(16, tanh), Dense(12, relu), Dense(2)])."""
    sizes, acts = [4, 16, 12, 2], ["Tanh", "Relu", None]
    nodes, inits = [], []
    x = "dense_input"
    for k, (n_in, n_out, act) in enumerate(zip(sizes[:-1], sizes[1:], acts)):
        scope = "sequential/dense" + ("_%d" % k if k else "")
        w, b = dense(rng, n_in, n_out)
        inits += [raw(scope + "/MatMul/ReadVariableOp:0", w), raw(scope + "/BiasAdd/ReadVariableOp:0", b)]
        nodes.append(helper.make_node("MatMul", [x, scope + "/MatMul/ReadVariableOp:0"], [scope + "/MatMul:0"],
                                      name=scope + "/MatMul"))
        nodes.append(helper.make_node("Add", [scope + "/MatMul:0", scope + "/BiasAdd/ReadVariableOp:0"],
                                      [scope + "/BiasAdd:0"], name=scope + "/BiasAdd"))
        x = scope + "/BiasAdd:0"
        if act:
            nodes.append(helper.make_node(act, [x], [scope + "/" + act + ":0"], name=scope + "/" + act))
            x = scope + "/" + act + ":0"
    nodes.append(helper.make_node("Identity", [x], ["dense_2"], name="Identity"))
    graph = helper.make_graph(nodes, "tf2onnx", [float_input("dense_input", 4, "unk__12")],
                              [helper.make_tensor_value_info("dense_2", TensorProto.FLOAT, ["unk__13", 2])], inits)
    return model_of(graph, "tf2onnx", "1.9.3 1190aa")


def sklearn_style(rng):
    """skl2onnx's rendering of MLPRegressor(hidden_layer_sizes=(10, 8), activation="relu")."""
    sizes = [5, 10, 8, 1]
    nodes = [helper.make_node("Cast", ["X"], ["cast_input"], name="Cast", to=TensorProto.FLOAT)]
    inits = []
    x = "cast_input"
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        suffix = str(k) if k else ""
        w, b = dense(rng, n_in, n_out)
        # skl2onnx stores intercepts as a [1, n] row
        inits += [typed_floats("coefficient" + suffix, w), typed_floats("intercepts" + suffix, b.reshape(1, -1))]
        last = k == len(sizes) - 2
        nodes.append(helper.make_node("MatMul", [x, "coefficient" + suffix], ["mul_result" + suffix],
                                      name="MatMul" + suffix))
        added = "out_activations_result" if last else "add_result" + suffix
        nodes.append(helper.make_node("Add", ["mul_result" + suffix, "intercepts" + suffix], [added],
                                      name="Add" + suffix))
        x = added
        if not last:
            nodes.append(helper.make_node("Relu", [x], ["next_activations" + suffix], name="Relu" + suffix))
            x = "next_activations" + suffix
    inits.append(helper.make_tensor("shape_tensor", TensorProto.INT64, [2], [-1, 1]))
    nodes.append(helper.make_node("Reshape", [x, "shape_tensor"], ["variable"], name="Reshape"))
    # skl2onnx leaves the batch dimension with neither a value nor a name
    graph = helper.make_graph(nodes, "mlp_regressor", [float_input("X", 5, None)],
                              [helper.make_tensor_value_info("variable", TensorProto.FLOAT, [None, 1])], inits)
    return model_of(graph, "skl2onnx", "1.11.1", domain="ai.onnx", model_version=0)


def gemm_variants(rng):
    """Gemm in its less common forms, constants from a Constant node, affine maps that the
    importer has to fold: Flatten, x - c (scalar), * s (per feature, [1, d]), Gemm(alpha, beta,
    transB=1), Softplus, Gemm(transB=0) with Constant weights, Elu, / d ([1, h]), Gemm with
    transB left at its default and a [1, n] bias, Sigmoid, Gemm(transB=1)."""
    w0, b0 = dense(rng, 5, 8)
    w1, b1 = dense(rng, 8, 6)
    # larger gains after the squashing layers keep the outputs spread out, so that a wrongly
    # folded constant shows up as a clear difference
    w2, b2 = dense(rng, 6, 4, gain=3.0)
    w3, b3 = dense(rng, 4, 2, gain=4.0)
    centre = np.array(0.25, dtype=np.float32)
    scale = rng.uniform(0.5, 2.0, (1, 5)).astype(np.float32)
    divisor = rng.uniform(0.5, 2.0, (1, 6)).astype(np.float32)
    inits = [raw("centre", centre), raw("scale", scale), raw("w0", w0.T), raw("b0", b0), raw("divisor", divisor),
             raw("w2", w2), raw("b2", b2.reshape(1, -1)), raw("w3", w3.T), raw("b3", b3)]
    nodes = [
        helper.make_node("Flatten", ["input"], ["flat"], name="flatten", axis=1),
        helper.make_node("Sub", ["flat", "centre"], ["centred"], name="sub_centre"),
        helper.make_node("Mul", ["centred", "scale"], ["scaled"], name="mul_scale"),
        helper.make_node("Gemm", ["scaled", "w0", "b0"], ["g0"], name="gemm_0", alpha=0.5, beta=2.0, transB=1),
        helper.make_node("Softplus", ["g0"], ["h0"], name="softplus_0"),
        helper.make_node("Constant", [], ["w1"], name="const_w1", value=raw("w1_value", w1)),
        helper.make_node("Constant", [], ["b1"], name="const_b1", value=raw("b1_value", b1)),
        helper.make_node("Gemm", ["h0", "w1", "b1"], ["g1"], name="gemm_1", transB=0),
        helper.make_node("Elu", ["g1"], ["h1"], name="elu_1", alpha=0.7),
        helper.make_node("Div", ["h1", "divisor"], ["h1_scaled"], name="div_between"),
        helper.make_node("Gemm", ["h1_scaled", "w2", "b2"], ["g2"], name="gemm_2"),
        helper.make_node("Sigmoid", ["g2"], ["h2"], name="sigmoid_2"),
        helper.make_node("Gemm", ["h2", "w3", "b3"], ["output"], name="gemm_3", transB=1),
    ]
    graph = helper.make_graph(nodes, "gemm_variants", [float_input("input", 5, "N")],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 2])], inits)
    return model_of(graph, "emulens-fixtures", "1")


def unsupported_op(rng):
    """A well-formed MLP whose output goes through Softmax, an op the importer has no layer for.
    Softmax mixes the features of a row, so it cannot be an element-wise activation; unlike Conv
    or LSTM it is valid on the [N, d] tensors of an MLP, so the graph is a model ONNX Runtime
    would run and the only reason to reject it is the op."""
    w0, b0 = dense(rng, 3, 8)
    w1, b1 = dense(rng, 8, 4)
    inits = [raw("w0", w0), raw("b0", b0), raw("w1", w1), raw("b1", b1)]
    nodes = [
        helper.make_node("MatMul", ["x", "w0"], ["m0"], name="matmul_0"),
        helper.make_node("Add", ["m0", "b0"], ["a0"], name="add_0"),
        helper.make_node("Tanh", ["a0"], ["h0"], name="tanh_0"),
        helper.make_node("MatMul", ["h0", "w1"], ["m1"], name="matmul_1"),
        helper.make_node("Add", ["m1", "b1"], ["logits"], name="add_1"),
        helper.make_node("Softmax", ["logits"], ["y"], name="unsupported_node", axis=1),
    ]
    graph = helper.make_graph(nodes, "unsupported_op", [float_input("x", 3, "N")],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])], inits)
    return model_of(graph, "emulens-fixtures", "1")


def two_inputs(rng):
    """Two batch inputs added together before an MLP: not a single-row MLP, to be rejected."""
    w0, b0 = dense(rng, 3, 8)
    w1, b1 = dense(rng, 8, 1)
    inits = [raw("w0", w0), raw("b0", b0), raw("w1", w1), raw("b1", b1)]
    nodes = [
        helper.make_node("Add", ["a", "b"], ["ab"], name="add_inputs"),
        helper.make_node("MatMul", ["ab", "w0"], ["m0"], name="matmul_0"),
        helper.make_node("Add", ["m0", "b0"], ["a0"], name="add_0"),
        helper.make_node("Tanh", ["a0"], ["h0"], name="tanh_0"),
        helper.make_node("MatMul", ["h0", "w1"], ["m1"], name="matmul_1"),
        helper.make_node("Add", ["m1", "b1"], ["y"], name="add_1"),
    ]
    graph = helper.make_graph(nodes, "two_inputs", [float_input("a", 3, "N"), float_input("b", 3, "N")],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 1])], inits)
    return model_of(graph, "emulens-fixtures", "1")


def direct_forward(name, model, x):
    """The same networks written out by hand in float64, to catch a fixture that is not what its
    builder meant (a wrong transpose, a missed bias) before expected values are written."""
    p = {i.name: numpy_helper.to_array(i).astype(np.float64) for i in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant":
            p[node.output[0]] = numpy_helper.to_array(node.attribute[0].t).astype(np.float64)
    x = x.astype(np.float64)
    if name == "keras_style":
        layer = lambda h, s: h @ p["sequential/dense%s/MatMul/ReadVariableOp:0" % s] \
            + p["sequential/dense%s/BiasAdd/ReadVariableOp:0" % s]
        return layer(np.maximum(layer(np.tanh(layer(x, "")), "_1"), 0.0), "_2")
    if name == "sklearn_style":
        relu = lambda v: np.maximum(v, 0.0)
        h = relu(x @ p["coefficient"] + p["intercepts"])
        h = relu(h @ p["coefficient1"] + p["intercepts1"])
        return h @ p["coefficient2"] + p["intercepts2"]
    if name == "gemm_variants":
        h = (x - p["centre"]) * p["scale"]
        h = np.logaddexp(0.0, 0.5 * h @ p["w0"].T + 2.0 * p["b0"])
        g = h @ p["w1"] + p["b1"]
        h = np.where(g > 0, g, 0.7 * np.expm1(np.minimum(g, 0.0))) / p["divisor"]
        h = 1.0 / (1.0 + np.exp(-(h @ p["w2"] + p["b2"])))
        return h @ p["w3"].T + p["b3"]
    raise KeyError(name)


def main():
    rng = np.random.default_rng(SEED)
    os.makedirs(OUT, exist_ok=True)
    builders = [("keras_style", keras_style, True), ("sklearn_style", sklearn_style, True),
                ("gemm_variants", gemm_variants, True), ("unsupported_op", unsupported_op, False),
                ("two_inputs", two_inputs, False)]
    for name, build, valid in builders:
        model = build(rng)
        path = os.path.join(OUT, name + ".onnx")
        with open(path, "wb") as f:
            f.write(model.SerializeToString())
        print("%-14s %6d bytes  ops %s" % (name + ".onnx", os.path.getsize(path), onnx_numpy.op_types(model)))
        if not valid:
            continue
        (graph_input,) = model.graph.input
        width = graph_input.type.tensor_type.shape.dim[1].dim_value
        x = rng.standard_normal((ROWS, width)).astype(np.float32)
        (y,) = onnx_numpy.run(model, {graph_input.name: x})
        direct = direct_forward(name, model, x)
        assert y.shape == direct.shape and np.allclose(y, direct, rtol=1e-5, atol=1e-6), name
        write_csv(os.path.join(OUT, name + ".inputs.csv"), ["in%d" % i for i in range(width)], x)
        write_csv(os.path.join(OUT, name + ".expected.csv"), ["out%d" % i for i in range(y.shape[1])], y)
        print("%-14s %d rows, outputs in [%.3g, %.3g]" % ("", ROWS, y.min(), y.max()))


if __name__ == "__main__":
    main()
