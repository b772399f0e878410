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

    /**
     * NetCDF-Java meets a damaged file (a header whose sizes or offsets do not match the data) with
     * runtime exceptions, or with its own assertions where those are on: a bad input like any other.
     *
     * @param where the file, and the variable and what was being done
     */
    public static NetcdfInputException damaged(String where, Throwable cause) {
        return new NetcdfInputException(where + ": the file is damaged or not what its header says (" + cause + ")",
                cause);
    }
}
