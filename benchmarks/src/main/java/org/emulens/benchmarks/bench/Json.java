package org.emulens.benchmarks.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer: objects, arrays, strings, numbers and booleans, with commas placed for the
 * caller. Non-finite numbers are written as {@code null}, which JSON readers accept.
 */
final class Json {
    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether something has been written in it yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterKey;

    Json open() {
        value("{");
        open.push(new boolean[1]);
        return this;
    }

    Json close() {
        open.pop();
        out.append('\n').append("  ".repeat(open.size())).append('}');
        return this;
    }

    Json array() {
        value("[");
        open.push(new boolean[1]);
        return this;
    }

    Json closeArray() {
        open.pop();
        out.append(']');
        return this;
    }

    Json key(String name) {
        separate();
        out.append('\n').append("  ".repeat(open.size()));
        quote(name);
        out.append(": ");
        afterKey = true;
        return this;
    }

    Json string(String s) {
        separateValue();
        quote(s == null ? "" : s);
        return this;
    }

    Json number(double v) {
        return value(Double.isFinite(v) ? (v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Double.toString(v)) : "null");
    }

    Json bool(boolean b) {
        return value(Boolean.toString(b));
    }

    private Json value(String text) {
        separateValue();
        out.append(text);
        return this;
    }

    private void separateValue() {
        if (afterKey) {
            afterKey = false;
            return;
        }
        separate();
    }

    private void separate() {
        if (!open.isEmpty()) {
            boolean[] used = open.peek();
            if (used[0]) {
                out.append(", ");
            }
            used[0] = true;
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString() + "\n";
    }
}
