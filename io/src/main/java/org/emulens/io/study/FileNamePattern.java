package org.emulens.io.study;

import java.util.ArrayList;
import java.util.List;

/**
 * A file-name glob: {@code *} (any run of characters), {@code ?} (one character), {@code [abc]},
 * {@code [a-z]}, {@code [!abc]} or {@code [^abc]} (one character of, or not of, a set) and {@code \} (the
 * next character as itself). Matching takes time proportional to the name's length times the pattern's,
 * whatever the pattern: the JDK's globs become regular expressions that backtrack, and a pattern with many
 * {@code *} (found by fuzzing a study file) kept them busy for minutes on one file name.
 */
final class FileNamePattern {
    /** One pattern element: a star, or a test of one character. */
    private record Element(boolean star, String chars, boolean negated, boolean any) {
        boolean matches(char c) {
            if (any) {
                return true;
            }
            boolean in = false;
            for (int i = 0; i < chars.length() && !in; i += 2) {
                in = c >= chars.charAt(i) && c <= chars.charAt(i + 1);
            }
            return in != negated;
        }
    }

    private static final Element STAR = new Element(true, "", false, false);
    private static final Element ANY = new Element(false, "", false, true);

    private final List<Element> elements;

    private FileNamePattern(List<Element> elements) {
        this.elements = List.copyOf(elements);
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code glob} */
    static FileNamePattern compile(String glob) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (out.isEmpty() || out.get(out.size() - 1) != STAR) {
                    out.add(STAR);
                }
            } else if (c == '?') {
                out.add(ANY);
            } else if (c == '[') {
                i = set(glob, i, out);
            } else if (c == '{' || c == '}') {
                throw new IllegalArgumentException("alternatives in braces are not supported (at position " + i
                        + "); write one pattern per set of files, or escape the brace as \\" + c);
            } else {
                if (c == '\\') {
                    if (++i == glob.length()) {
                        throw new IllegalArgumentException("a '\\' at the end escapes nothing");
                    }
                    c = glob.charAt(i);
                }
                out.add(new Element(false, "" + c + c, false, false));
            }
        }
        return new FileNamePattern(out);
    }

    /** Parses the set that opens at {@code glob[open]}; returns the index of its closing bracket. */
    private static int set(String glob, int open, List<Element> out) {
        int i = open + 1;
        boolean negated = i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
        if (negated) {
            i++;
        }
        StringBuilder ranges = new StringBuilder();
        for (boolean first = true; i < glob.length() && (first || glob.charAt(i) != ']'); first = false, i++) {
            char from = glob.charAt(i);
            char to = from;
            if (i + 2 < glob.length() && glob.charAt(i + 1) == '-' && glob.charAt(i + 2) != ']') {
                to = glob.charAt(i + 2);
                i += 2;
                if (to < from) {
                    throw new IllegalArgumentException("the range " + from + "-" + to + " runs backwards (at position "
                            + open + ")");
                }
            }
            ranges.append(from).append(to);
        }
        if (i >= glob.length()) {
            throw new IllegalArgumentException("the set opened by '[' at position " + open + " is not closed");
        }
        out.add(new Element(false, ranges.toString(), negated, false));
        return i;
    }

    /**
     * Whether {@code name} matches. Greedy, remembering only the last star: when the rest fails to match,
     * that star takes one more character. This is complete for patterns whose only repetition is the star.
     */
    boolean matches(String name) {
        int e = 0;
        int n = 0;
        int star = -1;
        int starAt = 0;
        while (n < name.length()) {
            if (e < elements.size() && elements.get(e).star()) {
                star = e++;
                starAt = n;
            } else if (e < elements.size() && elements.get(e).matches(name.charAt(n))) {
                e++;
                n++;
            } else if (star >= 0) {
                e = star + 1;
                n = ++starAt;
            } else {
                return false;
            }
        }
        while (e < elements.size() && elements.get(e).star()) {
            e++;
        }
        return e == elements.size();
    }
}
