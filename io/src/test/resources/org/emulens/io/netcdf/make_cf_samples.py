#!/usr/bin/python3
"""Writes the small CF sample files the NetCDF reader is tested on, and what netCDF4-python makes of them.

Run with Debian's /usr/bin/python3 (python3-netcdf4, python3-numpy) from this folder:
    /usr/bin/python3 make_cf_samples.py
It writes cf_samples_nc4.nc (NetCDF-4), cf_samples_nc3.nc (NetCDF-3 64-bit offset, where the unsigned
byte is a byte with _Unsigned = "true") and cf_samples_expected.csv: the values netCDF4-python decodes
(mask and scale on) for the cells of the test box, in ascending latitude and longitude, so that the
Java reader is checked against an independent CF implementation.

The grid is deliberately awkward: latitude descending, longitude 0..360, so the test box
lat -10..10, lon -60..60 crosses the file's 0/360 seam and must come back ascending in -180..180.
"""
import csv
import numpy as np
import netCDF4

LAT = np.array([12.5, 7.5, 2.5, -2.5, -7.5, -12.5])          # descending
LON = np.arange(15.0, 360.0, 30.0)                            # 0..360
TIME = np.array([0.0, 1.5, 31.0])                             # days since 2000-01-01
BOX = (-10.0, 10.0, -60.0, 60.0)                              # south, north, west, east
TIME_FROM, TIME_TO = '2000-01-01T12:00:00', '2000-02-15T00:00:00'

rng = np.random.default_rng(20161227)
nt, ny, nx = len(TIME), len(LAT), len(LON)
t2m = rng.integers(-25000, 25000, size=(nt, ny, nx)).astype(np.int16)
t2m[0, 1, 0] = -32767   # _FillValue
t2m[1, 2, 11] = -32000  # missing_value
t2m[2, 3, 1] = -32767
frac = rng.integers(0, 256, size=(ny, nx)).astype(np.uint8)
frac[2, 0] = 255        # _FillValue
frac[3, 11] = 200       # above 127: wrong if read as signed
qflag = rng.integers(0, 8, size=(nt, ny, nx)).astype(np.uint8)
qflag[1, 1, 0] = 255    # the flag's own fill
qclass = rng.integers(0, 3, size=(nt, ny, nx)).astype(np.int32)
dbl = rng.uniform(-20, 120, size=(nt, ny, nx))
dbl[1, 2, 1] = 9.969209968386869e36   # the default double fill, no _FillValue attribute
levels = rng.uniform(0, 1, size=(nt, 2, ny, nx)).astype(np.float32)


def write(path, fmt):
    ds = netCDF4.Dataset(path, 'w', format=fmt)
    ds.Conventions = 'CF-1.8'
    ds.title = 'Emulens CF reader test sample'
    ds.createDimension('time', nt)
    ds.createDimension('lat', ny)
    ds.createDimension('lon', nx)
    ds.createDimension('level', 2)
    ds.createDimension('y', 2)
    ds.createDimension('x', 3)
    v = ds.createVariable('time', 'f8', ('time',))
    v.units = 'days since 2000-01-01 00:00:00'
    v.calendar = 'gregorian'
    v.standard_name = 'time'
    v[:] = TIME
    v = ds.createVariable('lat', 'f4', ('lat',))
    v.units = 'degrees_north'
    v[:] = LAT
    v = ds.createVariable('lon', 'f4', ('lon',))
    v.units = 'degrees_east'
    v[:] = LON
    v = ds.createVariable('level', 'f4', ('level',))
    v.units = 'm'
    v.axis = 'Z'
    v[:] = [0.05, 0.2]

    v = ds.createVariable('t2m', 'i2', ('time', 'lat', 'lon'), fill_value=np.int16(-32767))
    v.set_auto_maskandscale(False)
    v.units = 'K'
    v.scale_factor = np.float32(0.01)
    v.add_offset = np.float32(273.15)
    v.missing_value = np.int16(-32000)
    v.valid_range = np.array([-20000, 20000], dtype=np.int16)
    v[:] = t2m

    if fmt == 'NETCDF4':
        v = ds.createVariable('frac', 'u1', ('lat', 'lon'), fill_value=np.uint8(255))
        v.set_auto_maskandscale(False)
        v[:] = frac
    else:
        v = ds.createVariable('frac', 'i1', ('lat', 'lon'), fill_value=np.int8(-1))
        v.set_auto_maskandscale(False)
        v._Unsigned = 'true'
        v[:] = frac.view(np.int8)
    v.units = '1'
    v.scale_factor = np.float32(0.004)

    if fmt == 'NETCDF4':
        v = ds.createVariable('qflag', 'u1', ('time', 'lat', 'lon'), fill_value=np.uint8(255))
        v.set_auto_maskandscale(False)
        v.flag_masks = np.array([1, 2, 4], dtype=np.uint8)
        v[:] = qflag
    else:
        v = ds.createVariable('qflag', 'i1', ('time', 'lat', 'lon'), fill_value=np.int8(-1))
        v.set_auto_maskandscale(False)
        v._Unsigned = 'true'
        v.flag_masks = np.array([1, 2, 4], dtype=np.int8)
        v[:] = qflag.view(np.int8)
    v.flag_meanings = 'cloud snow water'

    v = ds.createVariable('qclass', 'i4', ('time', 'lat', 'lon'), fill_value=False)
    v.set_auto_maskandscale(False)
    v.flag_values = np.array([0, 1, 2], dtype=np.int32)
    v.flag_meanings = 'good medium bad'
    v[:] = qclass

    v = ds.createVariable('dbl', 'f8', ('time', 'lat', 'lon'), fill_value=False)
    v.set_auto_maskandscale(False)
    v.units = 'percent'
    v.valid_min = 0.0
    v.valid_max = 100.0
    v[:] = dbl

    v = ds.createVariable('levels', 'f4', ('time', 'level', 'lat', 'lon'))
    v.units = '1'
    v[:] = levels
    v = ds.createVariable('noaxes', 'f4', ('y', 'x'))
    v[:] = np.zeros((2, 3), dtype=np.float32)
    ds.close()


def box_indices():
    south, north, west, east = BOX
    rows = [i for i in range(ny) if south <= LAT[i] <= north]
    rows.sort(key=lambda i: LAT[i])
    shifted = {j: west + ((LON[j] - west) % 360) for j in range(nx)}
    cols = [j for j in range(nx) if shifted[j] <= east]
    cols.sort(key=lambda j: shifted[j])
    return rows, cols, shifted


def expected_rows(path, tag):
    ds = netCDF4.Dataset(path)
    ds.set_auto_maskandscale(True)
    times = netCDF4.num2date(ds['time'][:], ds['time'].units, ds['time'].calendar,
                             only_use_cftime_datetimes=False, only_use_python_datetimes=True)
    iso = [t.strftime('%Y-%m-%dT%H:%M:%SZ') for t in times]
    steps = [k for k in range(nt) if TIME_FROM + 'Z' <= iso[k] <= TIME_TO + 'Z']
    rows, cols, shifted = box_indices()
    out = []
    qf = np.ma.filled(ds['qflag'][:], 255).astype(np.int64)
    qc = ds['qclass'][:]
    snow_bad = ((qf & 2) != 0) | (qf == 255)
    class_bad = qc != 0
    for name in ('t2m', 'dbl'):
        data = ds[name][:]
        for k in steps:
            for i in rows:
                for j in cols:
                    value = data[k, i, j]
                    out.append((tag, name, iso[k], float(LAT[i]), shifted[j],
                                'NaN' if np.ma.is_masked(value) else repr(float(value))))
    t2m_snow = np.ma.masked_where(snow_bad, ds['t2m'][:])
    dbl_class = np.ma.masked_where(class_bad, ds['dbl'][:])
    for name, data in (('t2m_without_snow', t2m_snow), ('dbl_good_only', dbl_class)):
        for k in steps:
            for i in rows:
                for j in cols:
                    value = data[k, i, j]
                    out.append((tag, name, iso[k], float(LAT[i]), shifted[j],
                                'NaN' if np.ma.is_masked(value) else repr(float(value))))
    frac_data = ds['frac'][:]
    for i in rows:
        for j in cols:
            value = frac_data[i, j]
            out.append((tag, 'frac', '', float(LAT[i]), shifted[j],
                        'NaN' if np.ma.is_masked(value) else repr(float(value))))
    ds.close()
    return out


write('cf_samples_nc4.nc', 'NETCDF4')
write('cf_samples_nc3.nc', 'NETCDF3_64BIT_OFFSET')
with open('cf_samples_expected.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['file', 'variable', 'time', 'lat', 'lon', 'value'])
    for tag, path in (('nc4', 'cf_samples_nc4.nc'), ('nc3', 'cf_samples_nc3.nc')):
        w.writerows(expected_rows(path, tag))
