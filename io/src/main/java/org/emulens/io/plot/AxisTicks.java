package org.emulens.io.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round tick values for an axis: degrees in steps a map reader expects (1, 2, 5, 10, 15, 20, 30, 45,
 * 60, 90) and data values in steps of 1, 2 or 5 times a power of ten, about five ticks either way.
 */
final class AxisTicks {
    private static final double[] DEGREE_STEPS = {0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90};

    private AxisTicks() {
    }

    static List<Double> degrees(double lo, double hi) {
        double step = DEGREE_STEPS[DEGREE_STEPS.length - 1];
        for (double s : DEGREE_STEPS) {
            if ((hi - lo) / s <= 7) {
                step = s;
                break;
            }
        }
        return ticks(lo, hi, step);
    }

    static List<Double> values(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power
                : 10 * power;
        return ticks(lo, hi, step);
    }

    /** Multiples of step in [lo, hi], computed in decimal so that 3 x 0.2 is 0.6, not 0.6000000000000001. */
    private static List<Double> ticks(double lo, double hi, double step) {
        List<Double> t = new ArrayList<>();
        BigDecimal s = BigDecimal.valueOf(step);
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            t.add(BigDecimal.valueOf(k).multiply(s).doubleValue());
        }
        return t;
    }

    /** "20°S", "0°", "15°E": hemispheres rather than signs, as on maps. */
    static String degreeLabel(double v, boolean latitude) {
        if (!latitude && v > 180) {
            v -= 360;
        }
        String number = trim(Math.abs(v));
        if (v == 0) {
            return number + "°";
        }
        return number + "°" + (latitude ? (v > 0 ? "N" : "S") : (v > 0 ? "E" : "W"));
    }

    /** A value with as few decimals as the tick step needs. */
    static String valueLabel(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
