#!/usr/bin/python3
"""Writes the small tree-ensemble and Gaussian-process files that seed the engine's fuzz tests.

Usage: /usr/bin/python3 scripts/train/make_fuzz_seeds.py

Needs python3-onnx and python3-numpy. The fitted fixtures of make_family_fixtures.py are tens of
kilobytes; these are a few hundred bytes each, so that the fuzzer's mutations are quick and reach every
field. Written into the seed folders of OnnxImporterFuzzTest and GaussianProcessFileFuzzTest:

- ``seed_tree_tiny``: a TreeEnsembleRegressor (ai.onnx.ml opset 3) of two trees on two inputs,
  BRANCH_LEQ and BRANCH_LT, a missing-value direction, aggregate AVERAGE, a base value, and the
  ``emulens.importances`` metadata entry.
- ``seed_gp_tiny``: a Gaussian process of two training points on two inputs (Matern 5/2), with its
  lower Cholesky factor computed here by numpy, names, units and metadata.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = os.path.join(HERE, "..", "..", "engine", "src", "test", "resources", "org", "emulens", "engine")


def tiny_tree():
    node = helper.make_node(
        "TreeEnsembleRegressor", ["X"], ["Y"], name="tiny", domain="ai.onnx.ml",
        n_targets=1, aggregate_function="AVERAGE", base_values=[0.5], post_transform="NONE",
        nodes_treeids=[0, 0, 0, 1, 1, 1], nodes_nodeids=[0, 1, 2, 0, 1, 2],
        nodes_featureids=[0, 0, 0, 1, 0, 0], nodes_values=[0.25, 0.0, 0.0, -1.5, 0.0, 0.0],
        nodes_modes=["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"],
        nodes_truenodeids=[1, 0, 0, 1, 0, 0], nodes_falsenodeids=[2, 0, 0, 2, 0, 0],
        nodes_missing_value_tracks_true=[0, 0, 0, 1, 0, 0],
        target_treeids=[0, 0, 1, 1], target_nodeids=[1, 2, 1, 2], target_ids=[0, 0, 0, 0],
        target_weights=[1.0, 2.0, -3.0, 4.0])
    graph = helper.make_graph(
        [node], "tiny",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 2])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, 1])])
    model = helper.make_model(graph, producer_name="emulens-fixtures", producer_version="1",
                              opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 3)])
    model.ir_version = 8
    helper.set_model_props(model, {"emulens.importances": "kind: impurity\nvalues: [0.75, 0.25]\n"})
    onnx.checker.check_model(model, full_check=True)
    return model.SerializeToString()


def matern52(r):
    s = np.sqrt(5.0) * r
    return (1 + s + s * s / 3) * np.exp(-s)


def tiny_gp():
    x = np.array([[0.0, 1.0], [0.5, -1.0]])
    scales = np.array([0.8, 2.0])
    variance = 1.5
    r = np.sqrt((((x[:, None, :] - x[None, :, :]) / scales) ** 2).sum(-1))
    k = variance * matern52(r) + 1e-4 * np.eye(2)
    chol = np.linalg.cholesky(k)
    y = np.array([0.3, -0.7])
    alpha = np.linalg.solve(k, y)
    rows = "\n".join("  - [%s]" % ", ".join(repr(float(v)) for v in chol[i, :i + 1]) for i in range(2))
    return ("format: emulens-gp-1\n"
            "name: tiny\n"
            "description: two points\n"
            "inputs:\n  - {name: a, units: \"1\"}\n  - {name: b, units: K, min: -2, max: 2}\n"
            "outputs:\n  - {name: y, units: kg m-2}\n"
            "kernel:\n  family: matern52\n  variance: %r\n  length_scales: [%r, %r]\n"
            "y_mean: 1.25\ny_std: 0.5\n"
            "training_inputs:\n  - [0.0, 1.0]\n  - [0.5, -1.0]\n"
            "alpha: [%r, %r]\n"
            "cholesky:\n%s\n"
            "metadata: {source_fit: tiny}\n") % (variance, scales[0], scales[1], alpha[0], alpha[1], rows)


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    write(os.path.join(ENGINE, "onnx", "OnnxImporterFuzzTestInputs", "importerFailsOnlyWithModelFormatException"),
          "seed_tree_tiny", tiny_tree())
    write(os.path.join(ENGINE, "gp", "GaussianProcessFileFuzzTestInputs", "gpFailsOnlyWithModelFormatException"),
          "seed_gp_tiny", tiny_gp().encode("utf-8"))


if __name__ == "__main__":
    main()
