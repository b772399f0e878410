#!/usr/bin/python3
"""Builds a random PyTorch MLP, exports it to ONNX and writes what an importer test needs to
check it, for models that are not in the repository:

    OUTDIR/model.onnx     opset 13, dynamic batch, input "x", output "y"
    OUTDIR/model.yaml     sidecar: inputs x0.., outputs y0.., units "1", no ranges
    OUTDIR/inputs.csv     500 rows of 3 * standard normal values, header x0..
    OUTDIR/expected.csv   PyTorch's float32 forward pass on those rows, header y0..
    OUTDIR/model.sha256   the provenance hash the importer should compute for the model

Usage: /usr/bin/python3 scripts/train/export_random_mlp.py OUTDIR [--seed S]

The same seed gives the same files. Shapes drawn: 1-10 inputs, 1-3 outputs, 1-4 hidden layers
of 1-64 units, each hidden layer with one of tanh, relu, sigmoid, softplus or elu (alpha in
[0.5, 1.5]); the output layer is linear. The leading Sub/Div and trailing Mul/Add are each
present or not at random.
"""

import argparse
import os
import sys

ROWS = 500
KINDS = ["tanh", "relu", "sigmoid", "softplus", "elu"]


def require_modules():
    """Fails with a message rather than a traceback: this script is run by hand or from a test
    that may have picked the wrong interpreter."""
    missing = []
    for module in ("numpy", "torch", "onnx"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        sys.exit("export_random_mlp.py: cannot import %s with %s; run it with an interpreter that has "
                 "numpy, PyTorch and onnx, such as Debian's /usr/bin/python3 with python3-torch and python3-onnx"
                 % (", ".join(missing), sys.executable))


def draw_architecture(rng):
    n_in = int(rng.integers(1, 11))
    n_out = int(rng.integers(1, 4))
    widths = [int(w) for w in rng.integers(1, 65, int(rng.integers(1, 5)))]
    kinds = [str(k) for k in rng.choice(KINDS, len(widths))]
    alphas = [float(rng.uniform(0.5, 1.5)) if k == "elu" else 1.0 for k in kinds]
    input_affine = None
    if rng.random() < 0.5:
        input_affine = (rng.normal(0.0, 2.0, n_in), rng.uniform(0.5, 4.0, n_in))
    output_affine = None
    if rng.random() < 0.5:
        offset, scale = rng.normal(0.0, 10.0, n_out), rng.uniform(0.1, 10.0, n_out)
        if rng.random() < 0.25:
            # Equal offset and scale make torch 1.13 export one initializer plus an Identity
            # node; real models hit this (e.g. a [0, 1] output scaled by centre and half-width).
            offset = scale
        output_affine = (offset, scale)
    return [n_in] + widths + [n_out], kinds + ["identity"], alphas + [1.0], input_affine, output_affine


def main():
    parser = argparse.ArgumentParser(
        description="Export a random PyTorch MLP to ONNX with inputs and expected outputs for importer tests.")
    parser.add_argument("outdir", help="folder for model.onnx, model.yaml, inputs.csv, expected.csv, model.sha256")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same files (default 0)")
    args = parser.parse_args()
    require_modules()

    import numpy as np
    import torch

    import emulens_files as files
    import onnx_numpy
    from emulens_torch import NormalisedMLP, canonical_from_torch_export, check_against_reference, \
        describe_graph, export, torch_version

    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(args.seed)
    sizes, kinds, alphas, input_affine, output_affine = draw_architecture(rng)
    model = NormalisedMLP(sizes, kinds, alphas, input_affine, output_affine).eval()

    os.makedirs(args.outdir, exist_ok=True)
    onnx_model = export(model, sizes[0], os.path.join(args.outdir, "model.onnx"), "x", "y")

    x = (3.0 * rng.standard_normal((ROWS, sizes[0]))).astype(np.float32)
    y = model.predict(x)
    in_names = ["x%d" % i for i in range(sizes[0])]
    out_names = ["y%d" % i for i in range(sizes[-1])]
    files.write_csv(os.path.join(args.outdir, "inputs.csv"), in_names, x)
    files.write_csv(os.path.join(args.outdir, "expected.csv"), out_names, y)

    digest = files.model_sha256(*model.canonical())
    assert digest == files.model_sha256(*canonical_from_torch_export(onnx_model))
    files.write_sha256(os.path.join(args.outdir, "model.sha256"), digest)

    layers = ", ".join("%d->%d %s" % (a, b, "elu(alpha=%.4g)" % al if k == "elu" else k)
                       for a, b, k, al in zip(sizes[:-1], sizes[1:], kinds, alphas))
    name = "random_mlp_seed%d" % args.seed
    files.write_sidecar(
        os.path.join(args.outdir, "model.yaml"), name,
        "Random MLP for importer tests, seed %d." % args.seed,
        [{"name": n, "units": "1", "description": "random input %d" % i} for i, n in enumerate(in_names)],
        [{"name": n, "units": "1", "description": "random output %d" % i} for i, n in enumerate(out_names)],
        {"layers": layers,
         "input_normalisation_in_graph": str(input_affine is not None).lower(),
         "output_denormalisation_in_graph": str(output_affine is not None).lower(),
         "generator": "scripts/train/export_random_mlp.py --seed %d" % args.seed,
         "exported_with": torch_version()})

    worst = check_against_reference(onnx_model, model, x, "x", rtol=1e-4, atol=1e-4)
    print("%s: %s" % (name, layers))
    print("  input normalisation %s, output de-normalisation %s"
          % ("Sub/Div" if input_affine is not None else "none", "Mul/Add" if output_affine is not None else "none"))
    print("  ONNX op types: %s" % onnx_numpy.op_types(onnx_model))
    for line in describe_graph(onnx_model):
        print("    " + line)
    print("  numpy reference of the graph vs torch: max |diff| %.3g" % worst)
    print("  sha256 %s" % digest)
    print("  wrote model.onnx, model.yaml, inputs.csv, expected.csv, model.sha256 to %s" % args.outdir)


if __name__ == "__main__":
    main()
