#!/usr/bin/python3
"""Writes the small NetCDF-3 files in JULES's layouts that seed JulesFileFuzzTest.

Usage: /usr/bin/python3 scripts/jules/make_jules_fuzz_seeds.py OUTPUT_DIR

Needs numpy and netCDF4 (Debian: python3-numpy python3-netcdf4). The files are kept small (a few hundred
bytes) so that mutating them is fast; NetCDF-3 so that most mutations reach our code rather than stop in
the HDF5 header (make_jules_files.py's ancillary file, NetCDF-4/HDF5, is the seed for that format):

- ``seed_land_points``: land-points output, ``x`` = 3 points, ``y`` = 1, 2-D ``latitude(y, x)`` /
  ``longitude(y, x)``, ``smcl(time, soil, y, x)`` with a ``time`` coordinate, sea as _FillValue.
- ``seed_gridded``: a 2 x 2 grid with 1-D ``latitude(y)`` / ``longitude(x)`` and ``gpp(time, pft, y, x)``,
  scaled (scale_factor, add_offset) shorts.
- ``seed_land_dimension``: a 1-D input grid on ``land`` (3 points) with ``sm_wilt(soil, land)``.
"""
import os
import sys

import numpy as np
from netCDF4 import Dataset


def land_points(path):
    with Dataset(path, "w", format="NETCDF3_CLASSIC") as nc:
        nc.createDimension("x", 3)
        nc.createDimension("y", 1)
        nc.createDimension("soil", 2)
        nc.createDimension("time", None)
        lat = nc.createVariable("latitude", "f4", ("y", "x"))
        lon = nc.createVariable("longitude", "f4", ("y", "x"))
        lat[:] = [[-2.75, -2.75, -2.25]]
        lon[:] = [[20.25, 20.75, 20.25]]
        t = nc.createVariable("time", "f8", ("time",))
        t.units = "seconds since 2016-01-01 00:00:00"
        t.calendar = "standard"
        t[:] = [0.0, 86400.0]
        v = nc.createVariable("smcl", "f4", ("time", "soil", "y", "x"), fill_value=-1.0e20)
        v.units = "kg m-2"
        v[:] = np.arange(12, dtype="f4").reshape(2, 2, 1, 3)


def gridded(path):
    with Dataset(path, "w", format="NETCDF3_CLASSIC") as nc:
        nc.createDimension("x", 2)
        nc.createDimension("y", 2)
        nc.createDimension("pft", 2)
        nc.createDimension("time", 1)
        lat = nc.createVariable("latitude", "f4", ("y",))
        lon = nc.createVariable("longitude", "f4", ("x",))
        lat[:] = [-1.25, -1.75]
        lon[:] = [20.25, 20.75]
        t = nc.createVariable("time", "f8", ("time",))
        t.units = "days since 2016-01-01"
        t[:] = [0.0]
        v = nc.createVariable("gpp", "i2", ("time", "pft", "y", "x"), fill_value=-32768)
        v.scale_factor = 1.0e-9
        v.add_offset = 0.0
        v.units = "kg m-2 s-1"
        v.set_auto_maskandscale(False)
        v[:] = np.array([[[[100, 200], [-32768, 400]], [[500, 600], [-32768, 800]]]], dtype="i2")


def land_dimension(path):
    with Dataset(path, "w", format="NETCDF3_CLASSIC") as nc:
        nc.createDimension("land", 3)
        nc.createDimension("soil", 2)
        lat = nc.createVariable("latitude", "f4", ("land",))
        lon = nc.createVariable("longitude", "f4", ("land",))
        lat[:] = [-2.75, -2.75, -2.25]
        lon[:] = [20.25, 20.75, 20.25]
        v = nc.createVariable("sm_wilt", "f4", ("soil", "land"))
        v.units = "m3 m-3"
        v[:] = [[0.1, 0.12, 0.14], [0.11, 0.13, 0.15]]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    land_points(os.path.join(out, "seed_land_points"))
    gridded(os.path.join(out, "seed_gridded"))
    land_dimension(os.path.join(out, "seed_land_dimension"))


if __name__ == "__main__":
    main()
