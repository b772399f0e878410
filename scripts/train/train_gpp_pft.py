#!/usr/bin/python3
"""Trains the GPP emulators of the European GPP study: one per JULES plant functional type (PFT) and
one for the grid box, each for two feature sets, and writes them to models/gpp_pft/.

Per PFT p (light-use-efficiency form, demonstration parameters, not calibrated JULES values):

    PAR    = 0.5 * sw_down * 0.0864                         MJ m-2 d-1 from a daily-mean W m-2
    f_p(T) = exp(-((T - T_opt,p) / T_width,p)^2)            T in degC
    GPP_p  = eps_p * FAPAR * PAR * f_p(T) * beta            g C m-2 d-1

Feature set "jules" (what JULES itself sees):
    T = (tmin + tmax) / 2, beta = fsmc (the JULES soil-moisture stress factor), FAPAR = fapar.
    The layer soil moistures sm_l1 and sm_l2 are inputs because JULES has them, but fsmc already
    carries their effect, so the truth does not depend on them: an emulator should learn (near)
    zero sensitivity to them, which the gradient and Sobol maps show.
Feature set "eo" (what Earth observation gives):
    T = (lst_min + lst_max) / 2 - 273.15, the land-surface temperature as an air-temperature proxy;
    beta = clamp((ssm - 0.1) / (0.3 - 0.1), 0, 1) from surface soil moisture;
    FAPAR = clamp(1.24 * NDVI - 0.168, 0, 1) with NDVI = (nir - vis) / (nir + vis) from the
    white-sky VIS and NIR albedo (a linear FAPAR-NDVI relation of the Myneni and Williams (1994) form).

The grid-box emulator takes the same features plus the five PFT fractions frac_<pft> and emulates
    GPP_gridbox = sum_p frac_p * GPP_p
with fractions drawn from a flat Dirichlet over the five PFTs and a non-vegetated rest.

Run from anywhere: /usr/bin/python3 scripts/train/train_gpp_pft.py   (about a minute)
"""

import os

import numpy as np

from emulens_torch import build_demo

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, "..", "..", "models", "gpp_pft"))

W_TO_MJ_PER_DAY = 0.0864
PAR_FRACTION = 0.5
# eps g C MJ-1, T_opt degC, T_width degC: round demonstration values
PFTS = {
    "bt": ("broadleaf tree", 2.0, 24.0, 12.0),
    "nt": ("needleleaf tree", 1.6, 18.0, 12.0),
    "c3": ("C3 grass", 1.8, 20.0, 11.0),
    "c4": ("C4 grass", 2.6, 32.0, 10.0),
    "sh": ("shrub", 1.2, 22.0, 13.0),
}
SSM_WILT, SSM_CRIT = 0.1, 0.3

FEATURES = {
    "jules": [
        {"name": "tmin", "units": "degC", "min": -15.0, "max": 35.0, "description": "daily minimum air temperature"},
        {"name": "tmax", "units": "degC", "min": -5.0, "max": 45.0, "description": "daily maximum air temperature"},
        {"name": "sm_l1", "units": "m3 m-3", "min": 0.0, "max": 0.5, "description": "soil moisture, layer 1"},
        {"name": "sm_l2", "units": "m3 m-3", "min": 0.0, "max": 0.5, "description": "soil moisture, layer 2"},
        {"name": "fsmc", "units": "1", "min": 0.0, "max": 1.0, "description": "soil-moisture stress factor"},
        {"name": "fapar", "units": "1", "min": 0.0, "max": 1.0,
         "description": "fraction of absorbed photosynthetically active radiation"},
        {"name": "sw_down", "units": "W m-2", "min": 0.0, "max": 400.0,
         "description": "daily-mean downward shortwave radiation"},
    ],
    "eo": [
        {"name": "lst_min", "units": "K", "min": 255.0, "max": 305.0, "description": "daily minimum land-surface temperature"},
        {"name": "lst_max", "units": "K", "min": 265.0, "max": 325.0, "description": "daily maximum land-surface temperature"},
        {"name": "ssm", "units": "m3 m-3", "min": 0.0, "max": 0.5, "description": "surface soil moisture"},
        {"name": "albedo_vis", "units": "1", "min": 0.02, "max": 0.15, "description": "white-sky albedo, visible"},
        {"name": "albedo_nir", "units": "1", "min": 0.1, "max": 0.45, "description": "white-sky albedo, near infrared"},
        {"name": "sw_down", "units": "W m-2", "min": 0.0, "max": 400.0,
         "description": "daily-mean downward shortwave radiation"},
    ],
}
TRUTH_DRIVERS = {
    "jules": "T = (tmin + tmax) / 2, beta = fsmc, FAPAR = fapar",
    "eo": "T = (lst_min + lst_max) / 2 - 273.15, beta = clamp((ssm - 0.1) / 0.2, 0, 1), "
          "FAPAR = clamp(1.24 * (nir - vis) / (nir + vis) - 0.168, 0, 1)",
}
OUTPUT = {"name": "gpp", "units": "g C m-2 d-1", "description": "gross primary production"}


def drivers(features, x):
    """(T degC, beta, FAPAR, sw_down) from float64 feature columns."""
    if features == "jules":
        return (x[:, 0] + x[:, 1]) / 2, x[:, 4], x[:, 5], x[:, 6]
    t = (x[:, 0] + x[:, 1]) / 2 - 273.15
    beta = np.clip((x[:, 2] - SSM_WILT) / (SSM_CRIT - SSM_WILT), 0, 1)
    ndvi = (x[:, 4] - x[:, 3]) / (x[:, 4] + x[:, 3])
    fapar = np.clip(1.24 * ndvi - 0.168, 0, 1)
    return t, beta, fapar, x[:, 5]


def gpp_pft(pft, t, beta, fapar, sw):
    _, eps, t_opt, t_width = PFTS[pft]
    return eps * fapar * PAR_FRACTION * sw * W_TO_MJ_PER_DAY * np.exp(-((t - t_opt) / t_width) ** 2) * beta


def spec(features, pft):
    inputs = list(FEATURES[features])
    n_feat = len(inputs)
    gridbox = pft == "gridbox"
    if gridbox:
        inputs += [{"name": "frac_" + p, "units": "1", "min": 0.0, "max": 1.0,
                    "description": "fraction of the grid box covered by " + PFTS[p][0]} for p in PFTS]

    def truth(x):
        d = drivers(features, x)
        if not gridbox:
            return gpp_pft(pft, *d)
        return sum(x[:, n_feat + k] * gpp_pft(p, *d) for k, p in enumerate(PFTS))

    def sample(rng, n):
        cols = [rng.uniform(i["min"], i["max"], n) for i in FEATURES[features]]
        if gridbox:
            frac = rng.dirichlet(np.ones(len(PFTS) + 1), n)[:, :len(PFTS)]
            cols += [frac[:, k] for k in range(len(PFTS))]
        return np.column_stack(cols).astype(np.float32)

    lows = [i["min"] for i in inputs]
    highs = [i["max"] for i in inputs]
    mids = [(a + b) / 2 for a, b in zip(lows, highs)]
    edge = np.array([lows, highs, mids], dtype=np.float32)
    if gridbox:
        edge[:, n_feat:] = 0.2
    if gridbox:
        truth_text = "gpp = sum_p frac_p * gpp_p over p in bt, nt, c3, c4, sh; gpp_p = eps_p * FAPAR * " \
                     "(0.5 * sw_down * 0.0864) * exp(-((T - T_opt,p) / T_width,p)^2) * beta; "
    else:
        _, eps, t_opt, t_width = PFTS[pft]
        truth_text = "gpp = %g * FAPAR * (0.5 * sw_down * 0.0864) * exp(-((T - %g) / %g)^2) * beta; " \
                     % (eps, t_opt, t_width)
    label = "the grid box (PFT fractions as inputs)" if gridbox else PFTS[pft][0]
    return {
        "name": "gpp_%s_%s" % (pft, features),
        "script": "gpp_pft",
        "description": "Light-use-efficiency GPP of %s from the %s feature set." % (label, features),
        "inputs": inputs,
        "output": OUTPUT,
        "truth": truth,
        "truth_text": truth_text + TRUTH_DRIVERS[features],
        "sample": sample,
        "edge_cases": edge,
        "hidden": [32, 32],
        "n_train": 40_000 if gridbox else 20_000,
        "n_holdout": 5_000,
        "epochs": 40 if gridbox else 25,
        "batch_size": 256,
        "lr": 5e-3,
        "seed": 11,
        "metadata": {
            "pft": pft,
            "feature_set": features,
            "parameters": "eps, T_opt, T_width per PFT: " + "; ".join(
                "%s %g g C MJ-1, %g degC, %g degC" % (p, v[1], v[2], v[3]) for p, v in PFTS.items()),
        },
    }


def main():
    os.makedirs(MODELS, exist_ok=True)
    for features in FEATURES:
        for pft in list(PFTS) + ["gridbox"]:
            build_demo(spec(features, pft), MODELS)


if __name__ == "__main__":
    main()
