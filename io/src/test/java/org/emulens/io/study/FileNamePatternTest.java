package org.emulens.io.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FileNamePatternTest {
    private static final String[] PATTERNS = {"*", "*.nc", "sm_*.nc", "ESACCI-*-2017????-*.nc", "a?c", "[abc]*",
        "[!abc]*", "[a-c0-9]x*", "*a*a*b", "\\*.nc", "*[-_]*", "*.*.*", "pr_2017*.nc", "??", "[!-]*"};
    private static final String[] NAMES = {"", "a", "abc", "sm_20170101.nc", "ESACCI-SOILMOISTURE-20170101-v1.nc",
        "ESACCI-SM-2017010-v1.nc", "*.nc", "x.nc", "aab", "aaab", "ab", "0xq", "dx", "x]y", "a.b.c", "pr_2017.nc",
        "pet_2017.nc", "-z", "a_b", "a-b", "b"};

    /** The same answers as the JDK's glob for every pattern both accept, on names without '/'. */
    @Test
    void agreesWithTheJdksGlob() {
        for (String p : PATTERNS) {
            FileNamePattern ours = FileNamePattern.compile(p);
            PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + p);
            for (String name : NAMES) {
                boolean expected = !name.isEmpty() && jdk.matches(Path.of(name));
                if (!name.isEmpty()) {
                    assertEquals(expected, ours.matches(name), () -> "'" + p + "' on '" + name + "'");
                }
            }
        }
        SplittableRandom r = new SplittableRandom(3);
        String alphabet = "ab*?.";
        for (int i = 0; i < 20_000; i++) {
            String p = random(r, alphabet, 1 + r.nextInt(7));
            String name = random(r, "ab.", 1 + r.nextInt(9));
            boolean expected = FileSystems.getDefault().getPathMatcher("glob:" + p).matches(Path.of(name));
            assertEquals(expected, FileNamePattern.compile(p).matches(name), () -> "'" + p + "' on '" + name + "'");
        }
    }

    /**
     * The pattern a fuzzer found: 96 stars before a literal that never comes. The JDK's glob, a backtracking
     * regular expression, did not finish in 7 minutes; this matcher's time is bounded by the name's length
     * times the pattern's (the limit here only stops a hang).
     */
    @Test
    void manyStarsDoNotBacktrackForever() {
        String pattern = "*".repeat(96) + "pet_2017.nc";
        String name = "pr_".repeat(30) + "2017.nc";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(FileNamePattern.compile(pattern).matches(name));
            assertFalse(FileNamePattern.compile("a*".repeat(60) + "b").matches("a".repeat(200)));
            assertTrue(FileNamePattern.compile("a*".repeat(60) + "b").matches("a".repeat(200) + "b"));
        });
    }

    @Test
    void badPatternsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FileNamePattern.compile("sm_[0-9.nc"))
                .getMessage().contains("not closed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FileNamePattern.compile("sm_{a,b}.nc"))
                .getMessage().contains("braces"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FileNamePattern.compile("[z-a]"))
                .getMessage().contains("backwards"));
    }

    private static String random(SplittableRandom r, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
