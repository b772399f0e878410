package org.emulens.cli.serve;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of JSON (RFC 8259) that the server reads and writes, strictly: a document is one value with
 * nothing after it; objects may not repeat a key; numbers follow the grammar exactly (no NaN, no leading
 * {@code +} or zeros) and keep their text, so that a whole number can be checked as one and a decimal reads
 * as the double it names. Nesting is limited, so a hostile document cannot exhaust the stack.
 *
 * <p>Parsed values are {@code Map<String, Object>} (in document order), {@code List<Object>}, {@link String},
 * {@link Number}, {@link Boolean} and {@link #NULL}. Errors are {@link BadRequestException}s that say where.
 */
final class Json {
    /** JSON's null, distinct from a missing key. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 16;

    /** A JSON number as written; {@link #doubleValue} is the nearest double, as Java's parser rounds. */
    record Number(String text) {
        double doubleValue() {
            return Double.parseDouble(text);
        }

        /** The value as a long, or null if it is not a whole number or lies outside the long range. */
        Long wholeValue() {
            try {
                BigDecimal d = new BigDecimal(text);
                return d.stripTrailingZeros().scale() > 0 ? null : d.longValueExact();
            } catch (ArithmeticException | NumberFormatException ex) {
                return null;
            }
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** The value that {@code text} holds, or a {@link BadRequestException} naming the first fault. */
    static Object parse(String text) {
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.fault("expected the end of the document");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw fault("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw fault("expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw fault("expected a value");
        }
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek('}')) {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipSpace();
            if (!peek('"')) {
                throw fault("expected a key in double quotes");
            }
            int keyAt = pos;
            String key = string();
            if (map.containsKey(key)) {
                pos = keyAt;
                throw fault("key \"" + key + "\" given twice");
            }
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (peek('}')) {
                pos++;
                return Collections.unmodifiableMap(map);
            } else {
                throw fault("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek(']')) {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (peek(']')) {
                pos++;
                return Collections.unmodifiableList(list);
            } else {
                throw fault("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw fault("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw fault("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw fault("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw fault("expected four hex digits after \\u");
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(text.charAt(pos + k), 16);
                        if (digit < 0) {
                            throw fault("expected four hex digits after \\u");
                        }
                        code = code * 16 + digit;
                    }
                    pos += 4;
                    out.append((char) code);
                }
                default -> {
                    pos--;
                    throw fault("unknown escape \\" + e);
                }
            }
        }
    }

    private Number number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (digits() == 0) {
            throw fault("expected a digit");
        }
        if (peek('.')) {
            pos++;
            if (digits() == 0) {
                throw fault("expected a digit after the decimal point");
            }
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (digits() == 0) {
                throw fault("expected a digit in the exponent");
            }
        }
        return new Number(text.substring(start, pos));
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw fault("expected a value");
        }
        pos += word.length();
        return value;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw fault("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private BadRequestException fault(String what) {
        String found = pos >= text.length() ? "the end" : "'" + printable(text.charAt(pos)) + "'";
        return new BadRequestException("malformed JSON at character " + (pos + 1) + ": " + what + ", found " + found);
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // '<' too, so that a string can never close a script element it is embedded in
                    if (c < 0x20 || c == '<' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A double as a JSON number, or null where it is NaN or infinite (JSON has no such numbers). */
    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /**
     * Builds one JSON object, keys in the order they are added. Values are JSON text made by
     * {@link #quote}, {@link #number}, another writer, or {@link #array}.
     */
    static final class ObjectWriter {
        private final StringBuilder out = new StringBuilder("{");

        ObjectWriter raw(String key, String json) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(key)).append(':').append(json);
            return this;
        }

        ObjectWriter put(String key, String value) {
            return raw(key, value == null ? "null" : quote(value));
        }

        ObjectWriter put(String key, double value) {
            return raw(key, number(value));
        }

        ObjectWriter put(String key, long value) {
            return raw(key, Long.toString(value));
        }

        ObjectWriter put(String key, boolean value) {
            return raw(key, Boolean.toString(value));
        }

        ObjectWriter put(String key, ObjectWriter value) {
            return raw(key, value.toString());
        }

        @Override
        public String toString() {
            return out + "}";
        }
    }

    static ObjectWriter object() {
        return new ObjectWriter();
    }

    /** JSON array of already-encoded elements. */
    static String array(List<String> elements) {
        return "[" + String.join(",", elements) + "]";
    }

    static String array(double[] values) {
        List<String> parts = new ArrayList<>(values.length);
        for (double v : values) {
            parts.add(number(v));
        }
        return array(parts);
    }

    static String array(long[] values) {
        List<String> parts = new ArrayList<>(values.length);
        for (long v : values) {
            parts.add(Long.toString(v));
        }
        return array(parts);
    }
}
