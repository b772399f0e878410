"""A small reference evaluator for the ONNX operators that appear in MLP exports.

It gives expected outputs that depend neither on ONNX Runtime nor on the Java importer. Every
node reads float32 tensors, computes in float64 and rounds its result to float32 once, so the
reference is the ONNX semantics with each node's output correctly rounded, independent of how
a BLAS library would order its float32 sums.
"""

import numpy as np
from onnx import helper, numpy_helper


def _f32(a):
    return np.asarray(a, dtype=np.float64).astype(np.float32)


def _wide(a):
    return np.asarray(a).astype(np.float64)


def _attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _constant(attrs):
    if "value" in attrs:
        return numpy_helper.to_array(attrs["value"])
    if "value_float" in attrs:
        return np.array(attrs["value_float"], dtype=np.float32)
    if "value_floats" in attrs:
        return np.array(attrs["value_floats"], dtype=np.float32)
    if "value_int" in attrs:
        return np.array(attrs["value_int"], dtype=np.int64)
    if "value_ints" in attrs:
        return np.array(attrs["value_ints"], dtype=np.int64)
    raise NotImplementedError("Constant with attributes %s" % sorted(attrs))


def _gemm(a, b, c=None, alpha=1.0, beta=1.0, transA=0, transB=0):
    a, b = _wide(a), _wide(b)
    if transA:
        a = a.T
    if transB:
        b = b.T
    y = np.float64(np.float32(alpha)) * (a @ b)
    if c is not None:
        y = y + np.float64(np.float32(beta)) * _wide(c)
    return _f32(y)


def _reshape(x, shape):
    shape = [int(s) for s in shape]
    # ONNX (allowzero=0): a 0 copies the input's dimension at that position
    shape = [x.shape[i] if s == 0 else s for i, s in enumerate(shape)]
    return x.reshape(shape)


def _flatten(x, axis=1):
    outer = int(np.prod(x.shape[:axis], dtype=np.int64))
    return x.reshape(outer, -1)


def _softplus(x):
    x = _wide(x)
    return _f32(np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x))))


def _elu(x, alpha=1.0):
    x = _wide(x)
    return _f32(np.where(x > 0, x, np.float64(np.float32(alpha)) * np.expm1(np.minimum(x, 0.0))))


_CAST_TYPES = {1: np.float32, 6: np.int32, 7: np.int64, 11: np.float64}

_OPS = {
    "Identity": lambda x: x,
    "MatMul": lambda a, b: _f32(_wide(a) @ _wide(b)),
    "Gemm": _gemm,
    "Add": lambda a, b: _f32(_wide(a) + _wide(b)),
    "Sub": lambda a, b: _f32(_wide(a) - _wide(b)),
    "Mul": lambda a, b: _f32(_wide(a) * _wide(b)),
    "Div": lambda a, b: _f32(_wide(a) / _wide(b)),
    "Tanh": lambda x: _f32(np.tanh(_wide(x))),
    "Relu": lambda x: _f32(np.maximum(_wide(x), 0.0)),
    "Sigmoid": lambda x: _f32(1.0 / (1.0 + np.exp(-_wide(x)))),
    "Softplus": _softplus,
    "Elu": _elu,
    "Reshape": _reshape,
    "Flatten": _flatten,
    "Cast": lambda x, to: np.asarray(x).astype(_CAST_TYPES[to]),
}


def run(model, feeds):
    """Evaluates model (an onnx.ModelProto) on feeds {input name: array}; returns the graph outputs in order."""
    values = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    values.update(feeds)
    for node in model.graph.node:
        attrs = _attrs(node)
        if node.op_type == "Constant":
            result = _constant(attrs)
        elif node.op_type in _OPS:
            args = [values[name] if name else None for name in node.input]
            result = _OPS[node.op_type](*args, **attrs)
        else:
            raise NotImplementedError("no reference for op %s (node %r)" % (node.op_type, node.name))
        values[node.output[0]] = result
    return [values[out.name] for out in model.graph.output]


def op_types(model):
    """The distinct op types in graph order, e.g. ['Sub', 'Div', 'Gemm', 'Tanh', ...]."""
    seen = []
    for node in model.graph.node:
        if node.op_type not in seen:
            seen.append(node.op_type)
    return seen
