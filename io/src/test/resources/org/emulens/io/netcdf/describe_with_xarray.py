#!/usr/bin/python3
"""Prints, as JSON, what xarray (with netCDF4-python) reads from a file: the independent view the
CF writer's end-to-end test checks. Usage: /usr/bin/python3 describe_with_xarray.py FILE"""
import json
import math
import sys

import netCDF4
import xarray as xr

path = sys.argv[1]
with netCDF4.Dataset(path) as raw:
    data_model = raw.data_model
    fills = {name: float(v.getncattr('_FillValue')) for name, v in raw.variables.items() if '_FillValue' in v.ncattrs()}
ds = xr.open_dataset(path, decode_times=True)


def clean(values):
    return [None if isinstance(x, float) and math.isnan(x) else x for x in values]


out = {
    'data_model': data_model,
    'global': {k: (v if isinstance(v, str) else str(v)) for k, v in ds.attrs.items()},
    'coords': {},
    'vars': {},
    'fill': fills,
}
for name, c in ds.coords.items():
    values = c.values
    if values.dtype.kind == 'M':
        values = [str(x)[:19] + 'Z' for x in values.astype('datetime64[s]')]
    else:
        values = [float(x) for x in values]
    out['coords'][name] = {'attrs': {k: str(v) for k, v in c.attrs.items()}, 'values': values,
                           'encoding_units': str(c.encoding.get('units', ''))}
for name, v in ds.data_vars.items():
    out['vars'][name] = {'dims': list(v.dims), 'attrs': {k: str(v2) for k, v2 in v.attrs.items()},
                         'values': clean([float(x) for x in v.values.ravel()])}
print(json.dumps(out))
