#!/usr/bin/python3
"""Writes the tree-ensemble and Gaussian-process fixtures in engine/src/test/resources/families/.

Tree ensembles: a scikit-learn RandomForestRegressor and GradientBoostingRegressor and an XGBoost
XGBRegressor are fitted to one synthetic data set and written as ONNX-ML TreeEnsembleRegressor
graphs (ai.onnx.ml opset 3) with onnx.helper: the node arrays are filled here from each library's
own tree structures, as skl2onnx and onnxmltools would. Before writing, each graph is evaluated with
a plain numpy walk of the node arrays and checked against the library's own predictions, so a
mistake in this converter cannot pass silently. The Java tests compare the engine with ONNX Runtime
on these graphs.

Gaussian processes: scikit-learn GaussianProcessRegressor fits with squared-exponential, Matern 3/2
and Matern 5/2 kernels (ARD length scales times a constant variance, normalize_y=True) are written
in the Emulens GP file format (docs/MODEL-FAMILIES.md), with held-out inputs and sklearn's predictive
mean and variance for them. For the variance-budget test, the expected input-driven and emulator
variance of a Gaussian input perturbation are computed by Gauss-Hermite quadrature over sklearn's
predictions.

Run from anywhere: /usr/bin/python3 scripts/train/make_family_fixtures.py
Needs python3-sklearn, python3-xgboost and python3-onnx. Fixed seeds: a re-run writes the same files.
"""

import hashlib
import json
import os
import struct

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Matern
import xgboost

from emulens_files import yaml_float

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "engine", "src", "test", "resources", "families"))
SEED = 20251125
D = 4
TEST_ROWS = 200


def target(x):
    return np.sin(2.0 * x[:, 0]) + 0.5 * x[:, 1] ** 2 + x[:, 2] * x[:, 3] + 0.3 * x[:, 3]


def write_csv(path, header, rows, fmt="%.9g"):
    """Numbers with '%.9g' (round-trips float32) or '%.17g' (float64); missing values as NaN."""
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row in np.asarray(rows, dtype=np.float64):
            f.write(",".join("NaN" if np.isnan(v) else fmt % v for v in row) + "\n")


def tree_data(rng):
    x = rng.uniform(-2.0, 2.0, size=(600, D)).astype(np.float32)
    y = target(x.astype(np.float64)) + 0.05 * rng.standard_normal(600)
    return x, y


def test_inputs(rng):
    x = rng.uniform(-2.2, 2.2, size=(TEST_ROWS, D)).astype(np.float32)
    # Missing values exercise nodes_missing_value_tracks_true (XGBoost's default directions).
    for row in range(0, TEST_ROWS, 17):
        x[row, row % D] = np.nan
    return x


class Nodes:
    """The node arrays of a TreeEnsembleRegressor, filled tree by tree."""

    def __init__(self):
        self.a = {k: [] for k in ("treeids", "nodeids", "featureids", "values", "modes", "true", "false", "missing")}
        self.targets = {k: [] for k in ("treeids", "nodeids", "ids", "weights")}

    def branch(self, tree, node, feature, threshold, mode, true_id, false_id, missing_true):
        self._node(tree, node, feature, threshold, mode, true_id, false_id, missing_true)

    def leaf(self, tree, node, weight):
        self._node(tree, node, 0, 0.0, "LEAF", 0, 0, 0)
        self.targets["treeids"].append(tree)
        self.targets["nodeids"].append(node)
        self.targets["ids"].append(0)
        self.targets["weights"].append(float(np.float32(weight)))

    def _node(self, tree, node, feature, threshold, mode, true_id, false_id, missing_true):
        a = self.a
        a["treeids"].append(tree)
        a["nodeids"].append(node)
        a["featureids"].append(int(feature))
        a["values"].append(float(np.float32(threshold)))
        a["modes"].append(mode)
        a["true"].append(int(true_id))
        a["false"].append(int(false_id))
        a["missing"].append(int(missing_true))

    def model(self, name, aggregate, base, post_transform="NONE", importances=None):
        a, t = self.a, self.targets
        node = helper.make_node(
            "TreeEnsembleRegressor", ["X"], ["Y"], name=name, domain="ai.onnx.ml",
            n_targets=1, aggregate_function=aggregate, base_values=[float(np.float32(base))],
            post_transform=post_transform,
            nodes_treeids=a["treeids"], nodes_nodeids=a["nodeids"], nodes_featureids=a["featureids"],
            nodes_values=a["values"], nodes_modes=a["modes"], nodes_truenodeids=a["true"],
            nodes_falsenodeids=a["false"], nodes_missing_value_tracks_true=a["missing"],
            target_treeids=t["treeids"], target_nodeids=t["nodeids"], target_ids=t["ids"],
            target_weights=t["weights"])
        graph = helper.make_graph(
            [node], name,
            [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, D])],
            [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, 1])])
        model = helper.make_model(graph, producer_name="emulens-fixtures", producer_version="1",
                                  opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 3)])
        model.ir_version = 8
        if importances is not None:
            kind, values = importances
            # What the fitting library reports, so that Emulens can show it beside the Sobol indices.
            text = "kind: %s\nvalues: [%s]\n" % (kind, ", ".join(yaml_float(v) for v in values))
            helper.set_model_props(model, {"emulens.importances": text})
        onnx.checker.check_model(model, full_check=True)
        return model

    def sha256(self, inputs, aggregate, base):
        """The model hash of docs/MODEL-HASH.md (tree ensembles), written from the document, not the Java."""
        a, t = self.a, self.targets
        n = len(a["treeids"])
        index = {(tr, nd): i for i, (tr, nd) in enumerate(zip(a["treeids"], a["nodeids"]))}
        children = set()
        for i in range(n):
            if a["modes"][i] != "LEAF":
                children.add(index[(a["treeids"][i], a["true"][i])])
                children.add(index[(a["treeids"][i], a["false"][i])])
        roots = {}
        for i in range(n):
            if i not in children:
                roots[a["treeids"][i]] = i
        per_leaf = {i: [] for i in range(n)}
        for w, (tr, nd) in enumerate(zip(t["treeids"], t["nodeids"])):
            per_leaf[index[(tr, nd)]].append(w)
        modes = ["LEAF", "BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ"]
        i32 = lambda v: struct.pack("<i", int(v))
        f32 = lambda v: struct.pack("<f", float(v))
        out = bytearray(b"emulens-trees-v1")
        out += i32(inputs) + i32(1) + i32(0 if aggregate == "SUM" else 1)
        out += i32(len(roots)) + b"".join(i32(roots[tr]) for tr in sorted(roots))
        out += i32(n)
        first = 0
        order = []
        for i in range(n):
            leaf = a["modes"][i] == "LEAF"
            out += i32(modes.index(a["modes"][i]))
            out += i32(0 if leaf else a["featureids"][i])
            out += f32(0.0 if leaf else a["values"][i])
            out += i32(0 if leaf else index[(a["treeids"][i], a["true"][i])])
            out += i32(0 if leaf else index[(a["treeids"][i], a["false"][i])])
            out += i32(a["missing"][i])
            out += i32(first if leaf else 0) + i32(len(per_leaf[i]) if leaf else 0)
            first += len(per_leaf[i])
            order += per_leaf[i]
        out += i32(len(order))
        for w in order:
            out += i32(t["ids"][w]) + f32(t["weights"][w])
        out += f32(base)
        return hashlib.sha256(bytes(out)).hexdigest()

    def evaluate(self, x, aggregate, base):
        """A plain walk of the node arrays, as the ONNX-ML operator defines it, in float64."""
        a, t = self.a, self.targets
        index = {(tr, nd): i for i, (tr, nd) in enumerate(zip(a["treeids"], a["nodeids"]))}
        leaf_weight = {(tr, nd): w for tr, nd, w in zip(t["treeids"], t["nodeids"], t["weights"])}
        trees = sorted(set(a["treeids"]))
        out = np.zeros(len(x))
        for r, row in enumerate(x):
            total = 0.0
            for tree in trees:
                i = index[(tree, 0)]
                while a["modes"][i] != "LEAF":
                    v = row[a["featureids"][i]]
                    th = a["values"][i]
                    mode = a["modes"][i]
                    if np.isnan(v):
                        go_true = a["missing"][i] == 1
                    elif mode == "BRANCH_LEQ":
                        go_true = v <= th
                    elif mode == "BRANCH_LT":
                        go_true = v < th
                    else:
                        raise ValueError(mode)
                    i = index[(tree, a["true"][i] if go_true else a["false"][i])]
                total += leaf_weight[(tree, a["nodeids"][i])]
            out[r] = (total / len(trees) if aggregate == "AVERAGE" else total) + base
        return out


def add_sklearn_tree(nodes, tree_id, estimator, scale):
    t = estimator.tree_
    for n in range(t.node_count):
        if t.children_left[n] == -1:
            nodes.leaf(tree_id, n, scale * t.value[n][0][0])
        else:
            nodes.branch(tree_id, n, t.feature[n], t.threshold[n], "BRANCH_LEQ", t.children_left[n],
                         t.children_right[n], 0)


def add_xgboost_tree(nodes, tree_id, tree):
    stack = [tree]
    while stack:
        n = stack.pop()
        if "leaf" in n:
            nodes.leaf(tree_id, n["nodeid"], n["leaf"])
            continue
        feature = int(n["split"][1:])
        # XGBoost goes to 'yes' when x < split_condition and to 'missing' when x is missing.
        nodes.branch(tree_id, n["nodeid"], feature, n["split_condition"], "BRANCH_LT", n["yes"], n["no"],
                     1 if n["missing"] == n["yes"] else 0)
        stack.extend(n["children"])


def check(name, nodes, aggregate, base, x, reference, tolerance):
    mine = nodes.evaluate(x.astype(np.float64), aggregate, base)
    err = np.max(np.abs(mine - reference))
    if not err <= tolerance:
        raise SystemExit("%s: the node arrays disagree with the library by %g (> %g)" % (name, err, tolerance))
    print("%s: node arrays agree with the library's predictions to %.2g" % (name, err))


def write_trees(rng):
    x, y = tree_data(rng)
    xt = test_inputs(rng)
    finite = ~np.isnan(xt).any(axis=1)

    rf = RandomForestRegressor(n_estimators=25, max_depth=7, random_state=1).fit(x, y)
    nodes = Nodes()
    for i, e in enumerate(rf.estimators_):
        add_sklearn_tree(nodes, i, e, 1.0)
    # float32 thresholds can move a value that sits between the float64 and float32 threshold.
    check("random_forest", nodes, "AVERAGE", 0.0, xt[finite], rf.predict(xt[finite]), 1e-4)
    save(nodes.model("random_forest", "AVERAGE", 0.0,
                     importances=("impurity", rf.feature_importances_)), "tree_random_forest")
    HASHES["tree_random_forest.onnx"] = nodes.sha256(D, "AVERAGE", 0.0)

    gb = GradientBoostingRegressor(n_estimators=60, max_depth=3, learning_rate=0.1, random_state=2).fit(x, y)
    nodes = Nodes()
    for i, e in enumerate(gb.estimators_[:, 0]):
        add_sklearn_tree(nodes, i, e, gb.learning_rate)
    base = float(gb.init_.constant_.ravel()[0])
    check("gradient_boosting", nodes, "SUM", base, xt[finite], gb.predict(xt[finite]), 1e-4)
    save(nodes.model("gradient_boosting", "SUM", base,
                     importances=("impurity", gb.feature_importances_)), "tree_gradient_boosting")
    HASHES["tree_gradient_boosting.onnx"] = nodes.sha256(D, "SUM", base)

    # Training data with missing values, so that XGBoost learns default directions both ways.
    xm = x.copy()
    xm[rng.uniform(size=xm.shape) < 0.08] = np.nan
    base = float(np.mean(y))
    xgb = xgboost.XGBRegressor(n_estimators=40, max_depth=4, learning_rate=0.2, base_score=base,
                               tree_method="exact", random_state=3).fit(xm, y)
    nodes = Nodes()
    for i, dump in enumerate(xgb.get_booster().get_dump(dump_format="json")):
        add_xgboost_tree(nodes, i, json.loads(dump))
    check("xgboost", nodes, "SUM", base, xt, xgb.predict(xt).astype(np.float64), 1e-4)
    save(nodes.model("xgboost", "SUM", base, importances=("gain", xgb.feature_importances_)), "tree_xgboost")
    HASHES["tree_xgboost.onnx"] = nodes.sha256(D, "SUM", base)

    # The same forest with a post-transform the engine does not implement: must be rejected.
    nodes = Nodes()
    add_sklearn_tree(nodes, 0, rf.estimators_[0], 1.0)
    save(nodes.model("probit", "SUM", 0.0, post_transform="PROBIT"), "tree_unsupported_post_transform")

    write_csv(os.path.join(OUT, "tree.inputs.csv"), ["in%d" % i for i in range(D)], xt)


# Model hashes computed here from docs/MODEL-HASH.md, for ModelHashTest to compare with the engine's.
HASHES = {}


def save(model, stem):
    onnx.save(model, os.path.join(OUT, stem + ".onnx"))


# ------------------------------------------------------------------------------------------------
# Gaussian processes
# ------------------------------------------------------------------------------------------------

GP_D = 3


def gp_target(x):
    return np.sin(3.0 * x[:, 0]) * np.exp(-x[:, 1]) + 0.5 * x[:, 2] ** 2


def write_gp_file(path, name, gp, kind, note):
    k = gp.kernel_
    variance = float(k.k1.constant_value)
    scales = np.atleast_1d(k.k2.length_scale).astype(np.float64)
    lines = [
        "format: emulens-gp-1",
        "name: " + name,
        "description: " + json.dumps(note),
        "inputs:",
    ]
    for i in range(GP_D):
        lines.append("  - {name: x%d, units: \"1\"}" % i)
    lines += [
        "outputs:",
        "  - {name: y, units: \"1\"}",
        "kernel:",
        "  family: " + kind,
        "  variance: " + yaml_float(variance),
        "  length_scales: [" + ", ".join(yaml_float(v) for v in scales) + "]",
        "y_mean: " + yaml_float(np.ravel(gp._y_train_mean)[0]),
        "y_std: " + yaml_float(np.ravel(gp._y_train_std)[0]),
        "training_inputs:",
    ]
    for row in gp.X_train_:
        lines.append("  - [" + ", ".join(yaml_float(v) for v in row) + "]")
    lines.append("alpha: [" + ", ".join(yaml_float(v) for v in np.ravel(gp.alpha_)) + "]")
    lines.append("cholesky:")
    for i, row in enumerate(gp.L_):
        lines.append("  - [" + ", ".join(yaml_float(v) for v in row[: i + 1]) + "]")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    f64 = lambda values: struct.pack("<%dd" % len(values), *[float(v) for v in values])
    out = bytearray(b"emulens-gp-v1")
    out += struct.pack("<i", len(kind)) + kind.encode("ascii")
    out += struct.pack("<ii", GP_D, len(gp.X_train_))
    out += f64([variance]) + f64(scales) + f64(np.ravel(gp.X_train_)) + f64(np.ravel(gp.alpha_))
    out += f64([v for i, row in enumerate(gp.L_) for v in row[: i + 1]])
    out += f64([np.ravel(gp._y_train_mean)[0], np.ravel(gp._y_train_std)[0]])
    HASHES[os.path.basename(path)] = hashlib.sha256(bytes(out)).hexdigest()


def write_gps(rng):
    n = 40
    x = rng.uniform(-1.0, 1.0, size=(n, GP_D))
    y = 3.0 + 2.0 * gp_target(x) + 0.01 * rng.standard_normal(n)
    held_out = rng.uniform(-1.2, 1.2, size=(50, GP_D)).astype(np.float32).astype(np.float64)
    kernels = {
        "squared_exponential": RBF(length_scale=np.ones(GP_D), length_scale_bounds=(1e-2, 1e2)),
        "matern32": Matern(length_scale=np.ones(GP_D), length_scale_bounds=(1e-2, 1e2), nu=1.5),
        "matern52": Matern(length_scale=np.ones(GP_D), length_scale_bounds=(1e-2, 1e2), nu=2.5),
    }
    fitted = {}
    for kind, base in kernels.items():
        kernel = ConstantKernel(1.0, (1e-3, 1e3)) * base
        gp = GaussianProcessRegressor(kernel=kernel, alpha=1e-4, normalize_y=True, n_restarts_optimizer=2,
                                      random_state=4).fit(x, y)
        stem = "gp_" + kind
        write_gp_file(os.path.join(OUT, stem + ".gp.yaml"), stem, gp, kind,
                      "sklearn %s fit of a synthetic function, kernel %s" % (kind, gp.kernel_))
        mean, std = gp.predict(held_out, return_std=True)
        table = np.column_stack([held_out, mean, std ** 2])
        write_csv(os.path.join(OUT, stem + ".expected.csv"), ["x0", "x1", "x2", "mean", "variance"], table,
                  fmt="%.17g")
        fitted[kind] = gp
        print("%s: %s" % (stem, gp.kernel_))
    write_budget(fitted["squared_exponential"])


def write_budget(gp):
    """Known answer for the variance budget of a Gaussian perturbation of x0 around a nominal point.

    The nominal point is float32 and the perturbation sd is a float32, as the Java test uses them. The
    expectations over x0 ~ N(mu, sd^2) are Gauss-Hermite sums of sklearn's mean and variance.
    """
    nominal = np.array([0.9, 1.8, 1.5], dtype=np.float32).astype(np.float64)
    sd = float(np.float32(0.35))
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    weights = weights / np.sqrt(2.0 * np.pi)
    xs = np.tile(nominal, (len(nodes), 1))
    xs[:, 0] = nominal[0] + sd * nodes
    mean, std = gp.predict(xs, return_std=True)
    expected_mean = np.sum(weights * mean)
    input_variance = np.sum(weights * (mean - expected_mean) ** 2)
    emulator_variance = np.sum(weights * std ** 2)
    # Fourth central moment of the total Y = m(X) + sqrt(v(X)) Z, for the test's sampling error bound.
    centred = mean - expected_mean
    fourth = np.sum(weights * (centred ** 4 + 6.0 * centred ** 2 * std ** 2 + 3.0 * std ** 4))
    table = np.array([[nominal[0], nominal[1], nominal[2], sd, expected_mean, input_variance, emulator_variance,
                       input_variance + emulator_variance, fourth]])
    write_csv(os.path.join(OUT, "gp_budget.expected.csv"),
              ["x0", "x1", "x2", "sd0", "mean", "input_variance", "emulator_variance", "total_variance",
               "fourth_central_moment"], table, fmt="%.17g")
    print("budget: input %.6g + emulator %.6g = %.6g" % (input_variance, emulator_variance,
                                                         input_variance + emulator_variance))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    write_trees(rng)
    write_gps(rng)
    with open(os.path.join(OUT, "hashes.csv"), "w", encoding="ascii", newline="\n") as f:
        f.write("file,sha256\n")
        for name in sorted(HASHES):
            f.write("%s,%s\n" % (name, HASHES[name]))


if __name__ == "__main__":
    main()
