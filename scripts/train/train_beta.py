#!/usr/bin/python3
"""Trains the demo emulator of the JULES soil-moisture stress factor and writes
models/beta.onnx, beta.yaml, beta.golden.csv and beta.sha256.

    beta = clamp((theta - theta_wilt) / (theta_crit - theta_wilt), 0, 1)

Training pairs are drawn with theta_crit >= theta_wilt + 0.05: real soils have a gap between
the wilting and critical points, and near a zero gap beta becomes a step in theta that a small
smooth network cannot follow. Run from anywhere: /usr/bin/python3 scripts/train/train_beta.py
"""

import os

import numpy as np

from emulens_torch import build_demo

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "models")

INPUTS = [
    {"name": "theta", "units": "m3 m-3", "min": 0.0, "max": 0.6,
     "description": "volumetric soil moisture of the top layer"},
    {"name": "theta_wilt", "units": "m3 m-3", "min": 0.02, "max": 0.2,
     "description": "volumetric soil moisture at the wilting point"},
    {"name": "theta_crit", "units": "m3 m-3", "min": 0.15, "max": 0.45,
     "description": "volumetric soil moisture at the critical point, above which there is no stress"},
]
OUTPUT = {"name": "beta", "units": "1", "description": "soil-moisture stress factor"}
MIN_GAP = 0.05
TRUTH_TEXT = "beta = clamp((theta - theta_wilt) / (theta_crit - theta_wilt), 0, 1)"


def beta(theta, theta_wilt, theta_crit):
    return np.clip((theta - theta_wilt) / (theta_crit - theta_wilt), 0.0, 1.0)


def sample_soils(rng, n):
    """(theta_wilt, theta_crit) uniform over their ranges, keeping only pairs at least MIN_GAP apart."""
    wilt, crit = INPUTS[1], INPUTS[2]
    kept = np.empty((0, 2))
    while len(kept) < n:
        pairs = np.stack([rng.uniform(wilt["min"], wilt["max"], 2 * n),
                          rng.uniform(crit["min"], crit["max"], 2 * n)], axis=1)
        kept = np.concatenate([kept, pairs[pairs[:, 1] >= pairs[:, 0] + MIN_GAP]])
    return kept[:n]


def sample(rng, n):
    soils = sample_soils(rng, n)
    theta = rng.uniform(INPUTS[0]["min"], INPUTS[0]["max"], n)
    return np.column_stack([theta, soils]).astype(np.float32)


def edge_cases():
    corners = [[t, w, c] for t in (0.0, 0.6) for w in (0.02, 0.2) for c in (0.15, 0.45)]
    rows = list(corners)
    # around both kinks of the clamp, for soils from wide to the narrowest trained gap
    for wilt, crit in ((0.1, 0.3), (0.02, 0.45), (0.15, 0.2), (0.05, 0.15)):
        for theta in (0.0, wilt - 0.01, wilt, (wilt + crit) / 2, crit, crit + 0.01, 0.6):
            rows.append([theta, wilt, crit])
    return np.array(rows, dtype=np.float32)


SPEC = {
    "name": "beta",
    "description": "JULES soil-moisture stress factor beta from top-layer soil moisture and the "
                   "wilting and critical points.",
    "inputs": INPUTS,
    "output": OUTPUT,
    "truth": lambda x: beta(x[:, 0], x[:, 1], x[:, 2]),
    "truth_text": TRUTH_TEXT,
    "sample": sample,
    "edge_cases": edge_cases(),
    "hidden": [32, 32],
    "n_train": 100_000,
    "n_holdout": 20_000,
    "epochs": 200,
    "batch_size": 256,
    "lr": 3e-3,
    "seed": 1,
    "metadata": {
        "training_domain": "inputs uniform over their ranges, with theta_crit >= theta_wilt + %g" % MIN_GAP,
    },
}


def main():
    os.makedirs(MODELS, exist_ok=True)
    build_demo(SPEC, os.path.normpath(MODELS))


if __name__ == "__main__":
    main()
