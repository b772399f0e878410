package org.emulens.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the tests' input files are: the shared EO data, and resources made by the committed scripts. */
public final class TestFiles {
    private TestFiles() {
    }

    /** A file of the shared test data, e.g. {@code esa-cci-sm/...nc}; read-only. */
    public static Path sharedData(String relative) {
        String dir = System.getProperty("emulens.shared.dir", "../shared");
        Path p = Path.of(dir, "data", relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shared test data " + p.toAbsolutePath() + " is missing");
        }
        return p;
    }

    /** A test resource next to {@code anchor}'s package. */
    public static Path resource(Class<?> anchor, String name) {
        URL url = anchor.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " beside " + anchor.getName() + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Rows of a simple comma-separated file (no quoted commas) by header name. */
    public static List<Map<String, String>> csv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 0; k < header.length; k++) {
                    row.put(header[k], cells[k]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The value a row states, NaN for "NaN". */
    public static float value(Map<String, String> row) {
        return Float.parseFloat(row.get("value"));
    }
}
