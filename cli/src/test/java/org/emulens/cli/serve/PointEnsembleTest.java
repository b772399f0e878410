package org.emulens.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.emulens.engine.Emulator;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.QuantileSketch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model page's numbers for y = 2a − 3b + 1 with independent Gaussian inputs, against closed forms:
 * y is N(2a − 3b + 1, 4 sd_a² + 9 sd_b²), and each input's first-order and total Sobol' index is its term's
 * share of that variance.
 */
class PointEnsembleTest {
    private static final Emulator MODEL = LinearModel.emulator();
    private static final int MEMBERS = 100_000;
    private static Backend backend;
    private static CompiledEmulator compiled;
    private static PointEnsemble ensemble;

    @BeforeAll
    static void compile() {
        backend = Backends.open("cpu", new BackendOptions(2, 0));
        compiled = backend.compile(MODEL, TanhMode.EXACT);
        ensemble = new PointEnsemble(compiled, new PointEnsemble.Settings(MEMBERS, MEMBERS, 7, 2));
    }

    @AfterAll
    static void close() {
        compiled.close();
        backend.close();
    }

    private static PointEnsemble.Result run(String body) {
        return ensemble.run(EnsembleRequest.parse(body, MODEL, MEMBERS, MEMBERS));
    }

    @Test
    void momentsPercentilesAndSobolIndicesMatchTheClosedForms() {
        double a = 4;
        double sdA = 0.5;
        double b = 1;
        double sdB = 0.2;
        PointEnsemble.Result r = run(LinearModel.request(a, sdA, b, sdB, ""));
        double mean = LinearModel.WA * a + LinearModel.WB * b + LinearModel.BIAS;
        double varA = LinearModel.WA * LinearModel.WA * sdA * sdA;
        double varB = LinearModel.WB * LinearModel.WB * sdB * sdB;
        double sd = Math.sqrt(varA + varB);
        MergeableMoments m = r.stats().moments();
        assertEquals(MEMBERS, m.count());
        // 4 standard errors: the seed is fixed, so this either always passes or flags a real bias
        assertEquals(mean, m.mean(), 4 * sd / Math.sqrt(MEMBERS));
        assertEquals(sd, Math.sqrt(m.sampleVariance()), 4 * sd / Math.sqrt(2.0 * MEMBERS));
        QuantileSketch q = r.stats().quantileSketch();
        double z95 = 1.6448536269514722;
        // the sketch's relative accuracy, plus 4 standard errors of a 5 % quantile, sqrt(p(1-p)/N) / density
        double quantileError = 4 * Math.sqrt(0.05 * 0.95 / MEMBERS) / (Math.exp(-z95 * z95 / 2) / Math.sqrt(2 * Math.PI))
                * sd;
        assertEquals(mean - z95 * sd, q.quantile(0.05), quantileError + q.relativeAccuracy() * Math.abs(mean - z95 * sd));
        assertEquals(mean + z95 * sd, q.quantile(0.95), quantileError + q.relativeAccuracy() * (mean + z95 * sd));

        FixedBinHistogram h = r.stats().histogram();
        assertEquals(PointEnsemble.HISTOGRAM_BINS, h.bins());
        assertEquals(MEMBERS, Arrays.stream(h.binCounts()).sum() + h.underflow() + h.overflow());
        assertTrue(h.lo() < mean - 3 * sd && h.hi() > mean + 3 * sd, "the pilot's range, widened, holds +/- 3 sd");

        PointEnsemble.Sensitivity s = r.sensitivity();
        assertNotNull(s.indices(), s.note());
        double shareA = varA / (varA + varB);
        // 1024 base samples of a linear function: the estimators' spread is a few hundredths
        assertEquals(shareA, s.indices().s1(0), 0.05);
        assertEquals(1 - shareA, s.indices().s1(1), 0.05);
        assertEquals(shareA, s.indices().st(0), 0.05);
        assertEquals(1 - shareA, s.indices().st(1), 0.05);
        assertEquals(1024L * 4, s.runs(), "N (k + 2) runs for k = 2 inputs");
    }

    @Test
    void theSameRequestGivesTheSameNumbersAndTheSeedIsCommonToAllPoints() {
        String body = LinearModel.request(3, 1, 0, 0.5, "\"sensitivity\":false");
        PointEnsemble.Result first = run(body);
        PointEnsemble.Result again = run(body);
        assertEquals(first.stats().moments().mean(), again.stats().moments().mean());
        assertNull(first.sensitivity());
        // y is linear, so shifting a by 1 shifts every member by exactly 2: same draws, not new ones
        PointEnsemble.Result shifted = run(LinearModel.request(4, 1, 0, 0.5, "\"sensitivity\":false"));
        assertEquals(first.stats().moments().mean() + 2, shifted.stats().moments().mean(), 1e-5);
        assertEquals(Math.sqrt(first.stats().moments().sampleVariance()),
                Math.sqrt(shifted.stats().moments().sampleVariance()), 1e-5);
    }

    @Test
    void truncationKeepsEveryMemberInsideTheValidRange() {
        // a at its lower bound with sd 1: without truncation half the members ask for a < 0
        PointEnsemble.Result plain = run(LinearModel.request(0, 1, 0, 0, "\"sensitivity\":false"));
        PointEnsemble.Result kept = run(LinearModel.request(0, 1, 0, 0, "\"truncate\":true,\"sensitivity\":false"));
        assertTrue(plain.stats().moments().min() < 1 - 1, "y = 2a + 1 goes below 1 when a < 0");
        assertTrue(kept.stats().moments().min() >= 1, "min " + kept.stats().moments().min());
        // a half-normal of sd 1 has mean sqrt(2/pi), so y has mean 1 + 2 sqrt(2/pi)
        assertEquals(1 + 2 * Math.sqrt(2 / Math.PI), kept.stats().moments().mean(), 0.02);
    }

    @Test
    void withoutUncertaintyTheOutputIsThePointValueAndSensitivityIsExplained() {
        PointEnsemble.Result r = run(LinearModel.request(2, 0, -1, 0, ""));
        assertEquals(2 * 2 + 3 + 1, r.stats().moments().mean(), 1e-6);
        assertEquals(0, r.stats().moments().sampleVariance(), 1e-12);
        assertEquals(MEMBERS, Arrays.stream(r.stats().histogram().binCounts()).sum(), "one spike, inside the range");
        assertNull(r.sensitivity().indices());
        assertTrue(r.sensitivity().note().contains("no input has an sd above 0"), r.sensitivity().note());
    }
}
