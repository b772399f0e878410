package org.emulens.io.netcdf;

import java.io.IOException;
import java.time.Instant;
import ucar.ma2.Array;
import ucar.ma2.Index;
import ucar.nc2.Variable;

/**
 * The CF decoding of {@link NetcdfGridFile} for readers of other layouts (JULES land points, say): physical
 * values with missing ones as NaN, and time coordinates as instants. Immutable.
 */
public final class CfVariableValues {
    private final CfValueDecoding decoding;

    private CfVariableValues(CfValueDecoding decoding) {
        this.decoding = decoding;
    }

    /**
     * The decoding of {@code v} by its CF attributes.
     *
     * @throws NetcdfInputException naming {@code file} and the variable if it does not hold numbers
     */
    public static CfVariableValues of(Variable v, String file) {
        return new CfVariableValues(CfValueDecoding.of(v, file));
    }

    /** The physical value at {@code index} of {@code a} (read from the variable), NaN where missing. */
    public float value(Array a, Index index) {
        return decoding.decode(a, index);
    }

    /**
     * The instants of a CF time coordinate ("seconds since 2000-01-01", standard calendars).
     *
     * @throws NetcdfInputException naming {@code file} if the units or calendar are not understood
     */
    public static Instant[] times(Variable time, String file) throws IOException {
        return CfTime.decode(time, file);
    }
}
