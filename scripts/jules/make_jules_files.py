#!/usr/bin/python3
"""Writes small NetCDF files in the layouts JULES reads and writes, for Emulens's tests and demos.

Usage: /usr/bin/python3 scripts/jules/make_jules_files.py OUTPUT_DIR

Needs numpy and netCDF4 (Debian: python3-numpy python3-netcdf4). JULES itself is not needed: the files
follow its documented conventions (JULES user guide, "Input files" and "Output files"):

- A 4 x 5 grid of 0.5 degree cells, latitudes -3..-1, longitudes 20..22.5, of which SEA (below) are sea.
- Gridded output (``jules_grid_output.nc``): dimensions ``x`` (5), ``y`` (4), ``soil`` (4), ``pft`` (5),
  ``time`` (12), with 2-D ``latitude(y, x)`` / ``longitude(y, x)`` and sea as _FillValue -1e20, as JULES
  writes output on a 2-D grid.
- The same grid with 1-D ``latitude(y)`` (rows north to south) and ``longitude(x)``
  (``jules_grid_1d_coordinates.nc``, ``smcl`` only).
- Land-points output (``jules_land_output.nc``): the same values at the land points only, as JULES writes
  output of a run on land points: ``x`` = land points, ``y`` = 1, ``latitude(y, x)`` / ``longitude(y, x)``.
  The points are stored in a shuffled order (PERMUTATION), so that a reader must place them by their
  coordinates, not by their order.
- Ancillary (``jules_ancil_land.nc``): a 1-D input grid on dimension ``land`` (grid_is_1d, grid_dim_name
  'land' in the jules_input_grid namelist), with ``latitude(land)``, ``longitude(land)``, the soil
  parameters ``sm_wilt(soil, land)`` and ``sm_crit(soil, land)``, and tile fractions ``frac(tile, land)``.
- Driving data (``jules_drive_land.nc``): ``t``, ``precip`` and ``sw_down`` on ``(time, land)``, 3-hourly.
- Malformed files for the error messages: ``bad_no_coordinates.nc`` (land points without latitude or
  longitude), ``bad_dimensions.nc`` (a variable on a dimension of 13 points while the coordinates have 14)
  and ``bad_coordinate_lengths.nc`` (latitude and longitude of different lengths).

The validation case, known by construction: the gridded and land-points outputs hold ``fsmc(time, pft, ...)``
equal to the linear "emulator" ``0.01 * smcl(layer 1) - sm_wilt(layer 1)`` plus a bias of
``PFT_BIAS[p]`` for PFT p and a noise ``AMPLITUDE(i, j) * (+1 for even months, -1 for odd)`` (month index
0..11). Over the twelve months each cell's noise has mean 0 and root mean square AMPLITUDE(i, j), so an
emulator equal to that linear function has, for PFT p and cell (i, j), bias -PFT_BIAS[p] (emulator minus
JULES) and RMSE sqrt(PFT_BIAS[p]^2 + AMPLITUDE(i, j)^2).
"""
import os
import sys

import numpy as np
from netCDF4 import Dataset

NY, NX = 4, 5
LAT = -3 + 0.5 * (np.arange(NY) + 0.5)  # cell centres, south to north
LON = 20 + 0.5 * (np.arange(NX) + 0.5)
SEA = [(0, 0), (0, 1), (2, 2), (3, 4)]
NSOIL, NPFT, NTILE, NT = 4, 5, 9, 12
FILL = -1.0e20
PFT_BIAS = [0.01, 0.02, 0.03, 0.04, 0.05]
SLOPE = 0.01  # the linear "emulator": fsmc ~ SLOPE * smcl(layer 1) - sm_wilt(layer 1)


def amplitude(i, j):
    return 0.02 * (1 + (i + j) % 3)


def land_cells():
    """(i, j) of the land cells in row-major order (south to north, west to east)."""
    return [(i, j) for i in range(NY) for j in range(NX) if (i, j) not in SEA]


def permutation(n):
    """A fixed shuffle of range(n): the order of the land points in the land-points output."""
    return [(7 * k + 3) % n for k in range(n)]


def fields():
    """smcl, gpp and fsmc on the full grid as float32 (time, layer, y, x), sea as NaN; sm_wilt, sm_crit."""
    i, j = np.meshgrid(np.arange(NY), np.arange(NX), indexing="ij")
    t = np.arange(NT)[:, None, None, None]
    layer = np.arange(NSOIL)[None, :, None, None]
    smcl = (15.0 + 2.0 * i + 1.5 * j + 3.0 * np.sin(2 * np.pi * t / NT) + 5.0 * layer).astype(np.float32)
    pft = np.arange(NPFT)[None, :, None, None]
    gpp = (1e-8 * (1 + pft) * (1 + 0.1 * i + 0.05 * j) * (1.5 + np.cos(2 * np.pi * t / NT))).astype(np.float32)
    sm_wilt = (0.05 + 0.01 * ((i * NX + j) % 7) + 0.01 * np.arange(NSOIL)[:, None, None]).astype(np.float32)
    sm_crit = (sm_wilt + 0.2).astype(np.float32)
    amp = np.vectorize(amplitude)(i, j)
    sign = np.where(np.arange(NT) % 2 == 0, 1.0, -1.0)[:, None, None, None]
    emulator = SLOPE * smcl[:, :1].astype(np.float64) - sm_wilt[0].astype(np.float64)
    bias = np.array(PFT_BIAS)[None, :, None, None]
    fsmc = (emulator + bias + sign * amp).astype(np.float32)
    mask = np.zeros((NY, NX), bool)
    for (a, b) in SEA:
        mask[a, b] = True
    for v in (smcl, gpp, fsmc):
        v[..., mask] = np.nan
    return smcl, gpp, fsmc, sm_wilt, sm_crit


def times(ds):
    t = ds.createVariable("time", "f8", ("time",))
    t.standard_name = "time"
    t.units = "seconds since 2000-01-01 00:00:00"
    t.calendar = "standard"
    # mid-month instants of 2000: the 15th of each month at 00:00
    days = np.array([(np.datetime64("2000-%02d-15" % (m + 1)) - np.datetime64("2000-01-01")).astype(int)
                     for m in range(NT)])
    t[:] = days * 86400.0


def coordinates(ds, dims, lat, lon):
    la = ds.createVariable("latitude", "f4", dims)
    la.standard_name = "latitude"
    la.units = "degrees_north"
    la[:] = lat
    lo = ds.createVariable("longitude", "f4", dims)
    lo.standard_name = "longitude"
    lo.units = "degrees_east"
    lo[:] = lon


def variable(ds, name, dims, units, long_name, values):
    v = ds.createVariable(name, "f4", dims, fill_value=np.float32(FILL))
    v.units = units
    v.long_name = long_name
    v[:] = np.where(np.isnan(values), np.float32(FILL), values)


def write_outputs(out, smcl, gpp, fsmc):
    with Dataset(os.path.join(out, "jules_grid_output.nc"), "w") as ds:
        ds.createDimension("x", NX)
        ds.createDimension("y", NY)
        ds.createDimension("soil", NSOIL)
        ds.createDimension("pft", NPFT)
        ds.createDimension("time", None)
        lat2, lon2 = np.meshgrid(LAT, LON, indexing="ij")
        coordinates(ds, ("y", "x"), lat2, lon2)
        times(ds)
        variable(ds, "smcl", ("time", "soil", "y", "x"), "kg m-2", "Gridbox moisture content of each soil layer",
                 smcl)
        variable(ds, "gpp", ("time", "pft", "y", "x"), "kg m-2 s-1", "Gross primary productivity on PFTs", gpp)
        variable(ds, "fsmc", ("time", "pft", "y", "x"), "1", "Moisture availability factor", fsmc)
    # The same grid with 1-D coordinates, rows stored north to south as many 2-D ancillaries are.
    with Dataset(os.path.join(out, "jules_grid_1d_coordinates.nc"), "w") as ds:
        ds.createDimension("x", NX)
        ds.createDimension("y", NY)
        ds.createDimension("soil", NSOIL)
        ds.createDimension("time", None)
        la = ds.createVariable("latitude", "f4", ("y",))
        la.units = "degrees_north"
        la[:] = LAT[::-1]
        lo = ds.createVariable("longitude", "f4", ("x",))
        lo.units = "degrees_east"
        lo[:] = LON
        times(ds)
        variable(ds, "smcl", ("time", "soil", "y", "x"), "kg m-2", "Gridbox moisture content of each soil layer",
                 smcl[:, :, ::-1, :])
    cells = land_cells()
    order = [cells[k] for k in permutation(len(cells))]
    ii = [c[0] for c in order]
    jj = [c[1] for c in order]
    with Dataset(os.path.join(out, "jules_land_output.nc"), "w") as ds:
        ds.createDimension("x", len(order))
        ds.createDimension("y", 1)
        ds.createDimension("soil", NSOIL)
        ds.createDimension("pft", NPFT)
        ds.createDimension("time", None)
        coordinates(ds, ("y", "x"), LAT[ii][None, :], LON[jj][None, :])
        times(ds)
        variable(ds, "smcl", ("time", "soil", "y", "x"), "kg m-2", "Gridbox moisture content of each soil layer",
                 smcl[:, :, ii, jj][:, :, None, :])
        variable(ds, "gpp", ("time", "pft", "y", "x"), "kg m-2 s-1", "Gross primary productivity on PFTs",
                 gpp[:, :, ii, jj][:, :, None, :])
        variable(ds, "fsmc", ("time", "pft", "y", "x"), "1", "Moisture availability factor",
                 fsmc[:, :, ii, jj][:, :, None, :])


def write_inputs(out, sm_wilt, sm_crit):
    cells = land_cells()
    ii = [c[0] for c in cells]
    jj = [c[1] for c in cells]
    n = len(cells)
    with Dataset(os.path.join(out, "jules_ancil_land.nc"), "w") as ds:
        ds.createDimension("land", n)
        ds.createDimension("soil", NSOIL)
        ds.createDimension("tile", NTILE)
        coordinates(ds, ("land",), LAT[ii], LON[jj])
        variable(ds, "sm_wilt", ("soil", "land"), "m3 m-3", "Volumetric soil moisture at the wilting point",
                 sm_wilt[:, ii, jj])
        variable(ds, "sm_crit", ("soil", "land"), "m3 m-3", "Volumetric soil moisture at the critical point",
                 sm_crit[:, ii, jj])
        frac = np.zeros((NTILE, n), np.float32)
        for k, (i, j) in enumerate(cells):
            dominant = (i + 2 * j) % NPFT
            frac[:, k] = 0.05
            frac[dominant, k] = 1 - 0.05 * (NTILE - 1)
        variable(ds, "frac", ("tile", "land"), "1", "Fractional cover of each surface type", frac)
    with Dataset(os.path.join(out, "jules_drive_land.nc"), "w") as ds:
        ds.createDimension("land", n)
        ds.createDimension("time", 8)
        coordinates(ds, ("land",), LAT[ii], LON[jj])
        t = ds.createVariable("time", "f8", ("time",))
        t.units = "seconds since 2000-01-01 00:00:00"
        t[:] = np.arange(8) * 10800.0
        hours = np.arange(8)[:, None] * 3.0
        variable(ds, "t", ("time", "land"), "K", "Air temperature",
                 (295 + 5 * np.sin(2 * np.pi * hours / 24) + 0.1 * np.arange(n)[None, :]).astype(np.float32))
        variable(ds, "precip", ("time", "land"), "kg m-2 s-1", "Precipitation rate",
                 np.full((8, n), 2e-5, np.float32))
        variable(ds, "sw_down", ("time", "land"), "W m-2", "Downward shortwave radiation",
                 np.maximum(0, 800 * np.sin(2 * np.pi * (hours - 6) / 24)).astype(np.float32) + 0 * np.arange(n))


def write_malformed(out):
    n = 14
    with Dataset(os.path.join(out, "bad_no_coordinates.nc"), "w") as ds:
        ds.createDimension("land", n)
        ds.createDimension("soil", NSOIL)
        variable(ds, "sm_wilt", ("soil", "land"), "m3 m-3", "wilting point", np.full((NSOIL, n), 0.1, np.float32))
    with Dataset(os.path.join(out, "bad_dimensions.nc"), "w") as ds:
        ds.createDimension("land", n)
        ds.createDimension("points", n - 1)
        ds.createDimension("soil", NSOIL)
        coordinates(ds, ("land",), np.linspace(-2.75, -1.25, n), np.linspace(20.25, 22.25, n))
        variable(ds, "sm_wilt", ("soil", "points"), "m3 m-3", "wilting point",
                 np.full((NSOIL, n - 1), 0.1, np.float32))
    with Dataset(os.path.join(out, "bad_coordinate_lengths.nc"), "w") as ds:
        ds.createDimension("land", n)
        ds.createDimension("lonpts", n - 1)
        la = ds.createVariable("latitude", "f4", ("land",))
        la[:] = np.linspace(-2.75, -1.25, n)
        lo = ds.createVariable("longitude", "f4", ("lonpts",))
        lo[:] = np.linspace(20.25, 22.25, n - 1)
        variable(ds, "sm_wilt", ("land",), "m3 m-3", "wilting point", np.full(n, 0.1, np.float32))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_jules_files.py OUTPUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    smcl, gpp, fsmc, sm_wilt, sm_crit = fields()
    write_outputs(out, smcl, gpp, fsmc)
    write_inputs(out, sm_wilt, sm_crit)
    write_malformed(out)


if __name__ == "__main__":
    main()
