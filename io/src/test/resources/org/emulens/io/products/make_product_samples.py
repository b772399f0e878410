#!/usr/bin/python3
"""Writes tiny synthetic files laid out like four EO products, and what netCDF4-python reads from them.

Run with Debian's /usr/bin/python3 (python3-netcdf4, python3-numpy) from this folder:
    /usr/bin/python3 make_product_samples.py
Each product_*.nc copies the variable names, types, packing and flag attributes of the real product
on a 4 x 5 grid (lat descending, as the ESA CCI files are); product_expected.csv holds, for every
cell, the values netCDF4-python decodes with the product's documented rule applied in numpy:
  esa-cci-sm   sm masked where flag != 0; sm_uncertainty masked where sm is
  esa-cci-lst  lst and its four uncertainty components (no flag)
  mcd43c3      Albedo_WSA_shortwave masked where BRDF_Quality > 2 (or is fill)
  esa-cci-lc   lccs_class masked where processed_flag is not "processed", then each PFT fraction
               from lccs-pft-poulter2015.csv (main resources), looked up here in plain Python
"""
import csv
import os
import numpy as np
import netCDF4

LAT = np.array([1.875, 1.625, 1.375, 1.125])        # descending, like ESA CCI
LON = np.array([30.125, 30.375, 30.625, 30.875, 31.125])
ny, nx = len(LAT), len(LON)
rng = np.random.default_rng(42)
CROSSWALK = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..', '..', 'main', 'resources',
                         'org', 'emulens', 'io', 'products', 'lccs-pft-poulter2015.csv')


def grid(ds, with_time=True):
    if with_time:
        ds.createDimension('time', 1)
        v = ds.createVariable('time', 'f8', ('time',))
        v.units = 'days since 1970-01-01 00:00:00 UTC'
        v.standard_name = 'time'
        v[:] = [17162.0]
    ds.createDimension('lat', ny)
    ds.createDimension('lon', nx)
    v = ds.createVariable('lat', 'f4', ('lat',))
    v.units = 'degrees_north'
    v.standard_name = 'latitude'
    v[:] = LAT
    v = ds.createVariable('lon', 'f4', ('lon',))
    v.units = 'degrees_east'
    v.standard_name = 'longitude'
    v[:] = LON


def esa_cci_sm():
    ds = netCDF4.Dataset('product_esa_cci_sm.nc', 'w', format='NETCDF4_CLASSIC')
    grid(ds)
    sm = rng.uniform(0.05, 0.45, size=(1, ny, nx)).astype(np.float32)
    unc = rng.uniform(0.01, 0.06, size=(1, ny, nx)).astype(np.float32)
    flag = np.zeros((1, ny, nx), dtype=np.int8)
    flag[0, 0, 1] = 1      # snow: sm is a valid number here, and must still go
    flag[0, 2, 3] = 2      # dense vegetation
    flag[0, 3, 0] = 127    # the flag's fill
    sm[0, 1, 4] = -9999.0  # sm fill with a good flag
    unc[0, 2, 2] = -9999.0 # uncertainty missing where sm is valid
    v = ds.createVariable('sm', 'f4', ('time', 'lat', 'lon'), fill_value=np.float32(-9999))
    v.units = 'm3 m-3'
    v.valid_range = np.array([0, 1], dtype=np.float32)
    v.set_auto_maskandscale(False)
    v[:] = sm
    v = ds.createVariable('sm_uncertainty', 'f4', ('time', 'lat', 'lon'), fill_value=np.float32(-9999))
    v.units = 'm3 m-3'
    v.valid_range = np.array([0, 1], dtype=np.float32)
    v.set_auto_maskandscale(False)
    v[:] = unc
    v = ds.createVariable('flag', 'i1', ('time', 'lat', 'lon'), fill_value=np.int8(127))
    v.flag_values = np.array([0, 1, 2, 127], dtype=np.int8)
    v.flag_meanings = 'no_data_inconsistency_detected snow_coverage_or_temperature_below_zero dense_vegetation NaN'
    v.set_auto_maskandscale(False)
    v[:] = flag
    ds.close()
    ds = netCDF4.Dataset('product_esa_cci_sm.nc')
    f = np.ma.filled(ds['flag'][:], 127)
    sm_m = np.ma.masked_where(f != 0, ds['sm'][:])
    unc_m = np.ma.masked_where(np.ma.getmaskarray(sm_m), ds['sm_uncertainty'][:])
    return [('esa-cci-sm', 'sm', sm_m), ('esa-cci-sm', 'sm_uncertainty', unc_m)]


def esa_cci_lst():
    ds = netCDF4.Dataset('product_esa_cci_lst.nc', 'w', format='NETCDF4')
    grid(ds)
    out = []
    lst = rng.uniform(280, 330, size=(1, ny, nx)).astype(np.float32)
    lst[0, 0, 0] = -999.0
    v = ds.createVariable('lst', 'f4', ('time', 'lat', 'lon'), fill_value=np.float32(-999))
    v.units = 'K'
    v.set_auto_maskandscale(False)
    v[:] = lst
    for name, lo, hi in (('lst_unc_ran', 0.2, 0.6), ('lst_unc_loc_atm', 0.3, 1.0), ('lst_unc_loc_sfc', 0.5, 1.5),
                         ('lst_unc_sys', 0.05, 0.15)):
        u = rng.uniform(lo, hi, size=(1, ny, nx)).astype(np.float32)
        v = ds.createVariable(name, 'f4', ('time', 'lat', 'lon'), fill_value=np.float32(-999))
        v.units = 'kelvin'
        v.set_auto_maskandscale(False)
        v[:] = u
    ds.close()
    ds = netCDF4.Dataset('product_esa_cci_lst.nc')
    value = ds['lst'][:]
    out.append(('esa-cci-lst', 'lst', value))
    for name in ('lst_unc_ran', 'lst_unc_loc_atm', 'lst_unc_loc_sfc', 'lst_unc_sys'):
        out.append(('esa-cci-lst', name, np.ma.masked_where(np.ma.getmaskarray(value), ds[name][:])))
    return out


def mcd43c3():
    ds = netCDF4.Dataset('product_mcd43c3.nc', 'w', format='NETCDF4')
    grid(ds, with_time=False)
    wsa = rng.integers(50, 400, size=(ny, nx)).astype(np.int16)
    wsa[1, 1] = 32767
    q = rng.integers(0, 6, size=(ny, nx)).astype(np.uint8)
    q[0, 0] = 255
    q[0, 1] = 2
    q[0, 2] = 3
    v = ds.createVariable('Albedo_WSA_shortwave', 'i2', ('lat', 'lon'), fill_value=np.int16(32767))
    v.scale_factor = 0.001
    v.add_offset = 0.0
    v.valid_range = np.array([0, 32766], dtype=np.int16)
    v.units = 'albedo, no units'
    v.set_auto_maskandscale(False)
    v[:] = wsa
    v = ds.createVariable('BRDF_Quality', 'u1', ('lat', 'lon'), fill_value=np.uint8(255))
    v.set_auto_maskandscale(False)
    v[:] = q
    ds.close()
    ds = netCDF4.Dataset('product_mcd43c3.nc')
    qf = np.ma.filled(ds['BRDF_Quality'][:], 255).astype(int)
    value = np.ma.masked_where(qf > 2, ds['Albedo_WSA_shortwave'][:])
    return [('mcd43c3', 'Albedo_WSA_shortwave', value[np.newaxis])]


def esa_cci_lc():
    codes = np.array([[10, 50, 62, 130, 210],
                      [190, 0, 30, 150, 220],
                      [40, 100, 180, 72, 12],
                      [200, 120, 160, 90, 11]], dtype=np.uint8)
    processed = np.ones((ny, nx), dtype=np.int8)
    processed[3, 4] = 0
    ds = netCDF4.Dataset('product_esa_cci_lc.nc', 'w', format='NETCDF4')
    grid(ds)
    v = ds.createVariable('lccs_class', 'u1', ('time', 'lat', 'lon'), fill_value=np.uint8(0))
    v.flag_values = np.array(sorted({0, 10, 11, 12, 30, 40, 50, 62, 72, 90, 100, 120, 130, 150, 160, 180, 190, 200,
                                     210, 220}), dtype=np.uint8)
    v.flag_meanings = ' '.join('class_%d' % c for c in v.flag_values)
    v.set_auto_maskandscale(False)
    v[:] = codes[np.newaxis]
    v = ds.createVariable('processed_flag', 'i1', ('time', 'lat', 'lon'))
    v.flag_values = np.array([0, 1], dtype=np.int8)
    v.flag_meanings = 'not_processed processed'
    v.set_auto_maskandscale(False)
    v[:] = processed[np.newaxis]
    ds.close()
    ds = netCDF4.Dataset('product_esa_cci_lc.nc')
    cls = np.ma.masked_where(ds['processed_flag'][:] != 1, ds['lccs_class'][:])
    out = [('esa-cci-lc', 'lccs_class', cls)]
    with open(CROSSWALK) as f:
        rows = list(csv.reader(line for line in f if not line.startswith('#')))
    header, table = rows[0], {int(r[0]): [float(x) / 100 for x in r[1:]] for r in rows[1:]}
    for p, name in enumerate(header[1:]):
        frac = np.ma.masked_all(cls.shape)
        for idx in np.ndindex(cls.shape):
            if not np.ma.is_masked(cls[idx]):
                frac[idx] = table[int(cls[idx])][p]
        out.append(('esa-cci-lc', 'pft:' + name, frac))
    return out


rows = []
for product, name, data in esa_cci_sm() + esa_cci_lst() + mcd43c3() + esa_cci_lc():
    for i in range(ny):
        for j in range(nx):
            value = data[0, i, j]
            rows.append((product, name, float(LAT[i]), float(LON[j]),
                         'NaN' if np.ma.is_masked(value) else repr(float(value))))
with open('product_expected.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['product', 'variable', 'lat', 'lon', 'value'])
    w.writerows(rows)
