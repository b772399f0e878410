package org.emulens.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Where tests find the project's files, and a minimal CSV reader that shares no code with the product's. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path projectDir() {
        String p = System.getProperty("emulens.project.dir");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }

    public static Path model(String name) {
        return projectDir().resolve("models").resolve(name);
    }

    public static Path onnxFixture(String name) {
        return projectDir().resolve("engine/src/test/resources/onnx").resolve(name);
    }

    /** A numeric CSV with a header: column names and rows of doubles. */
    public record Csv(List<String> header, double[][] rows) {
        public double[] column(String name) {
            int c = header.indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + header);
            }
            return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
        }

        /** The given columns, row-major, as floats. */
        public float[] floats(List<String> names) {
            float[] out = new float[rows.length * names.size()];
            for (int j = 0; j < names.size(); j++) {
                double[] col = column(names.get(j));
                for (int i = 0; i < rows.length; i++) {
                    out[i * names.size() + j] = (float) col[i];
                }
            }
            return out;
        }
    }

    public static Csv readCsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> header = List.of(lines.get(0).split(","));
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
                }
            }
            return new Csv(header, rows.toArray(new double[0][]));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static List<String> names(List<Variable> vs) {
        return vs.stream().map(Variable::name).toList();
    }
}
