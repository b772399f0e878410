package org.emulens.cli.serve;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;

/**
 * One point ensemble the model page asks for, checked against the model: a nominal value and a Gaussian
 * standard deviation for every input, the member count, the output to report, whether perturbed inputs are
 * kept within their valid ranges, and whether to estimate sensitivities. Made only by {@link #parse}, so an
 * instance is always valid.
 *
 * <p>The body is a JSON object:
 * <pre>
 * {"inputs": {"theta": {"value": 0.25, "sd": 0.02}, ...},   every model input, no other
 *  "members": 100000, "output": "beta", "truncate": false, "sensitivity": true}   all optional
 * </pre>
 */
record EnsembleRequest(double[] values, double[] sds, long members, int output, boolean truncate,
                       boolean sensitivity) {
    private static final Set<String> FIELDS = Set.of("inputs", "members", "output", "truncate", "sensitivity");
    private static final Set<String> INPUT_FIELDS = Set.of("value", "sd");

    /** The request in {@code body} for {@code model}, or a {@link BadRequestException} naming the first fault. */
    static EnsembleRequest parse(String body, Emulator model, long defaultMembers, long maxMembers) {
        Map<String, Object> root = object(Json.parse(body), "request body");
        for (String key : root.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new BadRequestException("unknown field \"" + key + "\"; expected inputs, members, output, "
                        + "truncate, sensitivity");
            }
        }
        List<String> names = model.inputs().stream().map(Variable::name).toList();
        if (!root.containsKey("inputs")) {
            throw new BadRequestException("inputs: missing; expected an object giving value and sd of each of "
                    + names);
        }
        Map<String, Object> inputs = object(root.get("inputs"), "inputs");
        for (String key : inputs.keySet()) {
            if (!names.contains(key)) {
                throw new BadRequestException("inputs: unknown input \"" + key + "\"; the model's inputs are " + names);
            }
        }
        int d = names.size();
        double[] values = new double[d];
        double[] sds = new double[d];
        for (int i = 0; i < d; i++) {
            Variable v = model.inputs().get(i);
            String where = "inputs." + v.name();
            if (!inputs.containsKey(v.name())) {
                throw new BadRequestException(where + ": missing; every input needs a value and an sd");
            }
            Map<String, Object> in = object(inputs.get(v.name()), where);
            for (String key : in.keySet()) {
                if (!INPUT_FIELDS.contains(key)) {
                    throw new BadRequestException(where + ": unknown field \"" + key + "\"; expected value and sd");
                }
            }
            values[i] = value(in.get("value"), v, where + ".value");
            sds[i] = sd(in.get("sd"), v, where + ".sd");
        }
        long members = defaultMembers;
        if (root.containsKey("members")) {
            Object m = root.get("members");
            Long n = m instanceof Json.Number num ? num.wholeValue() : null;
            if (n == null || n < 2 || n > maxMembers) {
                throw new BadRequestException("members: expected a whole number from 2 to " + maxMembers + ", found "
                        + describe(m));
            }
            members = n;
        }
        int output = 0;
        if (root.containsKey("output")) {
            Object o = root.get("output");
            List<String> outputs = model.outputs().stream().map(Variable::name).toList();
            output = o instanceof String s ? outputs.indexOf(s) : -1;
            if (output < 0) {
                throw new BadRequestException("output: expected one of the model's outputs " + outputs + ", found "
                        + describe(o));
            }
        }
        return new EnsembleRequest(values, sds, members, output, flag(root, "truncate", false),
                flag(root, "sensitivity", true));
    }

    private static double value(Object o, Variable v, String where) {
        double x = finite(o, where);
        if (!v.inRange(x)) {
            throw new BadRequestException(where + ": expected a value within the valid range [" + v.validMin() + ", "
                    + v.validMax() + "] " + v.units() + ", found " + x);
        }
        return x;
    }

    /**
     * A standard deviation: finite, not negative, and for an input with a stated range at most its width,
     * beyond which the members would mostly lie where the emulator was never trained.
     */
    private static double sd(Object o, Variable v, String where) {
        double sd = finite(o, where);
        if (sd < 0) {
            throw new BadRequestException(where + ": expected a standard deviation >= 0, found " + sd);
        }
        if (v.hasRange() && sd > v.validMax() - v.validMin()) {
            throw new BadRequestException(where + ": expected at most the width of the valid range, "
                    + (v.validMax() - v.validMin()) + " " + v.units() + ", found " + sd);
        }
        return sd;
    }

    private static double finite(Object o, String where) {
        if (o == null) {
            throw new BadRequestException(where + ": missing; expected a number");
        }
        if (!(o instanceof Json.Number n)) {
            throw new BadRequestException(where + ": expected a number, found " + describe(o));
        }
        double x = n.doubleValue();
        if (!Double.isFinite(x) || Math.abs(x) > Float.MAX_VALUE) {
            throw new BadRequestException(where + ": expected a finite number, found " + describe(n));
        }
        return x;
    }

    private static boolean flag(Map<String, Object> root, String key, boolean otherwise) {
        if (!root.containsKey(key)) {
            return otherwise;
        }
        if (!(root.get(key) instanceof Boolean b)) {
            throw new BadRequestException(key + ": expected true or false, found " + describe(root.get(key)));
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String where) {
        if (!(o instanceof Map)) {
            throw new BadRequestException(where + ": expected a JSON object, found " + describe(o));
        }
        return (Map<String, Object>) o;
    }

    /** A short description of a parsed value for messages: never the whole of a long document. */
    static String describe(Object o) {
        if (o instanceof Map) {
            return "an object";
        }
        if (o instanceof List) {
            return "an array";
        }
        if (o instanceof String s) {
            return s.length() > 40 ? "a string of " + s.length() + " characters" : Json.quote(s);
        }
        if (o instanceof Json.Number n && n.text().length() > 40) {
            return "a number written with " + n.text().length() + " characters";
        }
        return String.valueOf(o);
    }
}
