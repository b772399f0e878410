package org.emulens.io.netcdf;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.nc2.Attribute;
import ucar.nc2.Variable;

/**
 * Numeric CF attributes read the way the variable's values are read: for an unsigned variable (NetCDF-4
 * {@code ubyte}, or {@code _Unsigned = "true"}) a stored byte -1 means 255 in its {@code _FillValue} and
 * {@code flag_values} just as in its data.
 */
final class CfAttributes {
    private CfAttributes() {
    }

    /** The attribute's numbers, empty when it is absent; an attribute that is text is an error. */
    static double[] numbers(Variable v, String attribute, String file) {
        Attribute a = v.findAttributeIgnoreCase(attribute);
        if (a == null) {
            return new double[0];
        }
        if (a.isString()) {
            throw new NetcdfInputException(file + ": variable '" + v.getFullName() + "': attribute " + attribute
                    + ": expected numbers, found text \"" + a.getStringValue() + "\"");
        }
        Array values = a.getValues();
        double[] out = new double[(int) values.getSize()];
        for (int k = 0; k < out.length; k++) {
            out[k] = integral(a.getDataType()) && isUnsigned(v)
                    ? unsigned(values.getLong(k), a.getDataType())
                    : values.getDouble(k);
        }
        return out;
    }

    /** The attribute's text, or {@code null} when it is absent. */
    static String text(Variable v, String attribute) {
        Attribute a = v.findAttributeIgnoreCase(attribute);
        return a == null || !a.isString() ? null : a.getStringValue();
    }

    static boolean isUnsigned(Variable v) {
        return v.isUnsigned() || "true".equalsIgnoreCase(text(v, "_Unsigned"));
    }

    static boolean integral(DataType t) {
        return t == DataType.BYTE || t == DataType.SHORT || t == DataType.INT || t == DataType.LONG;
    }

    /** {@code raw} read as an unsigned number of the width of {@code t}. */
    static long unsigned(long raw, DataType t) {
        return switch (t) {
            case BYTE -> raw & 0xFFL;
            case SHORT -> raw & 0xFFFFL;
            case INT -> raw & 0xFFFFFFFFL;
            default -> raw;
        };
    }
}
