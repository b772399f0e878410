package org.emulens.ensemble.design;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sobol' direction numbers from Joe and Kuo's table new-joe-kuo-6.21201 (S. Joe, F. Y. Kuo, "Constructing Sobol
 * sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654), first
 * {@value #DIMENSIONS} dimensions, read from the resource {@value #RESOURCE} whose header says where it came from.
 *
 * <p>Direction number {@code k} (1-based) of a dimension is held as the 32-bit integer {@code v_k = m_k << (32 - k)},
 * i.e. the binary fraction {@code m_k / 2^k} with its first digit in the top bit.
 */
final class JoeKuoDirectionNumbers {
    static final String RESOURCE = "new-joe-kuo-6.21201.d4096.txt";
    static final int DIMENSIONS = 4096;
    static final int BITS = 32;

    private JoeKuoDirectionNumbers() {
    }

    /** Parsed once, on first use: the table is ~250 kB of text and most runs need only its first rows. */
    private static final class Table {
        /** For dimension index {@code d >= 1}: degree s, inner coefficients a, initial m_1..m_s. */
        static final int[] DEGREE = new int[DIMENSIONS];
        static final int[] COEFFICIENTS = new int[DIMENSIONS];
        static final int[][] INITIAL = new int[DIMENSIONS][];

        static {
            read();
        }

        private static void read() {
            try (InputStream in = JoeKuoDirectionNumbers.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                int expectedDimension = 2;
                boolean headerSeen = false;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    if (!headerSeen) {
                        headerSeen = true;
                        continue;
                    }
                    parseRow(line.trim().split(" +"), expectedDimension);
                    expectedDimension++;
                }
                if (expectedDimension != DIMENSIONS + 1) {
                    throw new IllegalStateException(RESOURCE + ": rows end at dimension " + (expectedDimension - 1)
                            + ", expected " + DIMENSIONS);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + RESOURCE, e);
            }
        }

        private static void parseRow(String[] fields, int expectedDimension) {
            int d = Integer.parseInt(fields[0]);
            int s = Integer.parseInt(fields[1]);
            int a = Integer.parseInt(fields[2]);
            if (d != expectedDimension || fields.length != 3 + s || s >= BITS) {
                throw new IllegalStateException(RESOURCE + ": malformed row for dimension " + expectedDimension
                        + ": " + String.join(" ", fields));
            }
            int[] m = new int[s];
            for (int k = 0; k < s; k++) {
                m[k] = Integer.parseInt(fields[3 + k]);
                if ((m[k] & 1) == 0 || m[k] >= (1 << (k + 1))) {
                    throw new IllegalStateException(RESOURCE + ": dimension " + d + ": m_" + (k + 1) + " = " + m[k]
                            + ", expected odd and < 2^" + (k + 1));
                }
            }
            DEGREE[d - 1] = s;
            COEFFICIENTS[d - 1] = a;
            INITIAL[d - 1] = m;
        }
    }

    /**
     * The 32 direction numbers {@code v_1 .. v_32} of dimension {@code dimension} (0-based), in array positions
     * 0..31. Dimension 0 is the van der Corput sequence ({@code m_k = 1} for all k). Later numbers follow Bratley
     * and Fox's recurrence, as in Joe and Kuo's reference code:
     * {@code v_k = v_{k-s} ^ (v_{k-s} >>> s) ^ XOR_{i=1..s-1} a_i v_{k-i}}.
     */
    static int[] directions(int dimension) {
        if (dimension < 0 || dimension >= DIMENSIONS) {
            throw new IllegalArgumentException("Sobol' dimension index " + dimension + " outside 0 .. "
                    + (DIMENSIONS - 1) + " (the stored Joe-Kuo table has " + DIMENSIONS + " dimensions)");
        }
        int[] v = new int[BITS];
        if (dimension == 0) {
            for (int k = 0; k < BITS; k++) {
                v[k] = 1 << (BITS - 1 - k);
            }
            return v;
        }
        int s = Table.DEGREE[dimension];
        int a = Table.COEFFICIENTS[dimension];
        int[] m = Table.INITIAL[dimension];
        for (int k = 0; k < s; k++) {
            v[k] = m[k] << (BITS - 1 - k);
        }
        for (int k = s; k < BITS; k++) {
            int next = v[k - s] ^ (v[k - s] >>> s);
            for (int i = 1; i < s; i++) {
                if (((a >>> (s - 1 - i)) & 1) != 0) {
                    next ^= v[k - i];
                }
            }
            v[k] = next;
        }
        return v;
    }
}
