"""The PyTorch side shared by the training and export scripts: an MLP with its normalisation kept
inside the graph, a training loop, and the ONNX export with the checks every script runs on it."""

import io
import math
import os
import subprocess
import time

import numpy as np
import onnx
import torch
from torch import nn

import emulens_files as files
import onnx_numpy

# Activation modules by the engine's lower-case kind name.
ACTIVATIONS = {
    "tanh": lambda alpha: nn.Tanh(),
    "relu": lambda alpha: nn.ReLU(),
    "sigmoid": lambda alpha: nn.Sigmoid(),
    "softplus": lambda alpha: nn.Softplus(),
    "elu": lambda alpha: nn.ELU(alpha=alpha),
}


def torch_version():
    """'torch X', plus the Debian package version when torch is Debian's: python3-torch 1.13.1
    reports itself as 1.13.0a0, which alone would misstate the provenance."""
    text = "torch " + torch.__version__
    if torch.__file__.startswith("/usr/lib/python3/"):
        try:
            query = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                                   capture_output=True, text=True, timeout=10)
            if query.returncode == 0 and query.stdout:
                text += " (Debian python3-torch %s)" % query.stdout
        except (OSError, subprocess.SubprocessError):
            pass
    return text


class NormalisedMLP(nn.Module):
    """(x - input_offset) / input_scale, then Linear layers with activations, then
    z * output_scale + output_offset.

    Keeping the affine maps as buffers inside the module puts them in the exported graph as
    Sub/Div and Mul/Add, so the ONNX file alone computes the emulator in physical units.
    Either map may be left out (None), as in models normalised elsewhere or not at all.
    """

    def __init__(self, sizes, kinds, alphas=None, input_affine=None, output_affine=None):
        super().__init__()
        assert len(kinds) == len(sizes) - 1
        self.kinds = list(kinds)
        self.alphas = list(alphas) if alphas is not None else [1.0] * len(kinds)
        modules = []
        for n_in, n_out, kind, alpha in zip(sizes[:-1], sizes[1:], self.kinds, self.alphas):
            modules.append(nn.Linear(n_in, n_out))
            if kind != "identity":
                modules.append(ACTIVATIONS[kind](alpha))
        self.layers = nn.Sequential(*modules)
        self.has_input_affine = input_affine is not None
        self.has_output_affine = output_affine is not None
        if self.has_input_affine:
            self.register_buffer("input_offset", _f32_tensor(input_affine[0]))
            self.register_buffer("input_scale", _f32_tensor(input_affine[1]))
        if self.has_output_affine:
            self.register_buffer("output_scale", _f32_tensor(output_affine[1]))
            self.register_buffer("output_offset", _f32_tensor(output_affine[0]))

    def forward(self, x):
        if self.has_input_affine:
            x = (x - self.input_offset) / self.input_scale
        x = self.layers(x)
        if self.has_output_affine:
            x = x * self.output_scale + self.output_offset
        return x

    def linears(self):
        return [m for m in self.layers if isinstance(m, nn.Linear)]

    def canonical(self):
        """(in_offset, in_scale, layers, out_offset, out_scale) as the engine will hold them."""
        linears = self.linears()
        n_in, n_out = linears[0].in_features, linears[-1].out_features
        if self.has_input_affine:
            in_affine = (_np(self.input_offset), _np(self.input_scale))
        else:
            in_affine = (np.zeros(n_in, np.float32), np.ones(n_in, np.float32))
        if self.has_output_affine:
            out_affine = (_np(self.output_offset), _np(self.output_scale))
        else:
            out_affine = (np.zeros(n_out, np.float32), np.ones(n_out, np.float32))
        layers = [files.CanonicalLayer(_np(lin.weight), _np(lin.bias), kind, alpha)
                  for lin, kind, alpha in zip(linears, self.kinds, self.alphas)]
        return in_affine[0], in_affine[1], layers, out_affine[0], out_affine[1]

    def predict(self, x):
        """Float32 forward pass on a numpy array, the reference for golden files."""
        with torch.no_grad():
            return self(torch.from_numpy(np.asarray(x, dtype=np.float32))).numpy()


def _f32_tensor(values):
    return torch.tensor(np.asarray(values, dtype=np.float32).reshape(-1))


def _np(t):
    return t.detach().cpu().numpy().astype(np.float32)


def train(model, x, y, epochs, batch_size, lr, seed, log_every=0, log=print):
    """Adam on the mean squared residual divided by the output scale, so the loss is measured in
    the normalised units the network works in. The learning rate follows a cosine from lr down
    to lr/100: the small steps at the end are what sharpen the corners of clamped targets."""
    x = torch.from_numpy(np.asarray(x, dtype=np.float32))
    y = torch.from_numpy(np.asarray(y, dtype=np.float32))
    scale = model.output_scale if model.has_output_affine else torch.ones(y.shape[1])
    generator = torch.Generator().manual_seed(seed)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    steps_per_epoch = math.ceil(len(x) / batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: 0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * step / (epochs * steps_per_epoch))))
    model.train()
    for epoch in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), batch_size):
            idx = order[start:start + batch_size]
            loss = torch.mean(((model(x[idx]) - y[idx]) / scale) ** 2)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(idx)
        if log_every and (epoch + 1) % log_every == 0:
            log("  epoch %4d  train rmse (normalised) %.3e" % (epoch + 1, math.sqrt(total / len(x))))
    model.eval()
    return model


def export(model, n_inputs, path, input_name, output_name):
    """Exports with a dynamic batch dimension at opset 13 and returns the loaded ONNX model."""
    model.eval()
    example = torch.zeros(2, n_inputs, dtype=torch.float32)
    buffer = io.BytesIO()
    torch.onnx.export(model, example, buffer, input_names=[input_name], output_names=[output_name],
                      dynamic_axes={input_name: {0: "members"}, output_name: {0: "members"}},
                      opset_version=13)
    data = buffer.getvalue()
    with open(path, "wb") as f:
        f.write(data)
    onnx_model = onnx.load_from_string(data)
    onnx.checker.check_model(onnx_model)
    return onnx_model


def canonical_from_torch_export(onnx_model):
    """Reads the canonical model back out of the graph torch wrote, by the patterns torch 1.13
    uses: optional Sub/Div with initializers, Gemm(transB=1) per Linear, one activation node
    after each hidden Gemm, optional Mul/Add at the end, and Identity nodes for duplicated
    initializers.

    This is a second route to the hash: it proves that the numbers in the file are the numbers
    hashed from the module, so the Java importer can be expected to find the same hash.
    """
    inits = {i.name: onnx.numpy_helper.to_array(i) for i in onnx_model.graph.initializer}
    nodes = list(onnx_model.graph.node)
    # torch 1.13 keeps one copy of initializers with equal values and re-creates the others with
    # Identity nodes at the top of the graph.
    while nodes and nodes[0].op_type == "Identity" and nodes[0].input[0] in inits:
        inits[nodes[0].output[0]] = inits[nodes[0].input[0]]
        nodes.pop(0)
    kinds = {"Tanh": "tanh", "Relu": "relu", "Sigmoid": "sigmoid", "Softplus": "softplus", "Elu": "elu"}
    in_affine, out_affine, layers = None, None, []
    i = 0
    if nodes[0].op_type == "Sub":
        assert nodes[1].op_type == "Div"
        in_affine = (inits[nodes[0].input[1]], inits[nodes[1].input[1]])
        i = 2
    while i < len(nodes) and nodes[i].op_type == "Gemm":
        gemm = nodes[i]
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in gemm.attribute}
        assert attrs.get("transB") == 1 and attrs.get("alpha", 1.0) == 1.0 and attrs.get("beta", 1.0) == 1.0, attrs
        weights, biases = inits[gemm.input[1]], inits[gemm.input[2]]
        kind, alpha = "identity", 0.0
        if i + 1 < len(nodes) and nodes[i + 1].op_type in kinds:
            act = nodes[i + 1]
            kind = kinds[act.op_type]
            alpha = {a.name: a.f for a in act.attribute}.get("alpha", 1.0)
            i += 1
        layers.append(files.CanonicalLayer(weights, biases, kind, alpha))
        i += 1
    if i < len(nodes):
        assert [n.op_type for n in nodes[i:]] == ["Mul", "Add"], [n.op_type for n in nodes[i:]]
        out_affine = (inits[nodes[i + 1].input[1]], inits[nodes[i].input[1]])
    n_in, n_out = layers[0].weights.shape[1], layers[-1].weights.shape[0]
    if in_affine is None:
        in_affine = (np.zeros(n_in, np.float32), np.ones(n_in, np.float32))
    if out_affine is None:
        out_affine = (np.zeros(n_out, np.float32), np.ones(n_out, np.float32))
    return in_affine[0], in_affine[1], layers, out_affine[0], out_affine[1]


def describe_graph(onnx_model):
    """One line per node, as 'Gemm(alpha=1, beta=1, transB=1) NAME <- INPUTS', then the initializers."""
    lines = []
    for node in onnx_model.graph.node:
        attrs = ", ".join("%s=%s" % (a.name, _short(onnx.helper.get_attribute_value(a))) for a in node.attribute)
        lines.append("%s(%s) %s <- %s" % (node.op_type, attrs, node.name, ", ".join(node.input)))
    lines.append("initializers: " + ", ".join(
        "%s%s" % (i.name, list(i.dims)) for i in onnx_model.graph.initializer))
    return lines


def _short(v):
    return ("%.9g" % v) if isinstance(v, float) else v


def check_against_reference(onnx_model, model, x, input_name, rtol=1e-5, atol=1e-5):
    """The exported graph, run by the numpy reference evaluator, must agree with torch."""
    (got,) = onnx_numpy.run(onnx_model, {input_name: np.asarray(x, dtype=np.float32)})
    want = model.predict(x)
    err = np.max(np.abs(got - want) / (atol + rtol * np.abs(want)))
    if not err <= 1.0:
        raise AssertionError("exported graph differs from torch: worst error %.3g tolerances" % err)
    return float(np.max(np.abs(got - want)))


def build_demo(spec, models_dir):
    """Trains, exports and documents one demo emulator. spec is a dict with:
    name, description, inputs (dicts with name, units, min, max, description), output (dict),
    truth (float64 columns -> target), truth_text, sample (rng, n -> float32 [n, d]),
    edge_cases (float32 [m, d]), hidden (list of widths), epochs, batch_size, lr, n_train,
    n_holdout, seed and extra metadata.

    The output is de-normalised with the training targets' mean and standard deviation rather
    than with its range: for a range such as [0, 1] the centre and half-width are equal, and
    torch 1.13 would then merge the two buffers into one initializer plus an Identity node.
    """
    name = spec["name"]
    torch.manual_seed(spec["seed"])
    # One thread keeps the float32 sums in the same order whatever the core count, so a re-run
    # reproduces the weights bit for bit and the .sha256 file does not change.
    torch.set_num_threads(1)
    rng = np.random.default_rng(spec["seed"])

    x_train = spec["sample"](rng, spec["n_train"])
    y_train = spec["truth"](x_train.astype(np.float64)).astype(np.float32)[:, None]
    x_hold = spec["sample"](rng, spec["n_holdout"])
    y_hold = spec["truth"](x_hold.astype(np.float64))

    lo = np.array([i["min"] for i in spec["inputs"]], dtype=np.float64)
    hi = np.array([i["max"] for i in spec["inputs"]], dtype=np.float64)
    model = NormalisedMLP(
        [len(spec["inputs"])] + spec["hidden"] + [1],
        ["tanh"] * len(spec["hidden"]) + ["identity"],
        input_affine=((lo + hi) / 2, (hi - lo) / 2),
        output_affine=([y_train.mean(dtype=np.float64)], [y_train.std(dtype=np.float64)]))

    started = time.time()
    print("%s: training %s on %d points" % (name, [len(lo)] + spec["hidden"] + [1], len(x_train)))
    train(model, x_train, y_train, spec["epochs"], spec["batch_size"], spec["lr"], spec["seed"],
          log_every=max(1, spec["epochs"] // 10))
    error = model.predict(x_hold)[:, 0].astype(np.float64) - y_hold
    rmse = float(np.sqrt(np.mean(error ** 2)))
    max_abs = float(np.max(np.abs(error)))
    print("%s: trained in %.0f s; held-out rmse %.3g, max |error| %.3g %s"
          % (name, time.time() - started, rmse, max_abs, spec["output"]["units"]))

    onnx_path = os.path.join(models_dir, name + ".onnx")
    onnx_model = export(model, len(lo), onnx_path, "inputs", "outputs")
    ops = onnx_numpy.op_types(onnx_model)
    print("%s: ONNX op types %s" % (name, ops))
    for line in describe_graph(onnx_model):
        print("    " + line)
    assert ops == ["Sub", "Div", "Gemm", "Tanh", "Mul", "Add"], ops
    size = os.path.getsize(onnx_path)
    assert size < 200_000, "%s is %d bytes" % (onnx_path, size)

    golden_x = np.concatenate([spec["edge_cases"], spec["sample"](rng, 256 - len(spec["edge_cases"]))])
    golden_x = golden_x.astype(np.float32)
    worst = check_against_reference(onnx_model, model, golden_x, "inputs")
    print("%s: numpy reference of the exported graph matches torch (max |diff| %.3g)" % (name, worst))
    names = [i["name"] for i in spec["inputs"]] + [spec["output"]["name"]]
    files.write_csv(os.path.join(models_dir, name + ".golden.csv"), names,
                    np.concatenate([golden_x, model.predict(golden_x)], axis=1))

    digest = files.model_sha256(*model.canonical())
    assert digest == files.model_sha256(*canonical_from_torch_export(onnx_model)), \
        "the ONNX file does not hold the module's numbers"
    files.write_sha256(os.path.join(models_dir, name + ".sha256"), digest)
    print("%s: sha256 %s" % (name, digest))

    metadata = {
        "truth": spec["truth_text"],
        "architecture": "%s, tanh hidden layers, linear output" % "-".join(
            str(n) for n in [len(lo)] + spec["hidden"] + [1]),
        "normalisation": "inside the graph: each input as (x - centre) / half-width of its valid range, "
                         "the output as z * std + mean of the training targets",
        "training": "%d points, Adam lr %g with cosine decay, batch %d, %d epochs, seed %d"
                    % (spec["n_train"], spec["lr"], spec["batch_size"], spec["epochs"], spec["seed"]),
        "rmse_holdout": "%.3g" % rmse,
        "max_abs_error_holdout": "%.3g" % max_abs,
        "holdout_points": str(spec["n_holdout"]),
        "trained_with": "%s, numpy %s" % (torch_version(), np.__version__),
        "script": "scripts/train/train_%s.py" % spec.get("script", name),
    }
    metadata.update(spec.get("metadata", {}))
    files.write_sidecar(os.path.join(models_dir, name + ".yaml"), name, spec["description"],
                        spec["inputs"], [spec["output"]], metadata)
    return rmse, max_abs
