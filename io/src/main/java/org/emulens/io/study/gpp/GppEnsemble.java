package org.emulens.io.study.gpp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emulens.engine.InputGradient;
import org.emulens.ensemble.stats.ExactQuantiles;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.uncertainty.CellUncertainty;
import org.emulens.ensemble.uncertainty.ErrorShape;
import org.emulens.ensemble.uncertainty.MemberPerturber;
import org.emulens.ensemble.uncertainty.UncertaintyModel;
import org.emulens.io.study.StudyConfigException;
import org.emulens.io.study.StudyRunner;

/**
 * Runs the GPP ensemble of a study cell by cell: each member's features are perturbed with
 * {@link MemberPerturber} (random, locally correlated and systematic components), each member's PFT
 * fractions come from its land-cover pixels' classes drawn through the {@link ClassConfusion} and mapped by
 * {@link PftFractions}, and the {@link GppModelBundle} gives every member's PFT GPPs, their mix and the
 * grid-box GPP. Then, per cell, the explainability at the nominal inputs and fractions: the analytic
 * gradient of the PFT-mixed GPP, {@code sum_p f_p * dGPP_p/dx}, and the Sobol' indices and dominant input of
 * the PFT-mixed GPP over the uncertain features ({@link InputAttribution}).
 *
 * <p>Every member is a pure function of (seed, cell, member), so results do not depend on the order of
 * cells; they depend on the backend only through its float rounding of the forward passes.
 */
public final class GppEnsemble {
    /** Quantile levels of the output distributions, in percent. */
    public static final double[] PERCENTILES = {5, 50, 95};

    private final GppModelBundle bundle;
    private final PftFractions pftFractions;
    private final ClassConfusion confusion;
    private final int members;
    private final long seed;
    private final int sobolBaseSamples;

    public GppEnsemble(GppModelBundle bundle, PftFractions pftFractions, ClassConfusion confusion, int members,
            long seed, int sobolBaseSamples) {
        if (members < 2) {
            throw new StudyConfigException("members: expected at least 2, found " + members);
        }
        if (sobolBaseSamples < 2 || Integer.bitCount(sobolBaseSamples) != 1) {
            throw new StudyConfigException("sobol base samples: expected a power of two >= 2, found "
                    + sobolBaseSamples);
        }
        this.bundle = bundle;
        this.pftFractions = pftFractions;
        this.confusion = confusion;
        this.members = members;
        this.seed = seed;
        this.sobolBaseSamples = sobolBaseSamples;
    }

    public int members() {
        return members;
    }

    public long seed() {
        return seed;
    }

    public GppResults run(GppInputs in) {
        List<String> features = bundle.features();
        if (!in.features().equals(features)) {
            throw new StudyConfigException("GPP inputs have features " + in.features() + ", the model bundle takes "
                    + features);
        }
        int f = features.size();
        int n = JulesPft.ALL.size();
        int cells = in.grid().cellCount();
        UncertaintyModel.Builder ub = UncertaintyModel.builder(features);
        for (int k = 0; k < f; k++) {
            float length = in.correlationLengthDegrees(k);
            if (Float.isNaN(length)) {
                ub.input(features.get(k), ErrorShape.gaussian());
            } else {
                ub.input(features.get(k), ErrorShape.gaussian(), length);
            }
        }
        UncertaintyModel model = ub.build();
        MemberPerturber perturber = new MemberPerturber(model);
        List<InputGradient> gradients = new ArrayList<>();
        for (var e : bundle.pftModels()) {
            gradients.add(InputGradient.of(e));
        }

        GppResults r = new GppResults(in.grid(), features, members, PERCENTILES.length);
        float[] feats = new float[members * f];
        float[] fracs = new float[members * n];
        float[] pft = new float[members * n];
        float[] mixed = new float[members];
        float[] gridBox = new float[members];
        float[] nominal = new float[f];
        float[] sigma = new float[f];
        float[] sdR = new float[f];
        float[] sdC = new float[f];
        float[] sdS = new float[f];
        for (int c = 0; c < cells; c++) {
            boolean valid = in.pixelCount(c) > 0;
            for (int k = 0; k < f; k++) {
                int idx = c * f + k;
                nominal[k] = in.nominalUnsafe()[idx];
                sdR[k] = in.sdRandomUnsafe()[idx];
                sdC[k] = in.sdCorrelatedUnsafe()[idx];
                sdS[k] = in.sdSystematicUnsafe()[idx];
                sigma[k] = in.sigma(c, k);
                valid &= !Float.isNaN(nominal[k]) && !Float.isNaN(sigma[k]);
            }
            if (!valid) {
                continue; // results start as missing
            }
            int lat = c / in.grid().lonCount();
            int lon = c % in.grid().lonCount();
            // draws addressed by the cell's place on the global grid, so overlapping regions agree
            int streamCell = StudyRunner.streamCell(in.grid(), 0, lat, lon);
            CellUncertainty cu = CellUncertainty.of(model, streamCell, (float) in.grid().lat(lat), (float) in.grid().lon(lon),
                    sdR, sdC, sdS);
            double[] nominalFractions = new double[n];
            for (int p = 0; p < in.pixelCount(c); p++) {
                pftFractions.addTo(in.pixelClass(c, p), 1.0 / in.pixelCount(c), nominalFractions);
            }
            for (int m = 0; m < members; m++) {
                perturber.perturb(seed, cu, m, nominal, 0, feats, m * f);
                memberFractions(in, c, streamCell, m, fracs, m * n);
            }
            bundle.evaluate(feats, fracs, members, pft, mixed, gridBox);
            r.setDistribution(c, GppResults.Quantity.GRID_BOX, summarise(gridBox));
            r.setDistribution(c, GppResults.Quantity.PFT_MIXED, summarise(mixed));
            r.setFractions(c, nominalFractions);

            double[] grad = new double[f];
            for (int p = 0; p < n; p++) {
                if (nominalFractions[p] == 0) {
                    continue;
                }
                double[] g = gradients.get(p).at(nominal, 0);
                for (int k = 0; k < f; k++) {
                    grad[k] += nominalFractions[p] * g[k];
                }
            }
            InputAttribution a = InputAttribution.of(features, nominal, sigma,
                    (rows, out) -> mixedAt(rows, nominalFractions, out), sobolBaseSamples, seed);
            r.setExplanation(c, grad, a);
        }
        return r;
    }

    /** The PFT-mixed GPP of design rows at fixed fractions, through the bundle's backend. */
    private void mixedAt(double[][] rows, double[] fractions, double[] out) {
        int f = bundle.features().size();
        int n = JulesPft.ALL.size();
        int rowsN = rows.length;
        float[] x = new float[rowsN * f];
        float[] fr = new float[rowsN * n];
        for (int r = 0; r < rowsN; r++) {
            for (int k = 0; k < f; k++) {
                x[r * f + k] = (float) rows[r][k];
            }
            for (int p = 0; p < n; p++) {
                fr[r * n + p] = (float) fractions[p];
            }
        }
        float[] pft = new float[rowsN * n];
        float[] mixed = new float[rowsN];
        bundle.evaluate(x, fr, rowsN, pft, mixed, null);
        for (int r = 0; r < rowsN; r++) {
            out[r] = mixed[r];
        }
    }

    /** Member {@code m}'s PFT fractions: the mean over the cell's pixels of each pixel's drawn class. */
    private void memberFractions(GppInputs in, int cell, int streamCell, int member, float[] out, int offset) {
        int n = JulesPft.ALL.size();
        double[] acc = new double[n];
        int pixels = in.pixelCount(cell);
        for (int p = 0; p < pixels; p++) {
            int cls = confusion.draw(seed, streamCell, member, p, in.pixelClass(cell, p));
            pftFractions.addTo(cls, 1.0 / pixels, acc);
        }
        for (int p = 0; p < n; p++) {
            out[offset + p] = (float) acc[p];
        }
    }

    /** Mean, sample sd and the {@link #PERCENTILES}. */
    private float[] summarise(float[] values) {
        MergeableMoments moments = new MergeableMoments();
        ExactQuantiles q = new ExactQuantiles(values.length);
        for (float v : values) {
            moments.accept(v);
            q.accept(v);
        }
        float[] s = new float[2 + PERCENTILES.length];
        s[0] = (float) moments.mean();
        s[1] = (float) Math.sqrt(moments.sampleVariance());
        for (int k = 0; k < PERCENTILES.length; k++) {
            s[2 + k] = (float) q.quantile(PERCENTILES[k] / 100);
        }
        return s;
    }

    static float[] nanArray(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
