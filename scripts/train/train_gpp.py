#!/usr/bin/python3
"""Trains the demo emulator of light-use-efficiency gross primary production and writes
models/gpp_lue.onnx, gpp_lue.yaml, gpp_lue.golden.csv and gpp_lue.sha256.

    PAR  = 0.5 * sw_down * 0.0864                    MJ m-2 d-1 from a daily-mean W m-2
    f(T) = exp(-((t_air - 25) / 12)^2)               t_air in degC
    gpp  = 1.8 * fapar * PAR * f(T) * beta           g C m-2 d-1

with beta the soil-moisture stress factor of train_beta.py. The light-use efficiency
1.8 g C MJ-1 and the Gaussian temperature response (optimum 25 degC, width 12 degC) are
round demonstration values, not calibrated JULES parameters.
Run from anywhere: /usr/bin/python3 scripts/train/train_gpp.py
"""

import os

import numpy as np

from emulens_torch import build_demo
from train_beta import INPUTS as SOIL_INPUTS, MIN_GAP, beta, sample_soils

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "models")

EPSILON = 1.8          # g C MJ-1, light-use efficiency
PAR_FRACTION = 0.5     # share of shortwave that is photosynthetically active
W_TO_MJ_PER_DAY = 0.0864
T_OPT, T_WIDTH = 25.0, 12.0

INPUTS = [
    {"name": "fapar", "units": "1", "min": 0.0, "max": 1.0,
     "description": "fraction of absorbed photosynthetically active radiation"},
    {"name": "sw_down", "units": "W m-2", "min": 0.0, "max": 400.0,
     "description": "daily-mean downward shortwave radiation at the surface"},
    {"name": "t_air", "units": "degC", "min": -10.0, "max": 45.0,
     "description": "daily-mean near-surface air temperature"},
] + SOIL_INPUTS
OUTPUT = {"name": "gpp", "units": "g C m-2 d-1", "description": "gross primary production"}
TRUTH_TEXT = ("gpp = 1.8 * fapar * (0.5 * sw_down * 0.0864) * exp(-((t_air - 25) / 12)^2) * beta, "
              "beta = clamp((theta - theta_wilt) / (theta_crit - theta_wilt), 0, 1)")


def gpp(fapar, sw_down, t_air, theta, theta_wilt, theta_crit):
    par = PAR_FRACTION * sw_down * W_TO_MJ_PER_DAY
    f_t = np.exp(-((t_air - T_OPT) / T_WIDTH) ** 2)
    return EPSILON * fapar * par * f_t * beta(theta, theta_wilt, theta_crit)


def sample(rng, n):
    columns = [rng.uniform(i["min"], i["max"], n) for i in INPUTS[:4]]
    return np.column_stack(columns + [sample_soils(rng, n)]).astype(np.float32)


def edge_cases():
    lows = [i["min"] for i in INPUTS]
    highs = [i["max"] for i in INPUTS]
    corners = [[highs[k] if (c >> k) & 1 else lows[k] for k in range(len(INPUTS))] for c in range(64)]
    rows = list(corners)
    # bright, warm days on a loam-like soil, walking theta across both kinks of beta
    for theta in (0.0, 0.09, 0.1, 0.2, 0.3, 0.31, 0.6):
        rows.append([0.8, 300.0, 25.0, theta, 0.1, 0.3])
    # the temperature response from cold to hot at no water stress
    for t_air in (-10.0, 0.0, 13.0, 25.0, 37.0, 45.0):
        rows.append([0.6, 250.0, t_air, 0.4, 0.1, 0.3])
    # no light, no canopy, and the strongest signal in the domain
    rows += [[0.7, 0.0, 20.0, 0.35, 0.1, 0.3], [0.0, 350.0, 20.0, 0.35, 0.1, 0.3],
             [1.0, 400.0, 25.0, 0.6, 0.02, 0.15], [1.0, 400.0, 25.0, 0.15, 0.1, 0.15]]
    return np.array(rows, dtype=np.float32)


SPEC = {
    "name": "gpp_lue",
    "script": "gpp",
    "description": "Light-use-efficiency gross primary production with temperature and soil-moisture "
                   "stress, from daily-mean forcing and soil state.",
    "inputs": INPUTS,
    "output": OUTPUT,
    "truth": lambda x: gpp(*(x[:, k] for k in range(6))),
    "truth_text": TRUTH_TEXT,
    "sample": sample,
    "edge_cases": edge_cases(),
    "hidden": [64, 64],
    "n_train": 200_000,
    "n_holdout": 20_000,
    "epochs": 200,
    "batch_size": 256,
    "lr": 3e-3,
    "seed": 2,
    "metadata": {
        "light_use_efficiency": "1.8 g C MJ-1 (demonstration value)",
        "temperature_response": "exp(-((t_air - 25) / 12)^2), t_air in degC (demonstration shape)",
        "par": "0.5 * sw_down * 0.0864 MJ m-2 d-1 from daily-mean shortwave in W m-2",
        "training_domain": "inputs uniform over their ranges, with theta_crit >= theta_wilt + %g" % MIN_GAP,
    },
}


def main():
    os.makedirs(MODELS, exist_ok=True)
    build_demo(SPEC, os.path.normpath(MODELS))


if __name__ == "__main__":
    main()
