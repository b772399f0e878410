#!/usr/bin/python3
"""Trains the demo time-stepping emulator of top-layer soil moisture on a bucket model and writes
models/soil_moisture_step.onnx, .yaml, .golden.csv and .sha256.

The truth is a one-layer bucket, so that what the emulator should do is known exactly:

    beta(theta)   = clamp((theta - 0.10) / (0.30 - 0.10), 0, 1)           JULES-like stress factor
    drain(theta)  = 0.5 d-1 * max(theta - 0.32, 0)                         fraction of the excess per day
    theta_next    = clamp(theta + (precip - pet * beta(theta)) / 100 mm - drain(theta), 0, 0.45)

with a 100 mm water column (a 0.1 m layer), all precipitation infiltrating until saturation
(0.45; the rest runs off) and evaporation at the potential rate times beta. Inputs are a lag window of
k = 2 soil-moisture values (theta, the current day, and theta_lag1, the day before) and the day's
forcing. The truth uses only the current value; the lag is there so that the stepping engine carries
a real window, and the network learns to give it little weight. Training pairs draw theta_lag1 near
theta, as consecutive days are. Run from anywhere: /usr/bin/python3 scripts/train/train_soil_moisture.py
"""

import os

import numpy as np

from emulens_torch import build_demo

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "models")

INPUTS = [
    {"name": "theta", "units": "m3 m-3", "min": 0.0, "max": 0.5,
     "description": "volumetric soil moisture of the top layer today"},
    {"name": "theta_lag1", "units": "m3 m-3", "min": 0.0, "max": 0.5,
     "description": "volumetric soil moisture of the top layer the day before"},
    {"name": "precip", "units": "mm d-1", "min": 0.0, "max": 80.0,
     "description": "precipitation during the day"},
    {"name": "pet", "units": "mm d-1", "min": 1.0, "max": 10.0,
     "description": "potential evapotranspiration during the day"},
]
OUTPUT = {"name": "theta_next", "units": "m3 m-3",
          "description": "volumetric soil moisture of the top layer the next day"}
TRUTH_TEXT = ("theta_next = clamp(theta + (precip - pet * clamp((theta - 0.10) / 0.20, 0, 1)) / 100"
              " - 0.5 * max(theta - 0.32, 0), 0, 0.45)")

WILT, CRIT, FIELD_CAPACITY, SATURATION = 0.10, 0.30, 0.32, 0.45
DEPTH_MM, DRAINAGE_PER_DAY = 100.0, 0.5


def bucket(theta, precip, pet):
    beta = np.clip((theta - WILT) / (CRIT - WILT), 0.0, 1.0)
    drain = DRAINAGE_PER_DAY * np.maximum(theta - FIELD_CAPACITY, 0.0)
    return np.clip(theta + (precip - pet * beta) / DEPTH_MM - drain, 0.0, SATURATION)


def sample(rng, n):
    theta = rng.uniform(0.0, 0.5, n)
    lag = np.clip(theta + rng.normal(0.0, 0.03, n), 0.0, 0.5)
    # Most days are dry or nearly so; heavy days are rare: a third exactly zero, the rest 80 u^2.
    precip = np.where(rng.uniform(size=n) < 1 / 3, 0.0, 80.0 * rng.uniform(size=n) ** 2)
    pet = rng.uniform(1.0, 10.0, n)
    return np.column_stack([theta, lag, precip, pet]).astype(np.float32)


def edge_cases():
    rows = []
    for theta in (0.0, 0.05, WILT, 0.2, CRIT, FIELD_CAPACITY, 0.4, SATURATION, 0.5):
        for precip in (0.0, 5.0, 30.0, 80.0):
            for pet in (1.0, 5.0, 10.0):
                rows.append([theta, theta, precip, pet])
    return np.array(rows, dtype=np.float32)


SPEC = {
    "name": "soil_moisture_step",
    "script": "soil_moisture",
    "description": "One day of top-layer soil moisture from a lag window of two days and the day's "
                   "precipitation and potential evapotranspiration, trained on a bucket model.",
    "inputs": INPUTS,
    "output": OUTPUT,
    "truth": lambda x: bucket(x[:, 0], x[:, 2], x[:, 3]),
    "truth_text": TRUTH_TEXT,
    "sample": sample,
    "edge_cases": edge_cases(),
    "hidden": [32, 32],
    "n_train": 60_000,
    "n_holdout": 20_000,
    "epochs": 100,
    "batch_size": 256,
    "lr": 3e-3,
    "seed": 8,
    "metadata": {
        # pet starts at 1 mm/d (it rarely falls below that over Africa) so that the input centres and
        # half-widths differ: torch 1.13 would merge two equal buffers into one plus an Identity node.
        "training_domain": "inputs uniform over their ranges except precip (a third zero, else 80 u^2) "
                           "and theta_lag1 (theta + N(0, 0.03), clamped)",
        "lags": "2",
        "state_output": "theta_next",
    },
}


def main():
    os.makedirs(MODELS, exist_ok=True)
    build_demo(SPEC, os.path.normpath(MODELS))


if __name__ == "__main__":
    main()
