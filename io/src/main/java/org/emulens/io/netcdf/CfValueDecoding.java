package org.emulens.io.netcdf;

import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.Index;
import ucar.nc2.Variable;

/**
 * Turns stored numbers into physical values by the CF conventions: values equal to {@code _FillValue}
 * or to any {@code missing_value}, or outside {@code valid_range} / {@code valid_min} / {@code valid_max},
 * become NaN on purpose so they are never averaged in; the others are unpacked as
 * {@code stored * scale_factor + add_offset}.
 *
 * <p>As the NetCDF User Guide says and netCDF4-python does, the tests are made on the stored (packed)
 * numbers, and a variable without {@code _FillValue} is tested against the NetCDF default fill of its
 * type (except bytes, which have none that is safe to assume).
 */
final class CfValueDecoding {
    private final DataType type;
    private final boolean unsigned;
    private final double scale;
    private final double offset;
    private final double[] missing;
    private final double validMin;
    private final double validMax;

    private CfValueDecoding(DataType type, boolean unsigned, double scale, double offset, double[] missing,
            double validMin, double validMax) {
        this.type = type;
        this.unsigned = unsigned;
        this.scale = scale;
        this.offset = offset;
        this.missing = missing;
        this.validMin = validMin;
        this.validMax = validMax;
    }

    static CfValueDecoding of(Variable v, String file) {
        DataType type = v.getDataType();
        if (!type.isNumeric()) {
            throw new NetcdfInputException(file + ": variable '" + v.getFullName() + "': expected numbers, found "
                    + type + " values");
        }
        boolean unsigned = CfAttributes.isUnsigned(v);
        double scale = single(v, "scale_factor", 1, file);
        double offset = single(v, "add_offset", 0, file);
        double[] fill = CfAttributes.numbers(v, "_FillValue", file);
        if (fill.length == 0) {
            fill = defaultFill(type, unsigned);
        }
        double[] missingValues = CfAttributes.numbers(v, "missing_value", file);
        double[] missing = new double[fill.length + missingValues.length];
        System.arraycopy(fill, 0, missing, 0, fill.length);
        System.arraycopy(missingValues, 0, missing, fill.length, missingValues.length);
        for (int k = 0; k < missing.length; k++) {
            missing[k] = asStored(missing[k], type);
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double[] range = CfAttributes.numbers(v, "valid_range", file);
        if (range.length == 2) {
            lo = range[0];
            hi = range[1];
        } else if (range.length != 0) {
            throw new NetcdfInputException(file + ": variable '" + v.getFullName() + "': valid_range: expected 2 "
                    + "numbers, found " + range.length);
        }
        lo = Math.max(lo, single(v, "valid_min", Double.NEGATIVE_INFINITY, file));
        hi = Math.min(hi, single(v, "valid_max", Double.POSITIVE_INFINITY, file));
        return new CfValueDecoding(type, unsigned, scale, offset, missing, asStored(lo, type), asStored(hi, type));
    }

    private static double single(Variable v, String attribute, double absent, String file) {
        double[] values = CfAttributes.numbers(v, attribute, file);
        if (values.length > 1) {
            throw new NetcdfInputException(file + ": variable '" + v.getFullName() + "': " + attribute
                    + ": expected one number, found " + values.length);
        }
        return values.length == 0 ? absent : values[0];
    }

    /** NetCDF's default fill values (netcdf.h, NC_FILL_*), which a variable without _FillValue holds where unwritten. */
    private static double[] defaultFill(DataType type, boolean unsigned) {
        return switch (type) {
            case SHORT -> new double[] {unsigned ? 65535 : -32767};
            case INT -> new double[] {unsigned ? 4294967295.0 : -2147483647};
            case LONG -> new double[] {unsigned ? 1.8446744073709552E19 : -9223372036854775806.0};
            case FLOAT -> new double[] {9.9692099683868690e+36f};
            case DOUBLE -> new double[] {9.9692099683868690e+36};
            default -> new double[0];
        };
    }

    /** A number as the variable stores it, so that a double attribute on a float variable still matches. */
    private static double asStored(double v, DataType type) {
        return type == DataType.FLOAT && Double.isFinite(v) ? (double) (float) v : v;
    }

    /** The stored number at {@code index}, unsigned where the variable is. */
    double stored(Array a, Index index) {
        if (CfAttributes.integral(type)) {
            long raw = a.getLong(index);
            return unsigned ? CfAttributes.unsigned(raw, type) : raw;
        }
        return a.getDouble(index);
    }

    boolean isMissing(double stored) {
        if (Double.isNaN(stored) || stored < validMin || stored > validMax) {
            return true;
        }
        for (double m : missing) {
            if (stored == m) {
                return true;
            }
        }
        return false;
    }

    /** The physical value at {@code index} in double precision (times need it), NaN where it is missing. */
    double physical(Array a, Index index) {
        double s = stored(a, index);
        return isMissing(s) ? Double.NaN : s * scale + offset;
    }

    /** The physical value at {@code index}, NaN where it is missing. */
    float decode(Array a, Index index) {
        return (float) physical(a, index);
    }
}
