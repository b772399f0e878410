package org.emulens.io.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emulens.io.AtomicFile;

/**
 * Numeric tables in comma-separated text with a header row: read by column name into a row-major
 * float matrix, and written the same way. Empty cells and {@code NaN} are read as NaN on purpose, so
 * a missing value stays missing instead of becoming zero.
 */
public final class NumericCsv {

    private NumericCsv() {
    }

    /** Rows of {@code columns} (in that order) from {@code file}, row-major, with the row count. */
    public record Table(List<String> columns, int rows, float[] values) {
        public float get(int row, int column) {
            return values[row * columns.size() + column];
        }
    }

    /** Reads the named columns; other columns are ignored, so a file may carry ids or notes. */
    public static Table read(Path file, List<String> columns) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new CsvFormatException(file + ": the file is empty; expected a header row naming the columns "
                        + columns);
            }
            List<String> names = split(stripBom(header));
            int[] index = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                index[c] = names.indexOf(columns.get(c));
                if (index[c] < 0) {
                    throw new CsvFormatException(file + ":1: missing column '" + columns.get(c) + "'; the header has "
                            + names);
                }
            }
            FloatList values = new FloatList();
            int rows = 0;
            int lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line);
                if (cells.size() != names.size()) {
                    throw new CsvFormatException(file + ":" + lineNo + ": expected " + names.size() + " fields as in "
                            + "the header, found " + cells.size());
                }
                for (int c = 0; c < index.length; c++) {
                    values.add(parse(cells.get(index[c]), file, lineNo, columns.get(c)));
                }
                rows++;
            }
            return new Table(List.copyOf(columns), rows, values.toArray());
        } catch (NoSuchFileException ex) {
            throw new CsvFormatException(file + ": no such file");
        } catch (IOException | UncheckedIOException ex) {
            throw new CsvFormatException(file + ": cannot read: " + ex.getMessage(), ex);
        }
    }

    /** Writes a header and rows to {@code file} through a temporary file renamed into place. */
    public static void write(Path file, List<String> columns, float[] values, int rows) {
        AtomicFile.write(file, w -> writeTo(w, columns, values, rows));
    }

    /** Writes rows of doubles (designs keep full precision) with a header, through a temporary file. */
    public static void writeRows(Path file, List<String> columns, double[][] rows) {
        AtomicFile.write(file, w -> {
            w.write(String.join(",", columns));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (double[] row : rows) {
                sb.setLength(0);
                for (int c = 0; c < row.length; c++) {
                    sb.append(c > 0 ? "," : "").append(row[c]);
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        });
    }

    private static void writeTo(Writer w, List<String> columns, float[] values, int rows) throws IOException {
        w.write(String.join(",", columns));
        w.write('\n');
        int n = columns.size();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sb.setLength(0);
            for (int c = 0; c < n; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                // Float.toString is the shortest text that reads back to the same float.
                sb.append(Float.toString(values[i * n + c]));
            }
            sb.append('\n');
            w.write(sb.toString());
        }
    }

    private static float parse(String cell, Path file, int line, String column) {
        String s = cell.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na")) {
            return Float.NaN;
        }
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException ex) {
            throw new CsvFormatException(file + ":" + line + ": column '" + column + "': expected a number, found '"
                    + s + "'");
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Splits on commas, honouring double quotes around a field (as spreadsheets write names). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }

    /** A growable float array, to avoid boxing millions of values. */
    private static final class FloatList {
        private float[] data = new float[1024];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
