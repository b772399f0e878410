package org.emulens.io.netcdf;

import org.emulens.engine.EmulensException;

/** A NetCDF file that could not be written; the message names the file and, where one is at fault, the variable. */
public class NetcdfOutputException extends EmulensException {
    private static final long serialVersionUID = 1L;

    public NetcdfOutputException(String message) {
        super(message);
    }

    public NetcdfOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
