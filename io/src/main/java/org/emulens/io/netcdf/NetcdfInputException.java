package org.emulens.io.netcdf;

import org.emulens.engine.EmulensException;

/**
 * A NetCDF file that cannot give what was asked of it: not NetCDF, no such variable, no latitude or
 * longitude axis, nothing inside the requested region. The message names the file and the variable,
 * what was expected and what was found.
 */
public class NetcdfInputException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public NetcdfInputException(String message) {
        super(message);
    }

    public NetcdfInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
