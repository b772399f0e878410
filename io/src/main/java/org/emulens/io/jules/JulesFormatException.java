package org.emulens.io.jules;

import org.emulens.io.netcdf.NetcdfInputException;

/**
 * A JULES NetCDF file that does not follow JULES's layout: land points without coordinates, a variable
 * on other dimensions than the file's points, a layer index outside its dimension. The message names the
 * file and the variable, what was expected and what was found.
 */
public class JulesFormatException extends NetcdfInputException {
    private static final long serialVersionUID = 1L;

    public JulesFormatException(String message) {
        super(message);
    }
}
