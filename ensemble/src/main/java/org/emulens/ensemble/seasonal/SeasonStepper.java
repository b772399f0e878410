package org.emulens.ensemble.seasonal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;

/**
 * Steps every member of every cell through a season with a time-stepping emulator, and folds what happens
 * into per-cell distributions without keeping any member's trajectory.
 *
 * <p>The emulator's inputs are a lag window of {@code lags} state values, most recent first, then the
 * forcing variables in {@link SeasonForcing#names()} order; its one output is the next day's state. The state
 * of day {@code d} is the output of the step that consumes day {@code d}'s forcing; before day 1 every lag
 * holds the member's initial state.
 *
 * <p>Two passes. First, the climatological run: each cell's nominal start under noise-free forcing gives the
 * cell's climatological series of the season variable, hence its mean, harmonic ratio and analysis windows
 * ({@link SeasonClimatology}); this is one row per cell and the only place a series is kept. Then the members:
 * rows (cell, member) in that order are taken {@code rowsPerBatch} at a time; each day the host fills a batch's
 * inputs from its lag windows and the day's forcing, the backend evaluates the batch once, and each row's
 * lag window, metrics and the cell's daily statistics take the result. What a row keeps between days is its lag
 * window, a few inputs and outputs and {@link MemberSeasonMetrics}: a fixed amount, whatever the season's length.
 * The state lives in host memory, batch by batch; a device backend receives one batched forward pass per day.
 *
 * <p>Every statistic of a cell receives its members in member order, so the result is the same for any batch
 * size; and because the draws are addressed by (seed, cell, member, day), on any backend whose forward pass
 * gives the same bits.
 *
 * <p>State values outside the state input's valid range are clamped into it (the emulator is never asked
 * outside its training domain), and so are forcing values; both are counted in the result.
 */
public final class SeasonStepper {
    /** The name of the soil-moisture stress factor of the state as a season or dry-day variable. */
    public static final String BETA = "beta";
    private final CompiledEmulator model;
    private final int lags;
    private final SeasonForcing forcing;
    private final SeasonRules rules;
    private final int seasonVariable;
    private final int dryVariable;
    private final Map<SeasonMetric, StatisticsSpec> metricSpecs;
    private final StatisticsSpec dailySpec;
    private final int rowsPerBatch;
    private final float[] lower;
    private final float[] upper;
    private final double wilt;
    private final double crit;

    private SeasonStepper(Builder b) {
        this.model = b.model;
        this.lags = b.lags;
        this.forcing = b.forcing;
        this.rules = b.rules;
        this.metricSpecs = new EnumMap<>(b.metricSpecs);
        this.dailySpec = b.dailySpec;
        this.rowsPerBatch = b.rowsPerBatch;
        this.wilt = b.wilt;
        this.crit = b.crit;
        Emulator e = model.emulator();
        List<String> expected = new ArrayList<>();
        for (int j = 0; j < lags; j++) {
            expected.add(e.inputs().get(j).name());
        }
        expected.addAll(forcing.names());
        List<String> found = e.inputs().stream().map(Variable::name).toList();
        if (lags < 1 || lags >= e.inputCount() || !found.equals(expected)) {
            throw new IllegalArgumentException("emulator '" + e.name() + "': expected inputs " + lags
                    + " lagged state values then the forcing " + forcing.names() + ", found " + found);
        }
        if (e.outputCount() != 1) {
            throw new IllegalArgumentException("emulator '" + e.name() + "': expected one output (the next state), found "
                    + e.outputCount());
        }
        this.seasonVariable = variableIndex(b.seasonVariable, "season variable");
        this.dryVariable = variableIndex(b.dryVariable, "dry-day variable");
        lower = new float[e.inputCount()];
        upper = new float[e.inputCount()];
        for (int j = 0; j < e.inputCount(); j++) {
            Variable v = e.inputs().get(j);
            lower[j] = v.hasRange() ? (float) v.validMin() : Float.NEGATIVE_INFINITY;
            upper[j] = v.hasRange() ? (float) v.validMax() : Float.POSITIVE_INFINITY;
        }
    }

    /** 0 for the state (the first input's name or {@code state}), 1 + k for forcing k, -1 for beta. */
    private int variableIndex(String name, String what) {
        if (name.equals("state") || name.equals(model.emulator().inputs().get(0).name())) {
            return 0;
        }
        if (name.equals(BETA)) {
            if (Double.isNaN(wilt)) {
                throw new IllegalArgumentException(what + " 'beta' needs the wilting and critical points "
                        + "(stressFactor)");
            }
            return -1;
        }
        int k = forcing.names().indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException(what + " '" + name + "': expected 'state', '"
                    + model.emulator().inputs().get(0).name() + "', 'beta' or one of the forcing " + forcing.names());
        }
        return 1 + k;
    }

    public static Builder builder(CompiledEmulator model, SeasonForcing forcing) {
        return new Builder(model, forcing);
    }

    /** The floats each row of a batch holds between days: lag window, inputs and output. */
    public int floatsPerRow() {
        return lags + model.emulator().inputCount() + 1;
    }

    /** Runs {@code members} members of every cell with data through {@code days} days. */
    public SeasonResult run(InitialState initial, int days, long members, long seed) {
        if (days < 2) {
            throw new IllegalArgumentException("a season needs at least 2 days, found " + days);
        }
        if (members < 1) {
            throw new IllegalArgumentException("members must be >= 1, found " + members);
        }
        int cells = initial.cellCount();
        List<Integer> dataCells = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            if (initial.hasData(c)) {
                dataCells.add(c);
            }
        }
        SeasonClimatology[] climatologies = climatologies(initial, dataCells, days);
        Map<SeasonMetric, CellStatistics[]> metrics = new EnumMap<>(SeasonMetric.class);
        for (Map.Entry<SeasonMetric, StatisticsSpec> e : metricSpecs.entrySet()) {
            CellStatistics[] perCell = new CellStatistics[cells];
            for (int c : dataCells) {
                perCell[c] = new CellStatistics(e.getValue());
            }
            metrics.put(e.getKey(), perCell);
        }
        CellStatistics[][] daily = null;
        if (dailySpec != null) {
            daily = new CellStatistics[cells][];
            for (int c : dataCells) {
                daily[c] = new CellStatistics[days];
                for (int d = 0; d < days; d++) {
                    daily[c][d] = new CellStatistics(dailySpec);
                }
            }
        }
        Batch batch = new Batch(rowsPerBatch);
        long total = (long) dataCells.size() * members;
        long next = 0;
        while (next < total) {
            int n = (int) Math.min(rowsPerBatch, total - next);
            for (int r = 0; r < n; r++) {
                long row = next + r;
                int cell = dataCells.get((int) (row / members));
                long member = row % members;
                batch.start(r, cell, member, initial.member(seed, cell, member),
                        new MemberSeasonMetrics(climatologies[cell], rules));
            }
            for (int day = 1; day <= days; day++) {
                batch.step(n, day, false);
                for (int r = 0; r < n; r++) {
                    batch.metrics[r].accept(day, batch.value(r, seasonVariable), batch.value(r, dryVariable));
                    if (daily != null) {
                        daily[batch.cell[r]][day - 1].accept(batch.state(r));
                    }
                }
            }
            for (int r = 0; r < n; r++) {
                for (Map.Entry<SeasonMetric, CellStatistics[]> e : metrics.entrySet()) {
                    e.getValue()[batch.cell[r]].accept(batch.metrics[r].value(e.getKey()));
                }
                batch.metrics[r] = null;
            }
            next += n;
        }
        return new SeasonResult(climatologies, metrics, daily, days, members, batch.clampedForcing,
                batch.clampedState);
    }

    /** The climatological run: one row per cell, nominal start, noise-free forcing. */
    private SeasonClimatology[] climatologies(InitialState initial, List<Integer> dataCells, int days) {
        SeasonClimatology[] out = new SeasonClimatology[initial.cellCount()];
        Batch batch = new Batch(rowsPerBatch);
        for (int first = 0; first < dataCells.size(); first += rowsPerBatch) {
            int n = Math.min(rowsPerBatch, dataCells.size() - first);
            double[][] series = new double[n][days];
            for (int r = 0; r < n; r++) {
                int cell = dataCells.get(first + r);
                batch.start(r, cell, 0, initial.nominal(cell), null);
            }
            for (int day = 1; day <= days; day++) {
                batch.step(n, day, true);
                for (int r = 0; r < n; r++) {
                    series[r][day - 1] = batch.value(r, seasonVariable);
                }
            }
            for (int r = 0; r < n; r++) {
                out[dataCells.get(first + r)] = SeasonClimatology.of(series[r], rules);
            }
        }
        return out;
    }

    /** The rows being stepped together: all the memory a member uses. */
    private final class Batch {
        final int[] cell;
        final long[] member;
        final float[] window;
        final float[] inputs;
        final float[] outputs;
        final MemberSeasonMetrics[] metrics;
        final int width = model.emulator().inputCount();
        long clampedForcing;
        long clampedState;

        Batch(int rows) {
            cell = new int[rows];
            member = new long[rows];
            window = new float[rows * lags];
            inputs = new float[rows * width];
            outputs = new float[rows];
            metrics = new MemberSeasonMetrics[rows];
        }

        void start(int r, int c, long m, float initialState, MemberSeasonMetrics memberMetrics) {
            cell[r] = c;
            member[r] = m;
            float s = clamp(initialState, 0, false);
            for (int j = 0; j < lags; j++) {
                window[r * lags + j] = s;
            }
            metrics[r] = memberMetrics;
        }

        /** One day for rows 0..n-1: inputs from the windows and forcing, one forward pass, windows shifted. */
        void step(int n, int day, boolean climatological) {
            for (int r = 0; r < n; r++) {
                int base = r * width;
                System.arraycopy(window, r * lags, inputs, base, lags);
                if (climatological) {
                    forcing.climatology(cell[r], day, inputs, base + lags);
                } else {
                    forcing.member(cell[r], member[r], day, inputs, base + lags);
                }
                for (int j = lags; j < width; j++) {
                    inputs[base + j] = clamp(inputs[base + j], j, true);
                }
            }
            model.evaluate(inputs, outputs, n);
            for (int r = 0; r < n; r++) {
                int w = r * lags;
                System.arraycopy(window, w, window, w + 1, lags - 1);
                window[w] = clamp(outputs[r], 0, false);
            }
        }

        float state(int r) {
            return window[r * lags];
        }

        /** The day's value of variable {@code v}: 0 the state just computed, 1 + k forcing k, -1 its beta. */
        double value(int r, int v) {
            if (v < 0) {
                return Math.max(0, Math.min(1, (state(r) - wilt) / (crit - wilt)));
            }
            return v == 0 ? state(r) : inputs[r * width + lags + v - 1];
        }

        float clamp(float x, int input, boolean isForcing) {
            float y = x < lower[input] ? lower[input] : x > upper[input] ? upper[input] : x;
            if (y != x && !Float.isNaN(x)) {
                if (isForcing) {
                    clampedForcing++;
                } else {
                    clampedState++;
                }
            }
            return y;
        }
    }

    public static final class Builder {
        private final CompiledEmulator model;
        private final SeasonForcing forcing;
        private int lags = 1;
        private SeasonRules rules = SeasonRules.dunning2016(0.0);
        private String seasonVariable = "state";
        private String dryVariable = "state";
        private final Map<SeasonMetric, StatisticsSpec> metricSpecs = new EnumMap<>(SeasonMetric.class);
        private StatisticsSpec dailySpec;
        private int rowsPerBatch = 4096;
        private double wilt = Double.NaN;
        private double crit = Double.NaN;

        private Builder(CompiledEmulator model, SeasonForcing forcing) {
            this.model = model;
            this.forcing = forcing;
        }

        /** The length of the lag window: the emulator's first {@code lags} inputs. */
        public Builder lags(int k) {
            this.lags = k;
            return this;
        }

        public Builder rules(SeasonRules r) {
            this.rules = r;
            return this;
        }

        /** The variable onset, cessation and the harmonics are taken from: {@code state} or a forcing name. */
        public Builder seasonVariable(String name) {
            this.seasonVariable = name;
            return this;
        }

        /**
         * Makes {@code beta} a variable: the JULES soil-moisture stress factor of the state,
         * {@code clamp((state - wilt) / (crit - wilt), 0, 1)}.
         */
        public Builder stressFactor(double wiltingPoint, double criticalPoint) {
            if (!(criticalPoint > wiltingPoint)) {
                throw new IllegalArgumentException("stress factor: expected wilting point < critical point, found "
                        + wiltingPoint + " and " + criticalPoint);
            }
            this.wilt = wiltingPoint;
            this.crit = criticalPoint;
            return this;
        }

        /** The variable dry days are counted on: {@code state}, {@code beta} or a forcing name. */
        public Builder dryVariable(String name) {
            this.dryVariable = name;
            return this;
        }

        /** Collect {@code metric} per cell with {@code spec}; metrics not named are not collected. */
        public Builder metric(SeasonMetric metric, StatisticsSpec spec) {
            metricSpecs.put(metric, spec);
            return this;
        }

        /** Per-day statistics of the state per cell, or none (null, the default). */
        public Builder daily(StatisticsSpec spec) {
            this.dailySpec = spec;
            return this;
        }

        public Builder rowsPerBatch(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rows per batch must be >= 1, found " + rows);
            }
            this.rowsPerBatch = rows;
            return this;
        }

        public SeasonStepper build() {
            return new SeasonStepper(this);
        }
    }
}
