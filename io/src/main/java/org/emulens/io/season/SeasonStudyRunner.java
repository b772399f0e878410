package org.emulens.io.season;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.seasonal.GriddedForcing;
import org.emulens.ensemble.seasonal.InitialState;
import org.emulens.ensemble.seasonal.SeasonForcing;
import org.emulens.ensemble.seasonal.SeasonMetric;
import org.emulens.ensemble.seasonal.SeasonResult;
import org.emulens.ensemble.seasonal.SeasonStepper;
import org.emulens.ensemble.seasonal.SyntheticMonsoonForcing;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.CfGridWriter;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfFormat;
import org.emulens.io.netcdf.OutputAxis;
import org.emulens.io.netcdf.OutputField;
import org.emulens.io.netcdf.RunProvenance;
import org.emulens.io.plot.QuickLookPng;
import org.emulens.io.products.ProductField;
import org.emulens.io.products.ProductReader;
import org.emulens.io.products.ProductSpecs;
import org.emulens.io.products.UncertaintyField;
import org.emulens.io.regrid.ProductRegridder;
import org.emulens.io.study.StudyConfigException;
import org.emulens.io.study.StudyRunner;

/**
 * Runs a {@link SeasonStudy}: reads the initial state over the region and averages it onto the study grid, steps
 * every member of every cell through the season on the chosen backend ({@link SeasonStepper}), and writes the
 * per-cell distributions of the seasonal metrics as one CF NetCDF file (time = the season's first day), the daily
 * state's mean and sd as a second ({@code <output>_daily.nc}) when asked, and quick-look maps beside them.
 *
 * <p>A cell draws its random numbers as its place on the global grid at the study's resolution (as
 * {@link StudyRunner#streamCell} numbers it), so its members do not depend on the region chosen; the same study,
 * seed and member count give the same numbers on any backend and batch size.
 */
public final class SeasonStudyRunner {
    /** Up to this many members per cell, quantiles are exact; above it they come from the quantile sketch. */
    static final long EXACT_QUANTILE_MEMBERS = 100_000;
    /** The climatological run is one unperturbed realisation. */
    private static final String CLIMATOLOGICAL = "realization: point";

    private final SeasonStudy study;
    private final String backendName;
    private final String commandLine;

    /** What a finished run wrote. */
    public record Result(Path output, Path daily, List<Path> plots, int cells, long members, String backend,
            String device, double seconds) {
    }

    /** @param backendName the backend to use, overriding the study's; null keeps the study's */
    public SeasonStudyRunner(SeasonStudy study, String backendName, String commandLine) {
        this.study = study;
        this.backendName = backendName == null ? study.backend() : backendName;
        this.commandLine = commandLine;
    }

    public Result run() {
        long started = System.nanoTime();
        Emulator model = ModelFiles.read(study.model());
        double[] box = study.box();
        LatLonGrid grid;
        try {
            grid = LatLonGrid.regular(GeoBox.of(box[0], box[1], box[2], box[3]), study.resolution());
        } catch (IllegalArgumentException ex) {
            throw new StudyConfigException(study.file() + ": region and resolution: " + ex.getMessage());
        }
        GridRegion region = GridRegion.of(GeoBox.of(box[0], box[1], box[2], box[3]));
        ProductField fine = ProductReader.read(study.initialFile(), ProductSpecs.esaCciSoilMoisture(), region);
        ProductField coarse = ProductRegridder.aggregate(fine, grid).product();
        float[] nominal = coarse.value().slice(0);
        float[] sd = totalSd(coarse, grid.cellCount());
        for (int c = 0; c < sd.length; c++) {
            if (Float.isNaN(sd[c])) {
                nominal[c] = Float.NaN;
            }
            sd[c] *= study.sdScale();
        }
        double[] latitudes = new double[grid.cellCount()];
        int[] streamCells = new int[grid.cellCount()];
        for (int c = 0; c < latitudes.length; c++) {
            latitudes[c] = grid.lat(c / grid.lonCount());
            streamCells[c] = StudyRunner.streamCell(grid, 0, c / grid.lonCount(), c % grid.lonCount());
        }
        InitialState initial = new InitialState(nominal, sd, study.lower(), study.upper(), streamCells);
        SeasonForcing forcing;
        int incomplete = 0;
        if (study.syntheticForcing()) {
            forcing = new SyntheticMonsoonForcing(study.seed(), latitudes,
                    study.start().getDayOfYear() > 365 ? 365 : study.start().getDayOfYear(), study.weather(),
                    study.rainSd(), streamCells);
        } else {
            GriddedForcing files = readForcing(model, grid, region, streamCells);
            // A cell without forcing on some day has no season: it is left out, never filled in.
            float[] day = new float[files.names().size()];
            for (int c = 0; c < nominal.length; c++) {
                for (int d = 1; d <= study.days() && !Float.isNaN(nominal[c]); d++) {
                    files.climatology(c, d, day, 0);
                    for (float v : day) {
                        if (Float.isNaN(v)) {
                            nominal[c] = Float.NaN;
                            incomplete++;
                            break;
                        }
                    }
                }
            }
            initial = new InitialState(nominal, sd, study.lower(), study.upper(), streamCells);
            forcing = files;
        }
        TanhMode tanh = study.tanh().equals("fast") ? TanhMode.FAST : TanhMode.EXACT;
        try (Backend backend = Backends.open(backendName, new BackendOptions(study.threads(), 0), model.family());
                CompiledEmulator compiled = backend.compile(model, tanh)) {
            SeasonStepper.Builder b;
            try {
                b = SeasonStepper.builder(compiled, forcing).lags(lags(model)).rules(study.rules())
                        .seasonVariable(study.seasonVariable()).dryVariable(study.dryVariable());
                if (study.stressPoints() != null) {
                    b.stressFactor(study.stressPoints()[0], study.stressPoints()[1]);
                }
                for (SeasonMetric m : SeasonMetric.values()) {
                    b.metric(m, metricSpec(study.probabilities().get(m)));
                }
                if (study.daily()) {
                    b.daily(StatisticsSpec.builder().moments().build());
                }
                b = b.rowsPerBatch(4096);
            } catch (IllegalArgumentException ex) {
                throw new StudyConfigException(study.file() + ": " + ex.getMessage());
            }
            SeasonResult result = b.build().run(initial, study.days(), study.members(), study.seed());
            Map<String, String> provenance = provenance(model, backend, result, incomplete);
            List<Path> plots = new ArrayList<>();
            writeMetrics(grid, initial, nominal, sd, result, provenance, plots);
            Path daily = null;
            if (study.daily()) {
                daily = dailyPath();
                writeDaily(grid, result, provenance, daily);
            }
            return new Result(study.output(), daily, plots, grid.cellCount(), study.members(), backend.name(),
                    backend.device(), (System.nanoTime() - started) / 1e9);
        }
    }

    /** The study's lag window, or the model's metadata 'lags' where the study gives none, or 1. */
    private int lags(Emulator model) {
        if (study.lags() > 0) {
            return study.lags();
        }
        String text = model.metadata().get("lags");
        if (text == null) {
            return 1;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException ex) {
            throw new StudyConfigException(study.model() + ": metadata 'lags': expected a whole number, found '"
                    + text + "'");
        }
    }

    private StatisticsSpec metricSpec(double[] thresholds) {
        StatisticsSpec.Builder s = StatisticsSpec.builder().moments();
        if (study.members() <= EXACT_QUANTILE_MEMBERS) {
            s.exactQuantiles((int) study.members());
        } else {
            s.quantileSketch(0.005);
        }
        if (thresholds != null && thresholds.length > 0) {
            s.exceedance(thresholds);
        }
        return s.build();
    }

    /** The product's uncertainty components added in quadrature, per cell of the first time step. */
    private static float[] totalSd(ProductField p, int cells) {
        if (p.uncertainties().isEmpty()) {
            throw new StudyConfigException("initial state: the product gives no uncertainty");
        }
        float[] out = new float[cells];
        for (UncertaintyField u : p.uncertainties()) {
            float[] s = u.standardDeviation().slice(0);
            for (int c = 0; c < cells; c++) {
                out[c] += s[c] * s[c];
            }
        }
        for (int c = 0; c < cells; c++) {
            out[c] = (float) Math.sqrt(out[c]);
        }
        return out;
    }

    private void writeMetrics(LatLonGrid grid, InitialState initial, float[] nominal, float[] sd, SeasonResult r,
            Map<String, String> provenance, List<Path> plots) {
        int cells = grid.cellCount();
        Instant start = study.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        double[] q = study.quantiles();
        double[] percent = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            percent[i] = 100 * q[i];
        }
        CfGridWriter.Builder w = CfGridWriter.builder(grid).times(List.of(start))
                .title("Emulens seasonal study '" + study.name() + "': " + study.days() + " days from " + study.start()
                        + ", " + study.members() + " members per cell")
                .history(Instant.now() + ": " + commandLine).provenance(provenance)
                .format(NetcdfFormat.fromOptionName(study.format()));
        float[] ratio = new float[cells];
        float[] bimodal = new float[cells];
        float[] mean = new float[cells];
        for (int c = 0; c < cells; c++) {
            boolean data = r.hasData(c);
            ratio[c] = data ? (float) r.climatology(c).harmonicRatio() : Float.NaN;
            bimodal[c] = data && r.climatology(c).seasonal() ? (r.climatology(c).bimodal() ? 1f : 0f) : Float.NaN;
            mean[c] = data ? (float) r.climatology(c).mean() : Float.NaN;
        }
        w.field(OutputField.builder("initial_state", nominal).units("m3 m-3")
                .longName("initial soil moisture, " + study.initialFile().getFileName() + " averaged onto the grid")
                .cellMethods("area: mean").build());
        w.field(OutputField.builder("initial_state_sd", sd).units("m3 m-3")
                .longName("standard deviation of the initial soil moisture (product uncertainty x sd_scale)")
                .cellMethods("area: mean").build());
        w.field(OutputField.builder("climatological_harmonic_ratio", ratio).units("1")
                .longName("harmonic ratio of the climatological run (> " + study.rules().bimodalRatio()
                        + ": two wet seasons)").cellMethods(CLIMATOLOGICAL).build());
        w.field(OutputField.builder("climatological_bimodal", bimodal).units("1")
                .longName("1 where the climatological run has two wet seasons, 0 where one; fill where none").cellMethods(CLIMATOLOGICAL)
                .build());
        w.field(OutputField.builder("climatological_mean", mean).units(variableUnits())
                .longName("mean daily " + study.seasonVariable() + " of the climatological run (xbar of the anomaly)")
                .cellMethods(CLIMATOLOGICAL).build());
        for (SeasonMetric m : SeasonMetric.values()) {
            float[] mu = new float[cells];
            float[] sigma = new float[cells];
            float[] missing = new float[cells];
            float[] quantiles = new float[q.length * cells];
            double[] thresholds = study.probabilities().getOrDefault(m, new double[0]);
            float[] exceed = new float[thresholds.length * cells];
            for (int c = 0; c < cells; c++) {
                CellStatistics s = r.hasData(c) ? r.metric(m, c) : null;
                long n = s == null ? 0 : s.moments().count();
                mu[c] = n > 0 ? (float) s.moments().mean() : Float.NaN;
                sigma[c] = n > 1 ? (float) Math.sqrt(s.moments().sampleVariance()) : Float.NaN;
                missing[c] = s == null ? Float.NaN : (float) ((double) s.nanCount() / r.members());
                for (int i = 0; i < q.length; i++) {
                    quantiles[i * cells + c] = n > 0 ? (float) quantile(s, q[i]) : Float.NaN;
                }
                for (int i = 0; i < thresholds.length; i++) {
                    exceed[i * cells + c] = n > 0 ? (float) s.exceedance().exceedanceProbability(i) : Float.NaN;
                }
            }
            String name = m.outputName();
            w.field(OutputField.mean(name + "_mean", m.units(), "ensemble mean of " + m.longName(), mu));
            w.field(OutputField.standardDeviation(name + "_sd", m.units(), "ensemble standard deviation of "
                    + m.longName(), sigma));
            w.field(OutputField.percentiles(name + "_percentile", m.units(), "ensemble percentiles of " + m.longName(),
                    OutputAxis.percentiles(percent), quantiles));
            w.field(OutputField.builder(name + "_undefined_fraction", missing).units("1")
                    .longName("fraction of members for which " + name + " is undefined (no such season found)")
                    .cellMethods("realization: mean").build());
            if (thresholds.length > 0) {
                w.field(OutputField.exceedance(name + "_exceedance", "probability, among members where it is defined, "
                        + "that " + name + " is greater than the threshold",
                        OutputAxis.thresholds("threshold_" + name, m.units(), thresholds), exceed));
            }
            if (study.plot() && (m == SeasonMetric.ONSET || m == SeasonMetric.LENGTH || m == SeasonMetric.DRY_DAYS)) {
                plots.add(plot(grid, start, name + "_mean", m.units(), mu, null, null));
                plots.add(plot(grid, start, name + "_sd", m.units(), sigma, null, null));
                for (int i = 0; i < thresholds.length; i++) {
                    float[] p = new float[cells];
                    System.arraycopy(exceed, i * cells, p, 0, cells);
                    plots.add(plot(grid, start, name + "_gt_" + fmt(thresholds[i]), "1", p, new double[] {0, 1},
                            "P(" + name.replace('_', ' ') + " > " + fmt(thresholds[i]) + " " + m.units() + "s)"));
                }
            }
        }
        if (study.plot()) {
            plots.add(plot(grid, start, "climatological_bimodal", "1", bimodal, new double[] {0, 1},
                    "two wet seasons (1) or one (0), climatological run"));
        }
        w.build().write(study.output());
    }

    private static double quantile(CellStatistics s, double q) {
        return s.spec().hasExactQuantiles() ? s.exactQuantiles().quantile(q) : s.quantileSketch().quantile(q);
    }

    private String variableUnits() {
        return switch (study.seasonVariable()) {
            case "precip", "pet" -> "mm d-1";
            case "beta" -> "1";
            default -> "m3 m-3";
        };
    }

    private void writeDaily(LatLonGrid grid, SeasonResult r, Map<String, String> provenance, Path target) {
        int cells = grid.cellCount();
        int days = r.days();
        List<Instant> times = new ArrayList<>();
        float[] mean = new float[days * cells];
        float[] sd = new float[days * cells];
        for (int d = 1; d <= days; d++) {
            times.add(study.start().plusDays(d - 1).atStartOfDay(ZoneOffset.UTC).toInstant());
            for (int c = 0; c < cells; c++) {
                CellStatistics s = r.daily(c, d);
                int k = (d - 1) * cells + c;
                mean[k] = s == null ? Float.NaN : (float) s.moments().mean();
                sd[k] = s == null || s.moments().count() < 2 ? Float.NaN : (float) Math.sqrt(s.moments().sampleVariance());
            }
        }
        CfGridWriter.builder(grid).times(times)
                .title("Emulens seasonal study '" + study.name() + "': daily soil moisture over " + study.members()
                        + " members per cell")
                .history(Instant.now() + ": " + commandLine).provenance(provenance)
                .format(NetcdfFormat.fromOptionName(study.format()))
                .field(OutputField.mean("state_mean", "m3 m-3", "ensemble mean of soil moisture at the end of the day",
                        mean))
                .field(OutputField.standardDeviation("state_sd", "m3 m-3",
                        "ensemble standard deviation of soil moisture at the end of the day", sd))
                .build().write(target);
    }

    private Path dailyPath() {
        String stem = study.output().getFileName().toString().replaceFirst("\\.nc$", "");
        return study.output().resolveSibling(stem + "_daily.nc");
    }

    private Path plot(LatLonGrid grid, Instant start, String what, String units, float[] values, double[] range,
            String title) {
        GridField f = GridField.of(what, units, grid, List.of(start), values);
        String stem = study.output().getFileName().toString().replaceFirst("\\.nc$", "");
        Path p = study.output().resolveSibling(stem + "_" + what + ".png");
        QuickLookPng png = QuickLookPng.of(f, 0, (title == null ? what.replace('_', ' ') : title) + ", season from "
                + study.start() + " (" + study.members() + " members)");
        (range == null ? png : png.withRange(range[0], range[1])).write(p);
        return p;
    }

    /** The forcing files, each day's field area-averaged onto the grid, in the emulator's forcing order. */
    private GriddedForcing readForcing(Emulator model, LatLonGrid grid, GridRegion region, int[] streamCells) {
        List<Variable> inputs = model.inputs().subList(lags(model), model.inputCount());
        List<String> names = inputs.stream().map(Variable::name).toList();
        if (!new HashSet<>(names).equals(study.forcingFiles().keySet())) {
            throw new StudyConfigException(study.file() + ": forcing files: expected one entry per forcing input of "
                    + model.name() + " " + names + ", found " + study.forcingFiles().keySet());
        }
        float[][][] values = new float[names.size()][study.days()][];
        for (int v = 0; v < names.size(); v++) {
            SeasonStudy.ForcingFiles ff = study.forcingFiles().get(names.get(v));
            Variable input = inputs.get(v);
            for (Path f : ff.files()) {
                GridField coarse = ProductRegridder.aggregate(
                        ProductReader.read(f, ProductSpecs.cfVariable(ff.variable(), null), region), grid)
                        .product().value();
                if (!coarse.units().trim().equals(input.units().trim())) {
                    throw new StudyConfigException(f + ": variable '" + ff.variable() + "' (forcing '" + input.name()
                            + "'): expected units " + input.units() + ", found " + coarse.units());
                }
                for (int t = 0; t < coarse.timeCount(); t++) {
                    LocalDate date = coarse.times().get(t).atZone(ZoneOffset.UTC).toLocalDate();
                    long day = ChronoUnit.DAYS.between(study.start(), date) + 1;
                    if (day < 1 || day > study.days()) {
                        continue;
                    }
                    if (values[v][(int) day - 1] != null) {
                        throw new StudyConfigException(f + ": variable '" + ff.variable() + "': " + date
                                + " is given twice (expected one value a day)");
                    }
                    values[v][(int) day - 1] = coarse.slice(t);
                }
            }
            for (int d = 0; d < study.days(); d++) {
                if (values[v][d] == null) {
                    throw new StudyConfigException(study.file() + ": forcing '" + input.name() + "' (variable '"
                            + ff.variable() + "'): expected a value for every day from " + study.start() + " to "
                            + study.start().plusDays(study.days() - 1) + ", found none for "
                            + study.start().plusDays(d) + " in " + ff.files().size() + " file(s)");
                }
            }
        }
        return new GriddedForcing(names, values, study.seed(), study.rainSd() > 0 ? study.scaledForcing() : null,
                study.rainSd(), streamCells);
    }

    private String forcingDescription() {
        if (study.syntheticForcing()) {
            return String.format(Locale.ROOT, "synthetic monsoon (SyntheticMonsoonForcing), weather %s, rain log-sd %s",
                    study.weather().name().toLowerCase(Locale.ROOT).replace('_', '-'), study.rainSd());
        }
        StringBuilder sb = new StringBuilder("files");
        for (Map.Entry<String, SeasonStudy.ForcingFiles> e : study.forcingFiles().entrySet()) {
            sb.append("; ").append(e.getKey()).append(" = '").append(e.getValue().variable()).append("' in");
            for (Path f : e.getValue().files()) {
                sb.append(' ').append(f.getFileName()).append(" sha256:").append(StudyRunner.sha256(f));
            }
        }
        if (study.rainSd() > 0) {
            sb.append("; ").append(study.scaledForcing()).append(" scaled per member, log-sd ").append(study.rainSd());
        }
        return sb.toString();
    }

    private Map<String, String> provenance(Emulator model, Backend backend, SeasonResult r, int incomplete) {
        Map<String, String> p = RunProvenance.of(backend);
        p.put("emulens_tanh", study.tanh());
        RunProvenance.putModel(p, model, study.model());
        p.put("emulens_seed", Long.toString(study.seed()));
        p.put("emulens_members", Long.toString(study.members()));
        p.put("emulens_study", study.name() + " (" + study.file() + ")");
        p.put("emulens_command_line", commandLine);
        p.put("emulens_input_files", "initial_state: " + study.initialFile().getFileName() + " sha256:"
                + StudyRunner.sha256(study.initialFile()));
        p.put("emulens_forcing", forcingDescription()
                + (incomplete > 0 ? "; " + incomplete + " cells left out for missing forcing" : ""));
        String dry = study.dryVariable() + (study.stressPoints() == null ? "" : " (theta_wilt "
                + study.stressPoints()[0] + ", theta_crit " + study.stressPoints()[1] + ")");
        p.put("emulens_season", String.format(Locale.ROOT, "%d days from %s; metrics of %s, dry days of %s below %s; "
                + "margin %d days, bimodal harmonic ratio > %s, year %d days, minimum harmonic amplitude %s "
                + "(Dunning, Black and Allan 2016)",
                study.days(), study.start(), study.seasonVariable(), dry, study.rules().dryThreshold(),
                study.rules().marginDays(), study.rules().bimodalRatio(), study.rules().yearLength(),
                study.rules().minAmplitude()));
        p.put("emulens_clamped_values", "forcing " + r.clampedForcingValues() + ", state " + r.clampedStateValues()
                + " (clamped into the emulator's valid input range)");
        return p;
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
