package org.emulens.io.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.ensemble.calibration.AbcRejection;
import org.emulens.ensemble.calibration.AbcSmc;
import org.emulens.ensemble.calibration.CalibrationException;
import org.emulens.ensemble.calibration.ChainDiagnostics;
import org.emulens.ensemble.calibration.EnsembleSampler;
import org.emulens.ensemble.calibration.GaussianPosterior;
import org.emulens.ensemble.calibration.HistoryMatching;
import org.emulens.ensemble.calibration.ModelAtObservations;
import org.emulens.ensemble.calibration.Prior;
import org.emulens.ensemble.calibration.Progress;
import org.emulens.ensemble.design.SobolSequence;
import org.emulens.io.AtomicFile;
import org.emulens.io.csv.NumericCsv;
import org.emulens.io.plot.DensityPairsPng;

/**
 * Runs a {@link CalibrationStudy} on a backend: history matching (NROY fraction per wave), then the ensemble
 * MCMC started from NROY points where there are enough, then ABC rejection and ABC-SMC, each as the study asks. Writes
 * into the study's output folder: {@code nroy-waves.csv}, {@code nroy-points.csv}, {@code posterior.csv},
 * {@code posterior.nc}, {@code posterior.png}, {@code diagnostics.csv}, {@code abc.csv}, {@code abc.png},
 * {@code abc-smc.csv}, {@code abc-smc.png}, {@code provenance.txt}.
 */
public final class CalibrationRunner {
    /** Parameter sets evaluated per batch: each is one emulator row per observation. */
    private static final int BATCH = 8192;
    private static final int MAX_ROWS = 1 << 17;
    private static final int MAX_NROY_KEPT = 50_000;

    private final CalibrationStudy study;
    private final Emulator model;
    private final Backend backend;
    private final String commandLine;

    /** What was found, as lines for a report, and the files written. */
    public record Result(List<String> report, List<Path> files, long parameterSets) {
    }

    public CalibrationRunner(CalibrationStudy study, Emulator model, Backend backend, String commandLine) {
        this.study = study;
        this.model = model;
        this.backend = backend;
        this.commandLine = commandLine;
    }

    public Result run(Progress progress) {
        Prior prior = study.prior();
        List<String> names = prior.names();
        int d = prior.dimensions();
        List<String> report = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long evaluated = 0;
        try {
            Files.createDirectories(study.outputDir());
        } catch (IOException ex) {
            throw new CalibrationException(study.outputDir() + ": cannot create the output folder: " + ex.getMessage(), ex);
        }
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int j = 0; j < d; j++) {
            lo[j] = prior.lower(j);
            hi[j] = prior.upper(j);
        }
        try (CompiledEmulator c = backend.compile(model, study.tanh())) {
            ModelAtObservations at = new ModelAtObservations(c, study.output(), names, study.observations(), MAX_ROWS);
            double[][] nroy = null;
            if (study.waves().isPresent()) {
                HistoryMatching.Result hm = HistoryMatching.run(prior, at, study.errors(), study.waves().get(),
                        study.seed(), BATCH, MAX_NROY_KEPT, progress);
                List<double[]> rows = new ArrayList<>();
                for (HistoryMatching.WaveResult w : hm.waves()) {
                    rows.add(new double[] {w.wave(), w.cutoff(), w.rank(), w.evaluated(), w.nroy(), w.nroyFraction()});
                    report.add(String.format(Locale.ROOT, "history matching wave %d: cutoff %.3g on the %s, %,d evaluated, "
                            + "%,d in NROY, NROY fraction %.4g", w.wave(), w.cutoff(), w.rank() == 1 ? "max" : "second max",
                            w.evaluated(), w.nroy(), w.nroyFraction()));
                    evaluated += w.evaluated();
                }
                files.add(csv("nroy-waves.csv", List.of("wave", "cutoff", "summary_rank", "evaluated", "nroy",
                        "nroy_fraction"), rows.toArray(new double[0][])));
                files.add(csv("nroy-points.csv", names, hm.nroyPoints()));
                nroy = hm.nroyPoints();
                if (nroy.length == 0) {
                    report.add("history matching: every sampled parameter set is ruled out; check the observations, "
                            + "their errors and the discrepancy");
                }
            }
            if (study.mcmc().isPresent()) {
                EnsembleSampler.Settings s = study.mcmc().get();
                double[][] start = startPoints(prior, s.walkers(), nroy);
                EnsembleSampler.Chains chains = EnsembleSampler.run(s, start,
                        new GaussianPosterior(prior, at, study.errors()), progress);
                evaluated += (long) s.walkers() * (s.burnIn() + s.steps() + 1);
                double[][] pooled = chains.pooled();
                StringBuilder diag = new StringBuilder("parameter,mean,sd,q05,q50,q95,split_rhat,ess\n");
                List<SampleNetcdf.Column> columns = new ArrayList<>();
                report.add(String.format(Locale.ROOT, "mcmc: %d walkers, %d steps after %d burn-in, acceptance %.3f%s",
                        s.walkers(), s.steps(), s.burnIn(), chains.acceptance(),
                        nroy != null && nroy.length >= s.walkers() ? ", started in NROY" : ", started at prior draws"));
                for (int j = 0; j < d; j++) {
                    ChainDiagnostics.Summary sum = ChainDiagnostics.of(chains.parameter(j));
                    double[] v = new double[pooled.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = pooled[i][j];
                    }
                    double[] sorted = v.clone();
                    Arrays.sort(sorted);
                    double mean = Arrays.stream(v).average().orElse(Double.NaN);
                    double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
                    double q05 = quantile(sorted, 0.05);
                    double q50 = quantile(sorted, 0.5);
                    double q95 = quantile(sorted, 0.95);
                    diag.append(names.get(j));
                    for (double x : new double[] {mean, sd, q05, q50, q95, sum.rhat(), sum.ess()}) {
                        diag.append(',').append(x);
                    }
                    diag.append('\n');
                    report.add(String.format(Locale.ROOT, "  %-14s mean %.5g sd %.3g  90%% interval [%.5g, %.5g]  "
                            + "split R-hat %.3f  ESS %.0f%s", names.get(j), mean, sd, q05, q95, sum.rhat(), sum.ess(),
                            sum.rhat() > 1.05 || sum.ess() < 400 ? "  (not converged: run longer)" : ""));
                    Map<String, String> attrs = new LinkedHashMap<>();
                    attrs.put("long_name", "posterior samples of " + names.get(j));
                    attrs.put("units", model.inputs().get(model.inputIndex(names.get(j))).units());
                    attrs.put("split_rhat", Double.toString(sum.rhat()));
                    attrs.put("effective_sample_size", Double.toString(sum.ess()));
                    columns.add(new SampleNetcdf.Column(names.get(j), v, attrs));
                }
                List<String> header = new ArrayList<>(List.of("walker", "step"));
                header.addAll(names);
                double[][] rows = new double[pooled.length][];
                for (int i = 0; i < pooled.length; i++) {
                    rows[i] = new double[d + 2];
                    rows[i][0] = i / s.steps();
                    rows[i][1] = i % s.steps();
                    System.arraycopy(pooled[i], 0, rows[i], 2, d);
                }
                files.add(csv("posterior.csv", header, rows));
                Path nc = study.outputDir().resolve("posterior.nc");
                Map<String, String> prov = provenance();
                prov.put("method", "affine-invariant ensemble MCMC (Goodman and Weare 2010, stretch move)");
                prov.put("walkers", Integer.toString(s.walkers()));
                prov.put("steps", Integer.toString(s.steps()));
                prov.put("burn_in", Integer.toString(s.burnIn()));
                prov.put("acceptance", Double.toString(chains.acceptance()));
                SampleNetcdf.write(nc, "Posterior samples of study " + study.name(), prov, columns);
                files.add(nc);
                Path diagnostics = study.outputDir().resolve("diagnostics.csv");
                AtomicFile.write(diagnostics, w -> w.write(diag.toString()));
                files.add(diagnostics);
                Path png = study.outputDir().resolve("posterior.png");
                plot(png, "posterior of " + study.name() + " (MCMC)", names, pooled, lo, hi);
                files.add(png);
            }
            if (study.abc().isPresent()) {
                CalibrationStudy.Abc a = study.abc().get();
                AbcRejection.Result r = AbcRejection.run(prior, at, study.errors(), a.samples(), a.acceptFraction(),
                        study.seed() + 1_000_003L, BATCH, progress);
                evaluated += r.drawn();
                report.add(String.format(Locale.ROOT, "abc rejection: %,d of %,d prior draws kept, tolerance %.4g (Mahalanobis distance)",
                        r.accepted().length, r.drawn(), r.epsilon()));
                List<String> header = new ArrayList<>(names);
                header.add("distance");
                double[][] rows = new double[r.accepted().length][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = Arrays.copyOf(r.accepted()[i], d + 1);
                    rows[i][d] = r.distances()[i];
                }
                files.add(csv("abc.csv", header, rows));
                Path png = study.outputDir().resolve("abc.png");
                plot(png, "ABC posterior of " + study.name(), names, r.accepted(), lo, hi);
                files.add(png);
            }
            if (study.abcSmc().isPresent()) {
                AbcSmc.Result r = AbcSmc.run(prior, at, study.errors(), study.abcSmc().get(), BATCH, progress);
                for (AbcSmc.Generation g : r.generations()) {
                    evaluated += g.attempts();
                    report.add(String.format(Locale.ROOT, "abc-smc generation %d: tolerance %.4g, %,d candidates, "
                            + "acceptance %.3f", g.index(), g.epsilon(), g.attempts(), g.acceptance()));
                }
                if (r.stoppedEarly()) {
                    report.add("abc-smc: stopped early: the last generation reached max_attempts before it had every "
                            + "particle; the particles written are the previous generation's");
                }
                List<String> header = new ArrayList<>(names);
                header.add("weight");
                header.add("distance");
                double[][] rows = new double[r.particles().length][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = Arrays.copyOf(r.particles()[i], d + 2);
                    rows[i][d] = r.weights()[i];
                    rows[i][d + 1] = r.distances()[i];
                }
                files.add(csv("abc-smc.csv", header, rows));
                Path png = study.outputDir().resolve("abc-smc.png");
                plot(png, "ABC-SMC particles of " + study.name() + " (unweighted)", names, r.particles(), lo, hi);
                files.add(png);
            }
        }
        Path prov = study.outputDir().resolve("provenance.txt");
        AtomicFile.write(prov, w -> {
            for (Map.Entry<String, String> e : provenance().entrySet()) {
                w.write(e.getKey() + ": " + e.getValue() + "\n");
            }
        });
        files.add(prov);
        return new Result(List.copyOf(report), List.copyOf(files), evaluated);
    }

    private Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("study", study.name());
        p.put("model", model.name());
        p.put("model_sha256", model.hash());
        p.put("backend", backend.name());
        p.put("device", backend.device());
        p.put("tanh", study.tanh().toString());
        p.put("seed", Long.toString(study.seed()));
        p.put("observations", study.observations().source() + " (" + study.observations().size() + ")");
        p.put("systematic_sd", Double.toString(study.errors().systematicSd()));
        p.put("emulator_sd", Double.toString(study.errors().emulatorSd()));
        p.put("discrepancy_sd", Double.toString(study.errors().discrepancySd()));
        p.put("prior", study.prior().toString());
        p.put("command", commandLine);
        return p;
    }

    private Path csv(String name, List<String> header, double[][] rows) {
        Path p = study.outputDir().resolve(name);
        NumericCsv.writeRows(p, header, rows);
        return p;
    }

    /** Plots over the samples' range widened by a quarter each side, within the allowed box. */
    private static void plot(Path png, String title, List<String> names, double[][] rows, double[] boxLo,
            double[] boxHi) {
        int d = names.size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int j = 0; j < d; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] r : rows) {
                min = Math.min(min, r[j]);
                max = Math.max(max, r[j]);
            }
            double pad = 0.25 * (max - min);
            lo[j] = Math.max(boxLo[j], min - pad);
            hi[j] = Math.min(boxHi[j], max + pad);
            if (!(hi[j] > lo[j])) {
                lo[j] = boxLo[j];
                hi[j] = boxHi[j];
            }
        }
        DensityPairsPng.write(png, title, names, rows, lo, hi, null);
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int i = (int) Math.floor(h);
        return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }

    /** Walker start points: spread through the NROY points where there are enough, else prior draws. */
    private double[][] startPoints(Prior prior, int walkers, double[][] nroy) {
        double[][] x = new double[walkers][];
        if (nroy != null && nroy.length >= walkers) {
            for (int k = 0; k < walkers; k++) {
                x[k] = nroy[(int) ((long) k * nroy.length / walkers)];
            }
            return x;
        }
        SobolSequence sobol = SobolSequence.scrambled(prior.dimensions(), study.seed() + 7919L);
        int k = 0;
        for (long i = 0; k < walkers && i < 1000L * walkers; i++) {
            double[] v = prior.valueAt(sobol.sample(i, 1)[0]);
            if (prior.inside(v)) {
                x[k++] = v;
            }
        }
        if (k < walkers) {
            throw new CalibrationException("mcmc: the prior rarely falls inside the model's valid ranges; could not "
                    + "place " + walkers + " walkers");
        }
        return x;
    }
}
