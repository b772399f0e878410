package org.emulens.io.jules;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;

/**
 * Runs an emulator on JULES's own inputs and compares it with JULES's output, cell by cell and time step
 * by time step: {@link ValidationMetrics} per cell, per season (DJF, MAM, JJA, SON) and overall, and per
 * PFT when the JULES variable has a {@code pft} dimension that is not selected. Everything lies on the
 * grid of the JULES output's points; inputs are placed on it by their coordinates. A (cell, time step)
 * with a missing input or JULES value is left out, never filled.
 */
public final class JulesValidation {
    /** Rows evaluated at once. */
    private static final int CHUNK = 1 << 16;

    /** Meteorological seasons, by month. */
    public static final List<String> SEASONS = List.of("DJF", "MAM", "JJA", "SON");

    /** A JULES variable: the file, the name, and one index (from 0) of each layer dimension to take. */
    public record Source(Path file, String variable, Map<String, Integer> select) {
        public Source {
            select = Map.copyOf(select);
        }

        /**
         * {@code "smcl:soil=1"} or {@code "fsmc:pft=2,time=3"} in {@code file}: a variable and its layers,
         * counted from 1 as JULES's namelists count them.
         *
         * @throws JulesFormatException if the text is not of that form
         */
        public static Source parse(Path file, String spec) {
            String[] parts = spec.split(":", 2);
            Map<String, Integer> select = new LinkedHashMap<>();
            if (parts.length == 2) {
                for (String item : parts[1].split(",")) {
                    String[] kv = item.split("=", 2);
                    int index;
                    try {
                        index = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : 0;
                    } catch (NumberFormatException ex) {
                        index = 0;
                    }
                    if (kv.length != 2 || kv[0].isBlank() || index < 1) {
                        throw new JulesFormatException("'" + spec + "': expected VARIABLE or VARIABLE:DIM=N[,DIM=N] "
                                + "with N counted from 1 (soil=1 is the top layer), found '" + item + "'");
                    }
                    select.put(kv[0].trim(), index - 1);
                }
            }
            if (parts[0].isBlank()) {
                throw new JulesFormatException("'" + spec + "': expected a variable name before ':'");
            }
            return new Source(file, parts[0].trim(), select);
        }
    }

    /** The metrics of one comparison: all PFTs together ("all") or one PFT ("pft3"). */
    public record Group(String name, ValidationMetrics[] cells, ValidationMetrics total,
            Map<String, ValidationMetrics> seasons) {
    }

    /** What a validation found; {@code evaluations} counts the (cell, time step) rows the emulator ran. */
    public record Result(LatLonGrid grid, String output, String units, Source reference, List<Group> groups,
            long evaluations, int timeSteps) {
    }

    private JulesValidation() {
    }

    /**
     * Compares output {@code output} of {@code model} with {@code reference}, the model's inputs coming
     * from {@code inputs} (by input name).
     *
     * @throws JulesFormatException if an input is not given, or its time steps are neither one nor those of
     *     the reference
     */
    public static Result run(CompiledEmulator model, String output, Source reference, Map<String, Source> inputs) {
        Emulator e = model.emulator();
        int out = outputIndex(e, output);
        List<String> names = e.inputs().stream().map(Variable::name).toList();
        for (String name : names) {
            if (!inputs.containsKey(name)) {
                throw new JulesFormatException("model '" + e.name() + "' input '" + name + "' has no JULES variable; "
                        + "given: " + inputs.keySet() + ", needed: " + names);
            }
        }
        Map<String, GridField> groupsRef = new LinkedHashMap<>();
        LatLonGrid grid;
        try (JulesFile ref = JulesFile.open(reference.file())) {
            grid = ref.naturalGrid();
            Map<String, Integer> layers = ref.layerDimensions(reference.variable());
            if (layers.containsKey("pft") && !reference.select().containsKey("pft")) {
                for (int p = 0; p < layers.get("pft"); p++) {
                    Map<String, Integer> s = new HashMap<>(reference.select());
                    s.put("pft", p);
                    groupsRef.put("pft" + (p + 1), ref.read(reference.variable(), s, grid));
                }
            } else {
                groupsRef.put("all", ref.read(reference.variable(), reference.select(), grid));
            }
        }
        GridField first = groupsRef.values().iterator().next();
        int steps = first.timeCount();
        int cells = grid.cellCount();
        int d = e.inputCount();
        float[][] x = new float[d][];
        for (int s = 0; s < d; s++) {
            Source src = inputs.get(names.get(s));
            try (JulesFile f = JulesFile.open(src.file())) {
                GridField g = f.read(src.variable(), src.select(), grid);
                if (g.timeCount() != 1 && !g.times().equals(first.times())) {
                    throw new JulesFormatException(src.file() + ": input '" + names.get(s) + "' ('" + src.variable()
                            + "') has " + g.timeCount() + " time steps; expected 1 or the " + steps + " of "
                            + reference.file() + " ('" + reference.variable() + "')");
                }
                x[s] = g.values();
            }
        }
        List<Group> groups = new ArrayList<>();
        for (String name : groupsRef.keySet()) {
            ValidationMetrics[] perCell = new ValidationMetrics[cells];
            for (int c = 0; c < cells; c++) {
                perCell[c] = new ValidationMetrics();
            }
            Map<String, ValidationMetrics> seasons = new LinkedHashMap<>();
            SEASONS.forEach(s -> seasons.put(s, new ValidationMetrics()));
            groups.add(new Group(name, perCell, new ValidationMetrics(), seasons));
        }
        float[][] refValues = groupsRef.values().stream().map(GridField::values).toArray(float[][]::new);
        // Rows (time step, cell) where every input has a value, evaluated in chunks.
        int k = e.outputCount();
        float[] rows = new float[CHUNK * d];
        float[] y = new float[CHUNK * k];
        int[] rowAt = new int[CHUNK];
        long evaluations = 0;
        int n = 0;
        for (int at = 0; at < steps * cells; at++) {
            boolean valid = true;
            for (int s = 0; s < d && valid; s++) {
                float v = x[s][x[s].length == cells ? at % cells : at];
                valid = !Float.isNaN(v);
                rows[n * d + s] = v;
            }
            if (!valid) {
                continue;
            }
            rowAt[n++] = at;
            if (n == CHUNK) {
                evaluations += flush(model, rows, y, rowAt, n, k, out, groups, refValues, first, cells);
                n = 0;
            }
        }
        evaluations += flush(model, rows, y, rowAt, n, k, out, groups, refValues, first, cells);
        return new Result(grid, e.outputs().get(out).name(), e.outputs().get(out).units(), reference, groups, evaluations, steps);
    }

    private static long flush(CompiledEmulator model, float[] rows, float[] y, int[] rowAt, int n, int k, int out,
            List<Group> groups, float[][] refValues, GridField first, int cells) {
        if (n == 0) {
            return 0;
        }
        model.evaluate(rows, y, n);
        for (int r = 0; r < n; r++) {
            int at = rowAt[r];
            int cell = at % cells;
            String season = first.times().isEmpty() ? null : season(first.times().get(at / cells));
            double emulated = y[r * k + out];
            for (int g = 0; g < groups.size(); g++) {
                double reference = refValues[g][at];
                Group group = groups.get(g);
                group.cells()[cell].accept(emulated, reference);
                group.total().accept(emulated, reference);
                if (season != null) {
                    group.seasons().get(season).accept(emulated, reference);
                }
            }
        }
        return n;
    }

    /** DJF, MAM, JJA or SON of an instant (UTC). */
    public static String season(Instant t) {
        int month = t.atZone(ZoneOffset.UTC).getMonthValue();
        return SEASONS.get((month % 12) / 3);
    }

    private static int outputIndex(Emulator e, String output) {
        List<String> names = e.outputs().stream().map(Variable::name).toList();
        if (output == null) {
            if (names.size() != 1) {
                throw new JulesFormatException("model '" + e.name() + "' has outputs " + names + "; name the one to "
                        + "compare");
            }
            return 0;
        }
        int i = names.indexOf(output);
        if (i < 0) {
            throw new JulesFormatException("model '" + e.name() + "' has no output '" + output + "'; its outputs are "
                    + names);
        }
        return i;
    }
}
