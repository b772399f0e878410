package org.emulens.io.study;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.MemoryBudget;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.propagation.MemberOutputs;
import org.emulens.ensemble.propagation.PredictiveDrawPropagator;
import org.emulens.ensemble.propagation.VarianceBudget;
import org.emulens.ensemble.rng.ReservedStreams;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.ensemble.uncertainty.CellUncertainty;
import org.emulens.ensemble.uncertainty.ErrorShape;
import org.emulens.ensemble.uncertainty.MemberPerturber;
import org.emulens.ensemble.uncertainty.UncertaintyModel;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.CfGridWriter;
import org.emulens.io.netcdf.NetcdfFormat;
import org.emulens.io.netcdf.OutputAxis;
import org.emulens.io.netcdf.OutputField;
import org.emulens.io.netcdf.RunProvenance;
import org.emulens.io.plot.QuickLookPng;

/**
 * Runs a study: for each time step, reads the inputs over the region, perturbs every valid cell's
 * members, evaluates, accumulates per-cell statistics, and finally writes one CF NetCDF file (and
 * quick-look maps). Work is done in chunks of cells; each finished chunk is kept in a {@link Checkpoint}
 * so a resumed run skips it, and the output appears only when complete.
 *
 * <p>Random streams: cell {@code c} of the global grid at the study's resolution, at time step {@code t},
 * draws as cell {@code t * cellsPerGlobe + c}, so a cell's members do not depend on the region chosen,
 * and days draw independent random errors; systematic errors and uncertain parameters are shared by all
 * cells and days of a member.
 */
public final class StudyRunner {
    /** Cells per chunk: a checkpoint every few seconds of work at 10^4 members per cell. */
    static final int CELLS_PER_CHUNK = 512;

    /** Told how many member evaluations are done out of how many. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /** What a finished run wrote. */
    public record Result(Path output, List<Path> plots, long cells, long memberEvaluations, double seconds) {
    }

    private final Study study;
    private final Emulator model;
    private final Backend backend;
    private final TanhMode tanh;
    private final String commandLine;
    /** The emulator's own error per cell and output, or null when the study takes the emulator as exact. */
    private EmulatorErrorMap emulatorSd;
    /** A Gaussian-process emulator's members include a draw from its predictive distribution. */
    private final boolean emulatorDraws;
    private MemoryBudget budget;

    public StudyRunner(Study study, Emulator model, Backend backend, String commandLine) {
        this.study = study;
        this.model = model;
        this.emulatorDraws = model.family() == ModelFamily.GAUSSIAN_PROCESS;
        this.backend = backend;
        this.tanh = TanhMode.valueOf(study.tanh().toUpperCase(java.util.Locale.ROOT));
        this.commandLine = commandLine;
    }

    public Result run(boolean resume, Progress progress) {
        long start = System.nanoTime();
        Plan plan = plan();
        Checkpoint checkpoint = new Checkpoint(study.output(), fingerprint());
        checkpoint.open(resume);
        int stride = plan.stride();
        LatLonGrid grid = plan.grid();
        int steps = plan.steps();
        long total = plan.totalCells() * study.members();
        long done = 0;
        float[][] results = new float[steps][];
        int threads = study.threads() == 0 ? Runtime.getRuntime().availableProcessors() : study.threads();
        try (CompiledEmulator compiled = backend.compile(model, tanh);
                EnsemblePropagator propagator = new EnsemblePropagator(compiled, plan.spec(),
                        EnsemblePropagator.DEFAULT_CHUNK, threads)) {
            for (int t = 0; t < steps; t++) {
                int[] cells = plan.valid.get(t);
                float[] out = new float[grid.cellCount() * stride];
                java.util.Arrays.fill(out, Float.NaN);
                for (int first = 0; first < cells.length; first += CELLS_PER_CHUNK) {
                    int n = Math.min(CELLS_PER_CHUNK, cells.length - first);
                    String chunk = "step" + t + "-cells" + first;
                    float[] saved = checkpoint.load(chunk, n * stride);
                    if (saved == null) {
                        saved = runChunk(compiled, propagator, plan, t, first, n, done, total, progress);
                        checkpoint.save(chunk, saved);
                    }
                    for (int c = 0; c < n; c++) {
                        System.arraycopy(saved, c * stride, out, cells[first + c] * stride, stride);
                    }
                    done += (long) n * study.members();
                    if (progress != null) {
                        progress.update(done, total);
                    }
                }
                results[t] = out;
            }
        }
        List<Path> plots = write(grid, plan.stepInputs, results, stride, Map.of());
        checkpoint.delete();
        return new Result(study.output(), plots, plan.totalCells(), total, (System.nanoTime() - start) / 1e9);
    }

    /** Uses {@code budget} instead of this JVM's free heap; for tests. */
    StudyRunner withMemoryBudget(MemoryBudget budget) {
        this.budget = budget;
        return this;
    }

    /**
     * The whole grid is held for every time step: the inputs (a value and up to three sds per input and
     * cell) and the statistics, which are copied once more as the output is written. The members are not:
     * they stream through fixed-size chunks, so their number does not change what is needed.
     */
    private void requireMemory(long cells, int steps, int stride) {
        long floats = (long) steps * cells * (4L * model.inputCount() + 2L * stride);
        (budget == null ? MemoryBudget.ofThisJvm() : budget).require(String.format(java.util.Locale.ROOT,
                "study '%s': %,d cells x %d time steps x %d statistics", study.name(), cells, steps, stride),
                MemoryBudget.bytes(floats, Float.BYTES), "split the region or the period into several studies");
    }

    /**
     * Reads and checks the study's inputs for every time step and finds the cells to run: everything needed
     * to compute any block of cells and members, as a cluster task does, and to write the output.
     */
    public Plan plan() {
        UncertaintyModel uncertainty = uncertaintyModel();
        List<StudyInput> gridded = study.inputs().stream().filter(i -> !i.isConstant()).toList();
        if (gridded.isEmpty()) {
            throw new StudyConfigException(study.file() + ": no input comes from files, so there is no grid to run on");
        }
        int steps = gridded.stream().mapToInt(i -> i.files().size()).max().orElseThrow();
        for (StudyInput in : gridded) {
            // a single JULES file (an ancillary, say) serves every time step
            boolean everyStep = StudyInputs.isJules(in) && in.files().size() == 1;
            if (in.files().size() != steps && !everyStep) {
                throw new StudyConfigException(in.where() + ": input '" + in.name() + "' has " + in.files().size()
                        + " files but the study has " + steps + " time steps (the most files of any input); each time step "
                        + "needs one of each");
            }
        }
        StatisticsSpec spec = statisticsSpec();
        int k = model.outputCount();
        int stride = k * perOutput();
        List<StudyInputs> stepInputs = new ArrayList<>();
        List<int[]> valid = new ArrayList<>();
        long totalCells = 0;
        for (int t = 0; t < steps; t++) {
            StudyInputs in = StudyInputs.read(study, t);
            if (t == 0) {
                requireMemory(in.grid().cellCount(), steps, stride);
            }
            stepInputs.add(in);
        }
        LatLonGrid grid = stepInputs.get(0).grid();
        emulatorSd = EmulatorErrorMap.read(study, model, grid);
        if (emulatorSd != null && emulatorDraws) {
            throw new StudyConfigException(study.file() + ": emulator_error is given for a Gaussian-process emulator, "
                    + "whose members already draw from its own predictive variance; remove one of the two");
        }
        for (int t = 0; t < steps; t++) {
            valid.add(emulatorSd == null ? stepInputs.get(t).validCells(study)
                    : emulatorSd.keepCovered(stepInputs.get(t).validCells(study)));
            totalCells += valid.get(t).length;
        }
        if (totalCells == 0) {
            throw new StudyConfigException(study.file() + ": no cell of the region " + study.region() + " has a value "
                    + "for every input on any day; is the region over land, and are the inputs' flags all bad there?");
        }
        return new Plan(uncertainty, spec, stride, stepInputs, valid, totalCells);
    }

    /**
     * Writes the output from each time step's summaries, as {@link Plan#summarise} gives them for the
     * step's cells ({@link Plan#cells}) in order, and returns the quick-look maps written. Entries of
     * {@code provenance} replace or add to the run's own (a cluster run names its executors' backends).
     */
    public List<Path> write(Plan plan, float[][] summaries, Map<String, String> provenance) {
        int stride = plan.stride();
        float[][] results = new float[plan.steps()][];
        for (int t = 0; t < results.length; t++) {
            int[] cells = plan.valid.get(t);
            if (summaries[t].length != cells.length * stride) {
                throw new IllegalArgumentException("step " + t + ": expected " + cells.length * stride
                        + " summary values, found " + summaries[t].length);
            }
            float[] out = new float[plan.grid().cellCount() * stride];
            java.util.Arrays.fill(out, Float.NaN);
            for (int c = 0; c < cells.length; c++) {
                System.arraycopy(summaries[t], c * stride, out, cells[c] * stride, stride);
            }
            results[t] = out;
        }
        return write(plan.grid(), plan.stepInputs, results, stride, provenance);
    }

    /** A study's inputs read and checked; computes any block of cells and members. */
    public final class Plan {
        private final UncertaintyModel uncertainty;
        private final MemberPerturber perturber;
        private final StatisticsSpec spec;
        private final int stride;
        private final List<StudyInputs> stepInputs;
        private final List<int[]> valid;
        private final long totalCells;

        private Plan(UncertaintyModel uncertainty, StatisticsSpec spec, int stride, List<StudyInputs> stepInputs,
                List<int[]> valid, long totalCells) {
            this.uncertainty = uncertainty;
            this.perturber = new MemberPerturber(uncertainty);
            this.spec = spec;
            this.stride = stride;
            this.stepInputs = List.copyOf(stepInputs);
            this.valid = List.copyOf(valid);
            this.totalCells = totalCells;
        }

        public int steps() {
            return stepInputs.size();
        }

        /** The grid indices of the cells run at {@code step}, in the order blocks and summaries use. */
        public int[] cells(int step) {
            return valid.get(step).clone();
        }

        public long totalCells() {
            return totalCells;
        }

        public LatLonGrid grid() {
            return stepInputs.get(0).grid();
        }

        public StatisticsSpec spec() {
            return spec;
        }

        /** Summary values per cell: for each output, mean, sd, the quantiles, the exceedance probabilities. */
        public int stride() {
            return stride;
        }

        /**
         * Statistics {@code [cell][output]} of members {@code [firstMember, firstMember + members)} of cells
         * {@code first .. first + n - 1} of {@link #cells cells(step)}; a pure function of its arguments and
         * the study, so blocks may be computed anywhere, in any order, and again.
         *
         * @throws StudyConfigException for a Gaussian-process emulator, whose members also carry a variance
         *                              budget that is not split into blocks
         */
        public CellStatistics[][] statistics(EnsemblePropagator propagator, int step, int first, int n,
                long firstMember, long members, java.util.function.LongConsumer progress) {
            if (emulatorDraws) {
                throw new StudyConfigException(study.file() + ": a study of a Gaussian-process emulator runs on one "
                        + "machine only; its variance budget is not split into blocks of members");
            }
            BlockInputs block = blockInputs(this, step, first, n);
            return propagator.runCells(block.local(), firstMember, members, block.inputs(), block.outputs(), progress);
        }

        /** Each cell's summary values, {@link #stride} per cell, as the output records them. */
        public float[] summarise(CellStatistics[][] stats) {
            float[] out = new float[stats.length * stride];
            for (int c = 0; c < stats.length; c++) {
                int o = c * stride;
                for (CellStatistics s : stats[c]) {
                    o = putStatistics(out, o, s);
                }
            }
            return out;
        }
    }

    /** The members' inputs (and output adjustments) of cells {@code first .. first + n - 1} of a step. */
    private record BlockInputs(int[] local, int[] streamCells, MemberInputs inputs, MemberOutputs outputs) {
    }

    private BlockInputs blockInputs(Plan plan, int step, int first, int n) {
        StudyInputs in = plan.stepInputs.get(step);
        int[] cells = plan.valid.get(step);
        MemberPerturber perturber = plan.perturber;
        LatLonGrid grid = in.grid();
        int d = model.inputCount();
        CellUncertainty[] cu = new CellUncertainty[n];
        float[][] nominal = new float[n][d];
        int[] local = new int[n];
        int[] streamCells = new int[n];
        for (int c = 0; c < n; c++) {
            int cell = cells[first + c];
            int i = cell / grid.lonCount();
            int j = cell % grid.lonCount();
            float[] sdRandom = new float[d];
            float[] sdCorrelated = new float[d];
            float[] sdSystematic = new float[d];
            for (int s = 0; s < d; s++) {
                nominal[c][s] = in.value(study, s, cell);
                sdRandom[s] = in.randomSd(study, s, cell);
                ErrorSpec err = study.inputs().get(s).error();
                if (err != null && !study.inputs().get(s).isConstant()) {
                    sdCorrelated[s] = (float) err.correlatedSd();
                    sdSystematic[s] = (float) err.systematicSd();
                }
            }
            streamCells[c] = streamCell(grid, step, i, j);
            cu[c] = CellUncertainty.of(plan.uncertainty, streamCells[c], (float) grid.lat(i),
                    (float) normaliseLon(grid.lon(j)), sdRandom, sdCorrelated, sdSystematic);
            local[c] = c;
        }
        long seed = study.seed();
        MemberInputs inputs = (c, firstMember, count, rows, offset) ->
                perturber.perturbMembers(seed, cu[c], firstMember, count, nominal[c], 0, rows, offset * d);
        MemberOutputs outputs = null;
        if (emulatorSd != null) {
            outputs = (c, firstMember, count, rows, offset) -> emulatorSd.add(seed, streamCells[c], cells[first + c],
                    firstMember, count, rows, offset);
        }
        return new BlockInputs(local, streamCells, inputs, outputs);
    }

    private float[] runChunk(CompiledEmulator compiled, EnsemblePropagator propagator, Plan plan, int step, int first,
            int n, long done, long total, Progress progress) {
        if (!emulatorDraws) {
            return plan.summarise(plan.statistics(propagator, step, first, n, 0, study.members(),
                    progress == null ? null : evaluated -> progress.update(done + evaluated, total)));
        }
        BlockInputs block = blockInputs(plan, step, first, n);
        int stride = plan.stride();
        float[] out = new float[n * stride];
        PredictiveDrawPropagator draws = new PredictiveDrawPropagator(compiled, statisticsSpec(), study.seed(),
                EnsemblePropagator.DEFAULT_CHUNK);
        for (int c = 0; c < n; c++) {
            long before = done + (long) c * study.members();
            VarianceBudget[] budgets = draws.runMembers(c, block.streamCells()[c], 0, study.members(), block.inputs(),
                    progress == null ? null : evaluated -> progress.update(before + evaluated, total));
            int o = c * stride;
            for (VarianceBudget b : budgets) {
                o = putStatistics(out, o, b.total());
                out[o++] = (float) b.inputVariance();
                out[o++] = (float) b.emulatorVariance();
            }
        }
        return out;
    }

    /** Values per output and cell: mean, sd, quantiles, exceedances, and for emulator draws the two variances. */
    private int perOutput() {
        return 2 + study.statistics().quantiles().length + study.statistics().exceedance().length
                + (emulatorDraws ? 2 : 0);
    }

    private int putStatistics(float[] out, int o, CellStatistics s) {
        out[o++] = (float) s.moments().mean();
        out[o++] = (float) Math.sqrt(s.moments().sampleVariance());
        for (double p : study.statistics().quantiles()) {
            out[o++] = (float) s.quantileSketch().quantile(p);
        }
        for (int t = 0; t < study.statistics().exceedance().length; t++) {
            out[o++] = (float) s.exceedance().exceedanceProbability(t);
        }
        return o;
    }

    /** The cell's number in the random streams: its place on the global grid, offset by the time step. */
    public static int streamCell(LatLonGrid grid, int step, int i, int j) {
        // each axis at its own spacing: a grid finer in longitude than in latitude must not give two cells one id
        double latRes = grid.latCount() > 1 ? Math.abs(grid.lat(1) - grid.lat(0))
                : Math.abs(grid.latEdge(1) - grid.latEdge(0));
        double lonRes = grid.lonCount() > 1 ? Math.abs(grid.lon(1) - grid.lon(0))
                : Math.abs(grid.lonEdge(1) - grid.lonEdge(0));
        long cols = Math.round(360 / lonRes);
        long rows = Math.round(180 / latRes);
        long row = Math.min(rows - 1, (long) Math.floor((grid.lat(i) + 90) / latRes));
        long col = Math.floorMod((long) Math.floor((normaliseLon(grid.lon(j)) + 180) / lonRes), cols);
        long id = step * rows * cols + row * cols + col;
        if (id >= 0xFFFF_FFFFL) {
            throw new StudyConfigException("time step " + step + " at " + latRes + " x " + lonRes + " degrees runs past the 2^32 cells of "
                    + "the random streams; split the study into shorter periods");
        }
        return (int) id;
    }

    private static double normaliseLon(double lon) {
        return lon >= 180 ? lon - 360 : lon;
    }

    private StatisticsSpec statisticsSpec() {
        StatisticsSpec.Builder b = StatisticsSpec.builder().moments();
        if (study.statistics().quantiles().length > 0) {
            b.quantileSketch(study.statistics().quantileAccuracy());
        }
        if (study.statistics().exceedance().length > 0) {
            b.exceedance(study.statistics().exceedance());
        }
        return b.build();
    }

    private UncertaintyModel uncertaintyModel() {
        UncertaintyModel.Builder b = UncertaintyModel.builder(model.inputs().stream().map(Variable::name).toList());
        for (StudyInput in : study.inputs()) {
            ErrorSpec e = in.error();
            if (e == null) {
                continue;
            }
            ErrorShape shape = shape(e);
            if (in.isConstant()) {
                b.parameter(in.name(), (float) in.value(), (float) e.randomSd(), shape);
            } else if (e.correlatedSd() > 0) {
                b.input(in.name(), shape, (float) e.lengthScaleDegrees());
            } else {
                b.input(in.name(), shape);
            }
        }
        try {
            return b.build();
        } catch (RuntimeException ex) {
            throw new StudyConfigException(study.file() + ": " + ex.getMessage());
        }
    }

    private static ErrorShape shape(ErrorSpec e) {
        switch (e.shape()) {
            case "truncated-gaussian":
                return ErrorShape.truncatedGaussian((float) e.lower(), (float) e.upper());
            case "lognormal":
                return ErrorShape.logNormal();
            case "uniform":
                return ErrorShape.uniform();
            default:
                return ErrorShape.gaussian();
        }
    }

    private List<Path> write(LatLonGrid grid, List<StudyInputs> steps, float[][] results, int stride,
            Map<String, String> extraProvenance) {
        int cells = grid.cellCount();
        int t = results.length;
        double[] quantiles = study.statistics().quantiles();
        double[] thresholds = study.statistics().exceedance();
        int q = quantiles.length;
        int e = thresholds.length;
        List<Instant> times = new ArrayList<>();
        for (StudyInputs s : steps) {
            times.add(s.time().isEmpty() ? Instant.EPOCH : Instant.parse(s.time()));
        }
        CfGridWriter.Builder w = CfGridWriter.builder(grid).times(times)
                .title("Emulens uncertainty study '" + study.name() + "': " + model.name() + " over " + study.members()
                        + " members per cell")
                .history(Instant.now() + ": " + commandLine)
                .provenance(provenance(extraProvenance))
                .format(NetcdfFormat.fromOptionName(study.format()));
        List<Path> plots = new ArrayList<>();
        for (int j = 0; j < model.outputCount(); j++) {
            Variable v = model.outputs().get(j);
            int base = j * perOutput();
            float[] mean = gather(results, stride, base, 1, cells);
            float[] sd = gather(results, stride, base + 1, 1, cells);
            w.field(OutputField.mean(v.name() + "_mean", v.units(), "ensemble mean of " + label(v), mean));
            w.field(OutputField.standardDeviation(v.name() + "_sd", v.units(), "ensemble standard deviation of "
                    + label(v), sd));
            if (q > 0) {
                double[] percent = new double[q];
                for (int i = 0; i < q; i++) {
                    percent[i] = 100 * quantiles[i];
                }
                w.field(OutputField.percentiles(v.name() + "_percentile", v.units(), "ensemble percentiles of "
                        + label(v), OutputAxis.percentiles(percent), gather(results, stride, base + 2, q, cells)));
            }
            if (e > 0) {
                w.field(OutputField.exceedance(v.name() + "_exceedance", "probability that " + label(v)
                        + " exceeds the threshold", OutputAxis.thresholds("threshold_" + v.name(), v.units(), thresholds),
                        gather(results, stride, base + 2 + q, e, cells)));
            }
            if (emulatorDraws) {
                String squared = v.units().equals("1") ? "1" : "(" + v.units() + ")^2";
                w.field(OutputField.builder(v.name() + "_input_variance", gather(results, stride, base + 2 + q + e, 1,
                        cells)).units(squared).longName("variance of the emulator's predictive mean of " + label(v)
                        + " over the members: the part driven by input uncertainty").cellMethods("realization: variance")
                        .build());
                w.field(OutputField.builder(v.name() + "_emulator_variance", gather(results, stride, base + 3 + q + e, 1,
                        cells)).units(squared).longName("mean over the members of the emulator's predictive variance of "
                        + label(v) + ": the emulator's own uncertainty").cellMethods("realization: mean").comment(
                        "each member adds a draw from the predictive distribution, so the square of " + v.name()
                        + "_sd estimates the sum of this and " + v.name() + "_input_variance").build());
            }
            if (study.plot()) {
                plots.addAll(plot(grid, times, v, "mean", mean, false));
                plots.addAll(plot(grid, times, v, "sd", sd, false));
                if (e > 0) {
                    float[] first = new float[t * cells];
                    float[] all = gather(results, stride, base + 2 + q, e, cells);
                    for (int s = 0; s < t; s++) {
                        System.arraycopy(all, s * e * cells, first, s * cells, cells);
                    }
                    plots.addAll(plot(grid, times, v, "exceedance_" + fmt(thresholds[0]), first, true));
                }
            }
        }
        w.build().write(study.output());
        return plots;
    }

    private List<Path> plot(LatLonGrid grid, List<Instant> times, Variable v, String what, float[] values,
            boolean probability) {
        GridField f = GridField.of(v.name() + "_" + what, probability ? "1" : v.units(), grid, times, values);
        List<Path> out = new ArrayList<>();
        String stem = study.output().getFileName().toString().replaceFirst("\\.nc$", "");
        for (int s = 0; s < times.size(); s++) {
            Path p = study.output().resolveSibling(stem + "_" + v.name() + "_" + what
                    + (times.size() > 1 ? "_t" + s : "") + ".png");
            String day = times.get(s).toString().substring(0, 10);
            QuickLookPng png = QuickLookPng.of(f, s, v.name() + " " + what.replace('_', ' ') + ", " + day + " ("
                    + study.members() + " members)");
            (probability ? png.withRange(0, 1) : png).write(p);
            out.add(p);
        }
        return out;
    }

    private static String label(Variable v) {
        return v.description().isEmpty() ? v.name() : v.description();
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** {@code count} consecutive statistics from each cell's record, as [time][count][cell]. */
    private static float[] gather(float[][] results, int stride, int offset, int count, int cells) {
        float[] out = new float[results.length * count * cells];
        for (int t = 0; t < results.length; t++) {
            for (int a = 0; a < count; a++) {
                for (int c = 0; c < cells; c++) {
                    out[(t * count + a) * cells + c] = results[t][c * stride + offset + a];
                }
            }
        }
        return out;
    }

    private Map<String, String> provenance(Map<String, String> extra) {
        Map<String, String> p = RunProvenance.of(backend);
        p.put("emulens_model_family", model.family().description());
        if (emulatorDraws) {
            p.put("emulens_emulator_uncertainty", "each member adds a draw from the emulator's predictive "
                    + "distribution (Philox stream " + ReservedStreams.EMULATOR_UNCERTAINTY + ")");
        }
        p.put("emulens_tanh", study.tanh());
        RunProvenance.putModel(p, model, study.model());
        p.put("emulens_seed", Long.toString(study.seed()));
        p.put("emulens_members", Long.toString(study.members()));
        p.put("emulens_study", study.name() + " (" + study.file() + ")");
        p.put("emulens_command_line", commandLine);
        StringBuilder files = new StringBuilder();
        for (StudyInput in : study.inputs()) {
            for (Path f : in.files()) {
                files.append(in.name()).append(": ").append(f.getFileName()).append(" sha256:").append(sha256(f))
                        .append('\n');
            }
        }
        p.put("emulens_input_files", files.toString().trim());
        StringBuilder unc = new StringBuilder();
        for (StudyInput in : study.inputs()) {
            unc.append(in.name()).append(": ").append(in.isConstant() ? "constant " + in.value() : "from files")
                    .append(in.error() == null ? ", unperturbed" : ", error " + in.error().describe()).append('\n');
        }
        p.put("emulens_inputs", unc.toString().trim());
        Study.EmulatorError ee = study.emulatorError();
        if (ee != null) {
            p.put("emulens_emulator_error", "Gaussian, sd " + (ee.file() == null ? Double.toString(ee.sd())
                    : "per cell from " + ee.file() + " variable " + ee.variable()) + ", on "
                    + (ee.output() == null ? "every output" : "output " + ee.output()));
        }
        p.putAll(extra);
        return p;
    }

    /**
     * Names the arithmetic that gives a chunk its bits (the forward pass's fused multiply-adds, the fast tanh's
     * definition, how members are folded into statistics). Change it whenever those change, so that a run
     * never resumes onto chunks that an earlier build computed differently.
     */
    private static final String ARITHMETIC = "dense fma; fast tanh on min(x^2, 81); statistics in blocks of "
            + EnsemblePropagator.FOLD + " members";

    private String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ARITHMETIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            md.update(Files.readAllBytes(study.file()));
            md.update(model.hash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (study.emulatorError() != null && study.emulatorError().file() != null) {
                // a changed error map must not resume onto chunks drawn with the old one
                md.update(sha256(study.emulatorError().file()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            md.update((backend.name() + study.tanh() + study.seed() + "/" + study.members()).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException ex) {
            throw new StudyConfigException(study.file() + ": cannot read: " + ex.getMessage());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String sha256(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException ex) {
            throw new StudyConfigException(f + ": cannot read: " + ex.getMessage());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
