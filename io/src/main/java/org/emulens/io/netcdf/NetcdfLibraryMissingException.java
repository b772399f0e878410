package org.emulens.io.netcdf;

/**
 * NetCDF-4 output was asked for but the NetCDF C library cannot be loaded. Never answered by silently
 * writing NetCDF-3 instead: that format is used only when chosen explicitly.
 */
public class NetcdfLibraryMissingException extends NetcdfOutputException {
    private static final long serialVersionUID = 1L;

    public NetcdfLibraryMissingException(String message) {
        super(message);
    }
}
