package org.emulens.io.netcdf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import ucar.nc2.Variable;

/**
 * Which values of a quality-flag variable mark a cell as bad. Either plain numbers ("non-zero is bad",
 * "only 0, 1 and 2 are good") or CF flag meanings, resolved against the variable's
 * {@code flag_meanings} with {@code flag_values}, {@code flag_masks} or both, so a rule reads as the
 * product documentation does ("snow_coverage_or_temperature_below_zero is bad"). Immutable.
 *
 * <p>A flag cell that is itself missing (its {@code _FillValue}) is always bad: with no quality known,
 * the value is not trusted.
 */
public final class FlagRule {
    private enum Kind { NON_ZERO_IS_BAD, GOOD_VALUES, BAD_MEANINGS, GOOD_MEANINGS }

    private final Kind kind;
    private final long[] values;
    private final List<String> meanings;

    private FlagRule(Kind kind, long[] values, List<String> meanings) {
        this.kind = kind;
        this.values = values;
        this.meanings = meanings;
    }

    /** Any flag other than 0 marks the cell bad (ESA CCI soil moisture: 0 is "no inconsistency detected"). */
    public static FlagRule nonZeroIsBad() {
        return new FlagRule(Kind.NON_ZERO_IS_BAD, new long[0], List.of());
    }

    /** Only these flag numbers are good, e.g. MODIS BRDF quality 0, 1 and 2; all others are bad. */
    public static FlagRule goodValues(long... good) {
        if (good.length == 0) {
            throw new IllegalArgumentException("flag rule: expected at least one good value, found none");
        }
        return new FlagRule(Kind.GOOD_VALUES, good.clone(), List.of());
    }

    /** Cells whose flag carries any of these CF flag meanings are bad; all others are good. */
    public static FlagRule badMeanings(String... names) {
        return new FlagRule(Kind.BAD_MEANINGS, new long[0], nonEmpty(names));
    }

    /** Only cells whose flag carries one of these CF flag meanings are good. */
    public static FlagRule goodMeanings(String... names) {
        return new FlagRule(Kind.GOOD_MEANINGS, new long[0], nonEmpty(names));
    }

    private static List<String> nonEmpty(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("flag rule: expected at least one flag meaning, found none");
        }
        return List.of(names);
    }

    /** How the rule reads, for messages and provenance. */
    public String describe() {
        return switch (kind) {
            case NON_ZERO_IS_BAD -> "flag != 0 is bad";
            case GOOD_VALUES -> "flag in " + Arrays.toString(values) + " is good";
            case BAD_MEANINGS -> "flag meaning in " + meanings + " is bad";
            case GOOD_MEANINGS -> "flag meaning in " + meanings + " is good";
        };
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The test for {@code flag}'s stored numbers; true means bad. */
    LongPredicate bind(Variable flag, String file) {
        double[] fills = CfAttributes.numbers(flag, "_FillValue", file);
        LongPredicate rule = switch (kind) {
            case NON_ZERO_IS_BAD -> f -> f != 0;
            case GOOD_VALUES -> f -> !contains(values, f);
            case BAD_MEANINGS -> anyMeaning(flag, file);
            case GOOD_MEANINGS -> anyMeaning(flag, file).negate();
        };
        long[] fill = Arrays.stream(fills).mapToLong(d -> (long) d).toArray();
        return f -> contains(fill, f) || rule.test(f);
    }

    private static boolean contains(long[] set, long f) {
        for (long v : set) {
            if (v == f) {
                return true;
            }
        }
        return false;
    }

    /** True where the flag carries any of the rule's meanings, decoded as CF section 3.5 describes. */
    private LongPredicate anyMeaning(Variable flag, String file) {
        String text = CfAttributes.text(flag, "flag_meanings");
        String where = file + ": flag variable '" + flag.getFullName() + "'";
        if (text == null) {
            throw new NetcdfInputException(where + ": rule '" + describe() + "' needs a flag_meanings attribute, "
                    + "found none; use numeric flag values instead");
        }
        List<String> names = List.of(text.trim().split("\\s+"));
        double[] flagValues = CfAttributes.numbers(flag, "flag_values", file);
        double[] flagMasks = CfAttributes.numbers(flag, "flag_masks", file);
        int n = names.size();
        if ((flagValues.length != 0 && flagValues.length != n) || (flagMasks.length != 0 && flagMasks.length != n)
                || (flagValues.length == 0 && flagMasks.length == 0)) {
            throw new NetcdfInputException(where + ": expected flag_values and/or flag_masks with one number per "
                    + "flag meaning (" + n + "), found " + flagValues.length + " flag_values and " + flagMasks.length
                    + " flag_masks");
        }
        Set<String> unknown = new LinkedHashSet<>(meanings);
        unknown.removeAll(names);
        if (!unknown.isEmpty()) {
            throw new NetcdfInputException(where + ": flag meanings " + unknown + " not found; it has " + names);
        }
        List<long[]> tests = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (meanings.contains(names.get(k))) {
                long value = flagValues.length == 0 ? -1 : (long) flagValues[k];
                long mask = flagMasks.length == 0 ? -1 : (long) flagMasks[k];
                tests.add(new long[] {value, mask});
            }
        }
        boolean hasValues = flagValues.length != 0;
        boolean hasMasks = flagMasks.length != 0;
        return f -> {
            for (long[] t : tests) {
                boolean match = hasValues && hasMasks ? (f & t[1]) == t[0]
                        : hasMasks ? (f & t[1]) != 0
                        : f == t[0];
                if (match) {
                    return true;
                }
            }
            return false;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlagRule r && r.kind == kind && Arrays.equals(r.values, values)
                && r.meanings.equals(meanings);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + meanings.hashCode() + Arrays.hashCode(values);
    }
}
