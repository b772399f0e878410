package org.emulens.io.netcdf;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import ucar.ma2.Array;
import ucar.nc2.Variable;
import ucar.nc2.time.CalendarDate;
import ucar.nc2.time.CalendarDateUnit;

/**
 * Decodes a CF time coordinate ({@code units = "days since 1970-01-01 00:00:00 UTC"} and the like) into
 * instants, with NetCDF-Java's UDUNITS date parsing. Only calendars whose dates are real instants are
 * accepted; in a 360-day or no-leap calendar "1 March" is not a point on the UTC time line, and pretending
 * otherwise would shift every comparison with a user's time range.
 */
final class CfTime {
    private static final Set<String> REAL_CALENDARS = Set.of("standard", "gregorian", "proleptic_gregorian");

    private CfTime() {
    }

    static Instant[] decode(Variable time, String file) throws IOException {
        String where = file + ": time coordinate '" + time.getFullName() + "'";
        String units = CfAttributes.text(time, "units");
        if (units == null || !units.toLowerCase(Locale.ROOT).contains(" since ")) {
            throw new NetcdfInputException(where + ": expected units such as \"days since 1970-01-01\", found "
                    + (units == null ? "none" : "\"" + units + "\""));
        }
        String calendar = calendarOf(time);
        if (!REAL_CALENDARS.contains(calendar)) {
            throw new NetcdfInputException(where + ": calendar \"" + calendar + "\" is not supported; expected one "
                    + "of " + REAL_CALENDARS + ", whose dates are UTC instants");
        }
        CalendarDateUnit unit;
        try {
            unit = CalendarDateUnit.of(calendar.equals("standard") ? "gregorian" : calendar, units);
        } catch (IllegalArgumentException ex) {
            throw new NetcdfInputException(where + ": cannot parse units \"" + units + "\": " + ex.getMessage(), ex);
        }
        CfValueDecoding decoding = CfValueDecoding.of(time, file);
        Array values = time.read();
        Instant[] out = new Instant[(int) values.getSize()];
        for (int k = 0; k < out.length; k++) {
            double offset = decoding.physical(values, values.getIndex().set0(k));
            if (Double.isNaN(offset)) {
                throw new NetcdfInputException(where + ": value " + k + " is missing; expected a time");
            }
            try {
                CalendarDate date = unit.makeCalendarDate(offset);
                out[k] = Instant.ofEpochMilli(date.getMillis());
            } catch (ArithmeticException | IllegalArgumentException | DateTimeException ex) {
                // An offset beyond the calendar's range (found by fuzzing): overflows in Joda-Time's arithmetic.
                throw new NetcdfInputException(where + ": value " + k + " (" + offset + " " + units
                        + ") is not a representable date", ex);
            }
        }
        return out;
    }

    private static String calendarOf(Variable time) {
        String c = CfAttributes.text(time, "calendar");
        return c == null ? "standard" : c.trim().toLowerCase(Locale.ROOT);
    }
}
