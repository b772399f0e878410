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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emulens.engine.Emulator;
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
        Checkpoint checkpoint = new Checkpoint(study.output(), fingerprint());
        checkpoint.open(resume);

        StatisticsSpec spec = statisticsSpec();
        int k = model.outputCount();
        int stride = k * perOutput();
        List<StudyInputs> stepInputs = new ArrayList<>();
        List<int[]> valid = new ArrayList<>();
        long totalCells = 0;
        for (int t = 0; t < steps; t++) {
            StudyInputs in = StudyInputs.read(study, t);
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
        long total = totalCells * study.members();
        long done = 0;
        float[][] results = new float[steps][];
        int threads = study.threads() == 0 ? Runtime.getRuntime().availableProcessors() : study.threads();
        MemberPerturber perturber = new MemberPerturber(uncertainty);
        try (CompiledEmulator compiled = backend.compile(model, tanh);
                EnsemblePropagator propagator = new EnsemblePropagator(compiled, spec, EnsemblePropagator.DEFAULT_CHUNK,
                        threads)) {
            for (int t = 0; t < steps; t++) {
                StudyInputs in = stepInputs.get(t);
                int[] cells = valid.get(t);
                float[] out = new float[grid.cellCount() * stride];
                java.util.Arrays.fill(out, Float.NaN);
                for (int first = 0; first < cells.length; first += CELLS_PER_CHUNK) {
                    int n = Math.min(CELLS_PER_CHUNK, cells.length - first);
                    String chunk = "step" + t + "-cells" + first;
                    float[] saved = checkpoint.load(chunk, n * stride);
                    if (saved == null) {
                        saved = runChunk(compiled, propagator, perturber, uncertainty, in, t, cells, first, n, stride,
                                done, total, progress);
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
        List<Path> plots = write(grid, stepInputs, results, stride);
        checkpoint.delete();
        return new Result(study.output(), plots, totalCells, total, (System.nanoTime() - start) / 1e9);
    }

    private float[] runChunk(CompiledEmulator compiled, EnsemblePropagator propagator, MemberPerturber perturber,
            UncertaintyModel uncertainty, StudyInputs in, int step, int[] cells, int first, int n, int stride, long done,
            long total, Progress progress) {
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
            cu[c] = CellUncertainty.of(uncertainty, streamCells[c], (float) grid.lat(i),
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
        float[] out = new float[n * stride];
        if (emulatorDraws) {
            PredictiveDrawPropagator draws = new PredictiveDrawPropagator(compiled, statisticsSpec(), seed,
                    EnsemblePropagator.DEFAULT_CHUNK);
            for (int c = 0; c < n; c++) {
                long before = done + (long) c * study.members();
                VarianceBudget[] budgets = draws.runMembers(c, streamCells[c], 0, study.members(), inputs,
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
        CellStatistics[][] stats = propagator.runCells(local, study.members(), inputs, outputs,
                progress == null ? null : evaluated -> progress.update(done + evaluated, total));
        for (int c = 0; c < n; c++) {
            int o = c * stride;
            for (CellStatistics s : stats[c]) {
                o = putStatistics(out, o, s);
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
        double res = grid.latCount() > 1 ? Math.abs(grid.lat(1) - grid.lat(0)) : Math.abs(grid.lon(1) - grid.lon(0));
        long cols = Math.round(360 / res);
        long rows = Math.round(180 / res);
        long row = Math.min(rows - 1, (long) Math.floor((grid.lat(i) + 90) / res));
        long col = Math.floorMod((long) Math.floor((normaliseLon(grid.lon(j)) + 180) / res), cols);
        long id = step * rows * cols + row * cols + col;
        if (id >= 0xFFFF_FFFFL) {
            throw new StudyConfigException("time step " + step + " at " + res + " degrees runs past the 2^32 cells of "
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

    private List<Path> write(LatLonGrid grid, List<StudyInputs> steps, float[][] results, int stride) {
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
                .provenance(provenance())
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

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        String version = StudyRunner.class.getPackage().getImplementationVersion();
        p.put("emulens_version", version == null ? "development build" : version);
        p.put("emulens_backend", backend.name());
        p.put("emulens_model_family", model.family().description());
        if (emulatorDraws) {
            p.put("emulens_emulator_uncertainty", "each member adds a draw from the emulator's predictive "
                    + "distribution (Philox stream " + ReservedStreams.EMULATOR_UNCERTAINTY + ")");
        }
        p.put("emulens_device", backend.device());
        p.put("emulens_tanh", study.tanh());
        p.put("emulens_model", model.name() + " (" + study.model() + ")");
        p.put("emulens_model_sha256", model.hash());
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
        return p;
    }

    private String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
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
