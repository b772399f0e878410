"""Writers for the files that sit beside an emulator's ONNX graph: the YAML sidecar, CSV tables
of inputs and outputs, and the provenance hash.

Only numpy is needed here, so that every script in this folder can import it before deciding
whether torch is available.
"""

import hashlib
import json
import re
import struct

import numpy as np

MAGIC = b"emulens-model-v1"

# Plain (unquoted) YAML scalars are kept to this conservative alphabet; anything else is written
# double-quoted, which YAML reads exactly like a JSON string.
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_ .,()/+-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def yaml_string(s):
    s = str(s)
    if _PLAIN.match(s) and not s.endswith(" ") and s.lower() not in _YAML_WORDS:
        return s
    return json.dumps(s, ensure_ascii=False)


def yaml_float(v):
    # PyYAML (YAML 1.1) and other readers only take a number as a float when it has a '.'
    s = repr(float(v))
    if "e" in s and "." not in s.split("e")[0]:
        mantissa, exponent = s.split("e")
        s = mantissa + ".0e" + exponent
    return s


def _yaml_float_list(values):
    return "[" + ", ".join(yaml_float(v) for v in values) + "]"


def write_sidecar(path, name, description, inputs, outputs, metadata,
                  input_normalisation=None, output_denormalisation=None):
    """Writes the sidecar YAML read by the Java side.

    inputs/outputs are lists of dicts with name, units, description and, for inputs, optionally
    min/max. metadata values are written as strings. The normalisation arguments, when given, are
    (offsets, scales) pairs for normalisation done outside the ONNX graph.
    """
    lines = ["name: " + yaml_string(name), "description: " + yaml_string(description)]
    for key, items in (("inputs", inputs), ("outputs", outputs)):
        lines.append(key + ":")
        for item in items:
            lines.append("  - name: " + yaml_string(item["name"]))
            lines.append("    units: " + yaml_string(item["units"]))
            for bound in ("min", "max"):
                if item.get(bound) is not None:
                    lines.append("    %s: %s" % (bound, yaml_float(item[bound])))
            if item.get("description"):
                lines.append("    description: " + yaml_string(item["description"]))
    for key, affine in (("input_normalisation", input_normalisation),
                        ("output_denormalisation", output_denormalisation)):
        if affine is not None:
            offsets, scales = affine
            lines.append(key + ":")
            lines.append("  offset: " + _yaml_float_list(offsets))
            lines.append("  scale: " + _yaml_float_list(scales))
    if metadata:
        lines.append("metadata:")
        for k, v in metadata.items():
            lines.append("  %s: %s" % (k, json.dumps(str(v), ensure_ascii=False)))
    text = "\n".join(lines) + "\n"
    _check_sidecar_parses(text, name, inputs, outputs, metadata)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _check_sidecar_parses(text, name, inputs, outputs, metadata):
    """Reads the sidecar back when PyYAML is present, so a quoting mistake fails here, not in Java."""
    try:
        import yaml
    except ImportError:
        return
    doc = yaml.safe_load(text)
    assert doc["name"] == name, doc["name"]
    for key, items in (("inputs", inputs), ("outputs", outputs)):
        for got, want in zip(doc[key], items, strict=True):
            assert got["name"] == want["name"] and got["units"] == want["units"], got
            for bound in ("min", "max"):
                if want.get(bound) is not None:
                    assert isinstance(got[bound], float) and got[bound] == float(want[bound]), got
    for k, v in (metadata or {}).items():
        assert doc["metadata"][k] == str(v), k


def write_csv(path, header, rows):
    """Writes rows of numbers with '%.9g', which round-trips every float32 exactly."""
    rows = np.asarray(rows, dtype=np.float32)
    assert rows.ndim == 2 and rows.shape[1] == len(header), (rows.shape, header)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join("%.9g" % float(v) for v in row) + "\n")


def read_csv(path):
    with open(path, encoding="ascii") as f:
        header = f.readline().strip().split(",")
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    return header, np.asarray(rows, dtype=np.float32)


class CanonicalLayer:
    """One dense layer as the Java engine sees it: y = act(W x + b), W shaped [outputs][inputs]."""

    def __init__(self, weights, biases, kind, alpha=0.0):
        self.weights = np.asarray(weights, dtype=np.float32)
        self.biases = np.asarray(biases, dtype=np.float32).reshape(-1)
        assert self.weights.ndim == 2 and self.weights.shape[0] == self.biases.size
        self.kind = kind
        # The engine stores alpha for ELU only and 0 for every other activation.
        self.alpha = float(alpha) if kind == "elu" else 0.0


def canonical_bytes(in_offset, in_scale, layers, out_offset, out_scale):
    """The byte layout hashed by org.emulens.engine.ModelHash (see scripts/train/README.md).

    An absent normalisation is passed as offset 0 and scale 1 per feature, which is how the
    engine represents it.
    """
    def i32(v):
        return struct.pack("<i", int(v))

    def f32(values):
        return np.asarray(values, dtype="<f4").reshape(-1).tobytes()

    def affine(offset, scale):
        offset = np.asarray(offset, dtype=np.float32).reshape(-1)
        scale = np.asarray(scale, dtype=np.float32).reshape(-1)
        assert offset.shape == scale.shape
        return i32(offset.size) + f32(np.stack([offset, scale], axis=1))

    out = bytearray(MAGIC)
    out += affine(in_offset, in_scale)
    out += i32(len(layers))
    for layer in layers:
        n_out, n_in = layer.weights.shape
        kind = layer.kind.lower().encode("ascii")
        out += i32(n_in) + i32(n_out) + i32(len(kind)) + kind
        out += f32([layer.alpha]) + f32(layer.weights) + f32(layer.biases)
    out += affine(out_offset, out_scale)
    return bytes(out)


def model_sha256(in_offset, in_scale, layers, out_offset, out_scale):
    return hashlib.sha256(canonical_bytes(in_offset, in_scale, layers, out_offset, out_scale)).hexdigest()


def write_sha256(path, hex_digest):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(hex_digest + "\n")
