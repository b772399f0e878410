#!/usr/bin/python3
"""Writes the small synthetic EO input files of the European GPP example study (examples/gpp-europe)
in CF-1.8 form, into the folder given (default: examples/gpp-europe/inputs):

  lst.nc        lst_min, lst_max (K), 0.25 deg, each with _unc_ran, _unc_loc, _unc_sys standard deviations
                (random, locally correlated, systematic: the ESA CCI LST uncertainty components)
  ssm.nc        ssm (m3 m-3) surface soil moisture with random ssm_unc, 0.25 deg
  albedo.nc     albedo_vis, albedo_nir (1) white-sky albedo with random _unc, 0.25 deg
  sw.nc         sw_down (W m-2) daily-mean shortwave with a systematic sw_down_unc_sys, 0.25 deg
  landcover.nc  lccs_class, ESA CCI land-cover (LCCS) class codes, 0.1 deg

One July day over Europe (35-70 N, 10 W-30 E). The fields are smooth functions of latitude and
longitude (warm, dry and bright in the south, cool and wet in the north, wetter to the west) plus
small deterministic noise; land-cover classes follow latitude bands with random patches and some
water. They are made to exercise the study, not to be realistic. Only numpy and netCDF4
(Debian python3-numpy, python3-netcdf4) are needed. Takes about a second.

Run: /usr/bin/python3 scripts/make_gpp_europe_inputs.py [OUTDIR]
"""

import os
import sys

import numpy as np
from netCDF4 import Dataset

SOUTH, NORTH, WEST, EAST = 35.0, 70.0, -10.0, 30.0
DAY = 20286  # 2025-07-17, days since 1970-01-01


def axes(step):
    lat = np.arange(SOUTH + step / 2, NORTH, step)
    lon = np.arange(WEST + step / 2, EAST, step)
    return lat, lon


def create(path, lat, lon, title):
    ds = Dataset(path, "w", format="NETCDF4_CLASSIC")
    ds.Conventions = "CF-1.8"
    ds.title = title
    ds.source = "synthetic, scripts/make_gpp_europe_inputs.py"
    ds.createDimension("time", 1)
    ds.createDimension("lat", len(lat))
    ds.createDimension("lon", len(lon))
    t = ds.createVariable("time", "f8", ("time",))
    t.standard_name, t.units, t.calendar, t.axis = "time", "days since 1970-01-01 00:00:00", "standard", "T"
    t[:] = [DAY]
    for name, values, units, axis in (("lat", lat, "degrees_north", "Y"), ("lon", lon, "degrees_east", "X")):
        v = ds.createVariable(name, "f8", (name,))
        v.standard_name = "latitude" if name == "lat" else "longitude"
        v.units, v.axis = units, axis
        v[:] = values
    return ds


def put(ds, name, values, units, long_name, dtype="f4"):
    v = ds.createVariable(name, dtype, ("time", "lat", "lon"), zlib=True, fill_value=np.float32(-999) if dtype == "f4"
                          else np.int16(0))
    v.units, v.long_name = units, long_name
    v[0] = values


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                             "examples", "gpp-europe", "inputs")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20250717)
    lat, lon = axes(0.25)
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    north = (la - SOUTH) / (NORTH - SOUTH)           # 0 south .. 1 north
    west = (EAST - lo) / (EAST - WEST)               # 0 east .. 1 west
    noise = lambda s: s * rng.standard_normal(la.shape)

    ssm = np.clip(0.08 + 0.22 * north + 0.08 * west + noise(0.015), 0.02, 0.45)
    dry = np.clip(1 - (ssm - 0.05) / 0.3, 0, 1)
    lst_min = 292 - 22 * north + 3 * dry + noise(0.5)
    lst_max = lst_min + 8 + 14 * dry + noise(0.5)
    with create(os.path.join(out, "lst.nc"), lat, lon, "synthetic daily LST") as ds:
        for name, values in (("lst_min", lst_min), ("lst_max", lst_max)):
            put(ds, name, values, "K", "daily %s land-surface temperature" % name[4:])
            put(ds, name + "_unc_ran", np.full(la.shape, 1.2), "K", "random uncertainty of " + name)
            put(ds, name + "_unc_loc", 0.6 + 0.6 * dry, "K", "locally correlated uncertainty of " + name)
            put(ds, name + "_unc_sys", np.full(la.shape, 0.4), "K", "systematic uncertainty of " + name)
    with create(os.path.join(out, "ssm.nc"), lat, lon, "synthetic surface soil moisture") as ds:
        put(ds, "ssm", ssm, "m3 m-3", "surface soil moisture")
        put(ds, "ssm_unc", 0.03 + 0.03 * north, "m3 m-3", "random uncertainty of surface soil moisture")
    vis = np.clip(0.035 + 0.07 * dry + noise(0.004), 0.02, 0.15)
    nir = np.clip(0.32 - 0.08 * dry + noise(0.01), 0.1, 0.45)
    with create(os.path.join(out, "albedo.nc"), lat, lon, "synthetic white-sky albedo") as ds:
        put(ds, "albedo_vis", vis, "1", "white-sky albedo, visible")
        put(ds, "albedo_vis_unc", np.full(la.shape, 0.008), "1", "random uncertainty of albedo_vis")
        put(ds, "albedo_nir", nir, "1", "white-sky albedo, near infrared")
        put(ds, "albedo_nir_unc", np.full(la.shape, 0.02), "1", "random uncertainty of albedo_nir")
    with create(os.path.join(out, "sw.nc"), lat, lon, "synthetic daily-mean shortwave") as ds:
        put(ds, "sw_down", 330 - 110 * north + noise(5), "W m-2", "daily-mean downward shortwave radiation")
        put(ds, "sw_down_unc_sys", np.full(la.shape, 12.0), "W m-2", "systematic uncertainty of sw_down")

    lat, lon = axes(0.1)
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    north = (la - SOUTH) / (NORTH - SOUTH)
    bands = [(0.25, [10, 120, 60, 30, 50]), (0.65, [10, 60, 70, 130, 30]), (1.01, [70, 80, 60, 130, 120])]
    classes = np.zeros(la.shape, dtype=np.int16)
    u = rng.random(la.shape)
    pick = rng.integers(0, 5, la.shape)
    for i, (edge, codes) in reversed(list(enumerate(bands))):
        classes[north < edge] = np.array(codes, dtype=np.int16)[pick[north < edge]]
    classes[u < 0.04] = 210
    with create(os.path.join(out, "landcover.nc"), lat, lon, "synthetic ESA CCI land cover") as ds:
        put(ds, "lccs_class", classes, "1", "land cover class defined in LCCS", dtype="i2")
    print("wrote synthetic GPP inputs to %s" % os.path.normpath(out))


if __name__ == "__main__":
    main()
