package org.emulens.cli.serve;

import java.util.ArrayList;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.design.SaltelliDesign;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.sensitivity.BatchModel;
import org.emulens.ensemble.sensitivity.Bootstrap;
import org.emulens.ensemble.sensitivity.EmulatorBatchModel;
import org.emulens.ensemble.sensitivity.SensitivityException;
import org.emulens.ensemble.sensitivity.SobolAnalysis;
import org.emulens.ensemble.sensitivity.SobolIndices;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.QuantileSketch;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.ensemble.uncertainty.CellUncertainty;
import org.emulens.ensemble.uncertainty.ErrorShape;
import org.emulens.ensemble.uncertainty.MemberPerturber;
import org.emulens.ensemble.uncertainty.UncertaintyModel;

/**
 * The model page's computation: an ensemble of one model at one point of its input space, each input
 * perturbed by a Gaussian of the requested sd, and the Sobol' indices of the output around that point.
 *
 * <p><b>Ensemble.</b> Every input is a per-cell input of an {@link UncertaintyModel} whose only error is
 * the random component, of sd {@code sd}; the point is stream cell {@value #CELL} at (0, 0), and members
 * {@code 0 .. members − 1} are drawn by {@link MemberPerturber} with the server's seed. So a request is a
 * pure function of its inputs: the same request gives the same numbers, and moving one slider moves every
 * member by the same standardised draws (common random numbers), which is why the histogram changes
 * smoothly. With {@code truncate}, inputs with a stated valid range use {@code TruncatedGaussian} on it.
 *
 * <p><b>Statistics.</b> The histogram's bins must be fixed before the members are seen, so a pilot of
 * the first {@value #PILOT_MEMBERS} members gives the output's smallest and largest value, and the
 * histogram has {@value #HISTOGRAM_BINS} bins over that range widened by a quarter of its width each side
 * (by 1 % of the value, at least 1e-6, when every pilot member agrees; over [0, 1) when no pilot value is
 * finite); members beyond it are counted as under- and overflow. The full run keeps moments, a quantile
 * sketch of relative accuracy {@link QuantileSketch#DEFAULT_RELATIVE_ACCURACY} and that histogram.
 *
 * <p><b>Sensitivity.</b> First-order (Saltelli 2010) and total (Jansen) Sobol' indices from
 * {@link SobolAnalysis}, on a scrambled Sobol' Saltelli design of {@value #SOBOL_BASE_SAMPLES} base
 * samples over the inputs with sd &gt; 0, each independently Normal(value, sd) (truncated to its range
 * with {@code truncate}), with {@value #BOOTSTRAP_RESAMPLES}-resample 95 % bootstrap half-widths: the
 * share of the output's variance, around this point, that each input's uncertainty explains. Inputs with
 * sd 0 stay at their value.
 */
final class PointEnsemble {
    static final int CELL = 0;
    static final int PILOT_MEMBERS = 2048;
    static final int HISTOGRAM_BINS = 60;
    static final int SOBOL_BASE_SAMPLES = 1024;
    static final int BOOTSTRAP_RESAMPLES = 100;
    static final double BOOTSTRAP_LEVEL = 0.95;

    /** What the server was started with: member counts, the seed of every draw, CPU threads per run. */
    record Settings(long defaultMembers, long maxMembers, long seed, int threads) {
        Settings {
            if (defaultMembers < 2 || defaultMembers > maxMembers) {
                throw new IllegalArgumentException("members: expected 2 <= default <= maximum, found default "
                        + defaultMembers + ", maximum " + maxMembers);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads: expected at least 1, found " + threads);
            }
        }
    }

    private final CompiledEmulator model;
    private final Settings settings;
    private final MemberPerturber gaussian;
    private final MemberPerturber truncated;

    PointEnsemble(CompiledEmulator model, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.gaussian = new MemberPerturber(uncertainty(model.emulator(), false));
        this.truncated = new MemberPerturber(uncertainty(model.emulator(), true));
    }

    Emulator emulator() {
        return model.emulator();
    }

    Settings settings() {
        return settings;
    }

    private static UncertaintyModel uncertainty(Emulator e, boolean truncate) {
        UncertaintyModel.Builder b = UncertaintyModel.builder(e.inputs().stream().map(Variable::name).toList());
        for (Variable v : e.inputs()) {
            b.input(v.name(), truncate && v.hasRange()
                    ? ErrorShape.truncatedGaussian((float) v.validMin(), (float) v.validMax())
                    : ErrorShape.gaussian());
        }
        return b.build();
    }

    /** The statistics of the request's output and, if asked for, its sensitivities. */
    Result run(EnsembleRequest r) {
        Emulator e = model.emulator();
        int d = e.inputCount();
        MemberPerturber perturber = r.truncate() ? truncated : gaussian;
        float[] nominal = new float[d];
        float[] sd = new float[d];
        for (int i = 0; i < d; i++) {
            nominal[i] = (float) r.values()[i];
            sd[i] = (float) r.sds()[i];
        }
        float[] zero = new float[d];
        CellUncertainty cell = CellUncertainty.of(perturber.model(), CELL, 0f, 0f, sd, zero, zero);
        long seed = settings.seed();
        MemberInputs inputs = (c, first, count, rows, offset) ->
                perturber.perturbMembers(seed, cell, first, count, nominal, 0, rows, offset * d);
        long start = System.nanoTime();
        int j = r.output();
        MergeableMoments pilot = propagate(StatisticsSpec.builder().moments().build(),
                Math.min(r.members(), PILOT_MEMBERS), inputs)[j].moments();
        double[] range = histogramRange(pilot.min(), pilot.max());
        StatisticsSpec spec = StatisticsSpec.builder().moments()
                .quantileSketch(QuantileSketch.DEFAULT_RELATIVE_ACCURACY)
                .histogram(range[0], range[1], HISTOGRAM_BINS).build();
        CellStatistics stats = propagate(spec, r.members(), inputs)[j];
        double seconds = (System.nanoTime() - start) / 1e9;
        Sensitivity sensitivity = r.sensitivity() ? sensitivity(r) : null;
        return new Result(e.outputs().get(j), r, stats, seconds, sensitivity);
    }

    private CellStatistics[] propagate(StatisticsSpec spec, long members, MemberInputs inputs) {
        try (EnsemblePropagator p = new EnsemblePropagator(model, spec, EnsemblePropagator.DEFAULT_CHUNK,
                settings.threads())) {
            return p.runCell(CELL, members, inputs, null);
        }
    }

    private static double[] histogramRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {0, 1};
        }
        double span = max - min;
        if (span > 0) {
            return new double[] {min - span / 4, max + span / 4};
        }
        double pad = Math.max(Math.abs(min) * 0.01, 1e-6);
        return new double[] {min - pad, max + pad};
    }

    private Sensitivity sensitivity(EnsembleRequest r) {
        Emulator e = model.emulator();
        List<Integer> varied = new ArrayList<>();
        Problem.Builder problem = Problem.builder();
        for (int i = 0; i < e.inputCount(); i++) {
            if (r.sds()[i] > 0) {
                Variable v = e.inputs().get(i);
                varied.add(i);
                if (r.truncate() && v.hasRange()) {
                    problem.truncatedNormal(v.name(), r.values()[i], r.sds()[i], v.validMin(), v.validMax());
                } else {
                    problem.normal(v.name(), r.values()[i], r.sds()[i]);
                }
            }
        }
        if (varied.isEmpty()) {
            return Sensitivity.none("no input has an sd above 0, so the output does not vary");
        }
        long start = System.nanoTime();
        EmulatorBatchModel full = new EmulatorBatchModel(model, r.output());
        BatchModel atPoint = (rows, out) -> {
            double[][] complete = new double[rows.length][];
            for (int s = 0; s < rows.length; s++) {
                complete[s] = r.values().clone();
                for (int k = 0; k < varied.size(); k++) {
                    complete[s][varied.get(k)] = rows[s][k];
                }
            }
            full.evaluate(complete, out);
        };
        Problem p = problem.build();
        SaltelliDesign design = SaltelliDesign.scrambledSobol(p.dimensions(), SOBOL_BASE_SAMPLES, false,
                settings.seed());
        try {
            SobolIndices s = SobolAnalysis.run(p, atPoint, design,
                    Bootstrap.of(BOOTSTRAP_RESAMPLES, BOOTSTRAP_LEVEL, settings.seed()));
            return new Sensitivity(s, design.rows(), (System.nanoTime() - start) / 1e9, null);
        } catch (SensitivityException ex) {
            return Sensitivity.none("indices undefined: " + ex.getMessage());
        }
    }

    /** Sobol' indices, or why there are none. */
    record Sensitivity(SobolIndices indices, long runs, double seconds, String note) {
        static Sensitivity none(String why) {
            return new Sensitivity(null, 0, 0, why);
        }

        Json.ObjectWriter toJson() {
            Json.ObjectWriter w = Json.object()
                    .put("method", "first-order (Saltelli 2010) and total (Jansen) Sobol' indices, " + SOBOL_BASE_SAMPLES
                            + " base samples of a scrambled Sobol' design around the point, each input with sd > 0"
                            + " independently Normal(value, sd); +/- " + Math.round(100 * BOOTSTRAP_LEVEL)
                            + " % bootstrap half-widths from " + BOOTSTRAP_RESAMPLES + " resamples")
                    .put("baseSamples", SOBOL_BASE_SAMPLES).put("runs", runs).put("seconds", seconds).put("note", note);
            List<String> factors = new ArrayList<>();
            if (indices != null) {
                for (int i = 0; i < indices.factors(); i++) {
                    factors.add(Json.object().put("name", indices.names().get(i)).put("s1", indices.s1(i))
                            .put("s1Conf", indices.s1Conf(i)).put("st", indices.st(i)).put("stConf", indices.stConf(i))
                            .toString());
                }
            }
            return w.raw("factors", Json.array(factors));
        }
    }

    /** What the page shows for one request. */
    record Result(Variable output, EnsembleRequest request, CellStatistics stats, double seconds,
                  Sensitivity sensitivity) {

        String toJson(Emulator e, long seed, String backend) {
            MergeableMoments m = stats.moments();
            QuantileSketch q = stats.quantileSketch();
            FixedBinHistogram h = stats.histogram();
            Json.ObjectWriter inputs = Json.object();
            for (int i = 0; i < e.inputCount(); i++) {
                inputs.put(e.inputs().get(i).name(), Json.object().put("value", request.values()[i])
                        .put("sd", request.sds()[i]));
            }
            Json.ObjectWriter histogram = Json.object().put("lo", h.lo()).put("hi", h.hi())
                    .raw("counts", Json.array(h.binCounts())).put("underflow", h.underflow())
                    .put("overflow", h.overflow());
            Json.ObjectWriter w = Json.object().put("model", e.name()).put("output", output.name())
                    .put("units", output.units()).put("backend", backend).put("seed", seed)
                    .put("members", request.members()).put("truncate", request.truncate()).put("inputs", inputs)
                    .put("mean", m.mean()).put("sd", Math.sqrt(m.sampleVariance())).put("min", m.min())
                    .put("max", m.max()).put("p05", q.quantile(0.05)).put("p50", q.quantile(0.5))
                    .put("p95", q.quantile(0.95)).put("quantileAccuracy", q.relativeAccuracy())
                    .put("nanCount", stats.nanCount()).put("histogram", histogram).put("seconds", seconds);
            return (sensitivity == null ? w : w.put("sensitivity", sensitivity.toJson())).toString();
        }
    }
}
