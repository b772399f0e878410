/**
 * NetCDF in and out with the CF conventions. Reading ({@link org.emulens.io.netcdf.NetcdfGridFile}) is
 * pure Java for NetCDF-3, NetCDF-4/HDF5 and HDF4, reads only the requested section, and turns packed,
 * filled, out-of-range and flagged values into physical floats or NaN. Writing
 * ({@link org.emulens.io.netcdf.CfGridWriter}) produces CF-1.8 per-cell statistics with provenance,
 * as NetCDF-4 through the NetCDF C library ({@link org.emulens.io.netcdf.NetcdfCLibrary}) or, when
 * chosen explicitly, as NetCDF-3 64-bit offset.
 */
package org.emulens.io.netcdf;
