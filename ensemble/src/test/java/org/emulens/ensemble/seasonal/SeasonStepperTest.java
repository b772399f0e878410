package org.emulens.ensemble.seasonal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stepping engine on the CPU backend with the demo soil-moisture emulator of models/. */
class SeasonStepperTest {
    static final Path MODEL = Path.of("..", "models", "soil_moisture_step.onnx");
    /** A Sahel cell (one season), an equatorial one (two) and a southern one (one, across the new year). */
    static final double[] LATITUDES = {12.0, 0.0, -15.0};
    static final int YEAR = 365;

    private static CpuBackend cpu;
    private static CompiledEmulator model;

    @BeforeAll
    static void open() {
        cpu = new CpuBackend(2);
        model = cpu.compile(ModelFiles.read(MODEL), TanhMode.FAST);
    }

    @AfterAll
    static void close() {
        model.close();
        cpu.close();
    }

    static InitialState initial(float sdScale) {
        return new InitialState(new float[] {0.08f, 0.20f, 0.15f}, new float[] {0.04f, 0.04f, 0.04f}, 0f, 0.5f)
                .scaled(sdScale);
    }

    static SeasonStepper stepper(CompiledEmulator m, WeatherNoise noise, int rowsPerBatch, long seed) {
        SeasonStepper.Builder b = SeasonStepper.builder(m, new SyntheticMonsoonForcing(seed, LATITUDES, 1, noise))
                .lags(2).rules(SeasonRules.dunning2016(0.12)).rowsPerBatch(rowsPerBatch)
                .daily(StatisticsSpec.builder().moments().build());
        for (SeasonMetric metric : SeasonMetric.values()) {
            b.metric(metric, StatisticsSpec.builder().moments().quantileSketch(0.005).exceedance(150, 200).build());
        }
        return b.build();
    }

    @Test
    void theResultDoesNotDependOnTheBatchSize() {
        long seed = 20161227;
        SeasonResult whole = stepper(model, WeatherNoise.PER_MEMBER, 4096, seed).run(initial(1f), YEAR, 64, seed);
        SeasonResult pieces = stepper(model, WeatherNoise.PER_MEMBER, 7, seed).run(initial(1f), YEAR, 64, seed);
        SeasonResults.assertSame(whole, pieces);
    }

    @Test
    void regimesAreFoundWhereTheRainBeltPutsThem() {
        SeasonResult r = stepper(model, WeatherNoise.PER_MEMBER, 4096, 5).run(initial(1f), YEAR, 32, 5);
        assertFalse(r.climatology(0).bimodal(), "Sahel: one season, ratio " + r.climatology(0).harmonicRatio());
        assertTrue(r.climatology(1).bimodal(), "equator: two seasons, ratio " + r.climatology(1).harmonicRatio());
        assertFalse(r.climatology(2).bimodal(), "15 S: one season, ratio " + r.climatology(2).harmonicRatio());
        // The Sahel's rains come in boreal summer: onset between May and August (days 121..243).
        double onset = r.metric(SeasonMetric.ONSET, 0).moments().mean();
        assertTrue(onset > 121 && onset < 243, "Sahel onset " + onset);
        assertEquals(0, r.metric(SeasonMetric.ONSET, 0).nanCount(), "every Sahel member has an onset");
    }

    @Test
    void theOnsetSpreadShrinksAsTheInitialUncertaintyShrinks() {
        // Climatological forcing for every member, so the spread comes from the initial soil moisture alone. The
        // season starts on 1 May, weeks before the Sahel's rains: started in January, the soil would forget its
        // start during the dry season and every member would have the same onset (as they do; see the docs).
        double[] sds = onsetSds(new float[] {2f, 1f, 0.5f, 0f}, 121, s -> initial(s), s -> 0f,
                WeatherNoise.NONE);
        assertShrinks(sds, "onset sd by initial sd 0.08, 0.04, 0.02, 0");
    }

    @Test
    void theOnsetSpreadShrinksAsTheRainfallUncertaintyShrinks() {
        // One weather realisation for all, a known start: the spread comes from the members' rain factors.
        double[] sds = onsetSds(new float[] {0.4f, 0.1f, 0.025f, 0f}, 1, s -> initial(0f), s -> s,
                WeatherNoise.SHARED);
        assertShrinks(sds, "onset sd by rain log-sd 0.4, 0.1, 0.025, 0");
    }

    private static double[] onsetSds(float[] levels, int firstDayOfYear,
            java.util.function.Function<Float, InitialState> start,
            java.util.function.Function<Float, Float> rainSd, WeatherNoise noise) {
        double[] sds = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            SeasonStepper s = SeasonStepper.builder(model,
                            new SyntheticMonsoonForcing(11, LATITUDES, firstDayOfYear, noise,
                                    rainSd.apply(levels[i])))
                    .lags(2).rules(SeasonRules.dunning2016(0.12))
                    .metric(SeasonMetric.ONSET, StatisticsSpec.builder().moments().build()).build();
            CellStatistics onset = s.run(start.apply(levels[i]), YEAR, 400, 11).metric(SeasonMetric.ONSET, 0);
            // Members much drier than the climatology may have no wet season at all (NaN, not counted in the sd).
            assertTrue(onset.nanCount() < 40, onset.nanCount() + " of 400 members without an onset");
            sds[i] = Math.sqrt(onset.moments().sampleVariance());
        }
        return sds;
    }

    private static void assertShrinks(double[] sds, String what) {
        String text = what + ": " + java.util.Arrays.toString(sds);
        for (int i = 1; i < sds.length; i++) {
            assertTrue(sds[i] <= sds[i - 1], text);
        }
        System.out.println("[emulens-ensemble] " + text);
        assertTrue(sds[0] > 0 && sds[0] > sds[sds.length - 2], text);
        assertEquals(0.0, sds[sds.length - 1], "no uncertainty: every member is the same; " + text);
    }

    @Test
    void theEmulatorFollowsTheBucketItWasTrainedOn() {
        // The same run with the bucket model itself in place of the emulator: climatological onsets and
        // the ensemble's mean onset agree within a few days, and daily soil moisture within 0.03 m3 m-3.
        Emulator e = ModelFiles.read(MODEL);
        try (CompiledEmulator truth = new BucketTruth(e)) {
            SeasonResult emulated = stepper(model, WeatherNoise.PER_MEMBER, 4096, 3).run(initial(1f), YEAR, 64, 3);
            SeasonResult exact = stepper(truth, WeatherNoise.PER_MEMBER, 4096, 3).run(initial(1f), YEAR, 64, 3);
            for (int c = 0; c < LATITUDES.length; c++) {
                assertEquals(exact.climatology(c).bimodal(), emulated.climatology(c).bimodal(), "cell " + c);
                assertEquals(exact.metric(SeasonMetric.ONSET, c).moments().mean(),
                        emulated.metric(SeasonMetric.ONSET, c).moments().mean(), 5.0, "mean onset, cell " + c);
                for (int d = 1; d <= YEAR; d += 7) {
                    assertEquals(exact.daily(c, d).moments().mean(), emulated.daily(c, d).moments().mean(), 0.03,
                            "mean soil moisture, cell " + c + " day " + d);
                }
            }
        }
    }

    @Test
    void memberMemoryDoesNotGrowWithTheSeason() {
        // 10000 members in one batch: keeping their trajectories would take 40 kB per day (44 MB over three
        // years). The heap in use on the last day, after a collection, must not grow like that. The engine is
        // what is measured, so the bucket stands in for the emulator to keep the test quick.
        try (CompiledEmulator bucket = new BucketTruth(ModelFiles.read(MODEL))) {
            SeasonStepper s = SeasonStepper.builder(bucket, new HeapProbe(new SyntheticMonsoonForcing(1,
                    new double[] {12}, 1, WeatherNoise.NONE))).lags(2).rowsPerBatch(10_000).build();
            InitialState one = new InitialState(new float[] {0.1f}, new float[] {0.02f}, 0f, 0.5f);
            HeapProbe.lastDay = 60;
            s.run(one, 60, 10_000, 1);
            long shortSeason = HeapProbe.usedOnLastDay;
            HeapProbe.lastDay = 3 * YEAR;
            s.run(one, 3 * YEAR, 10_000, 1);
            long longSeason = HeapProbe.usedOnLastDay;
            assertTrue(longSeason - shortSeason < 15_000_000L, "heap in use on the last day: " + shortSeason
                    + " bytes after 60 days, " + longSeason + " after " + 3 * YEAR);
            assertEquals(2 + 4 + 1, s.floatsPerRow(), "lag window, inputs, output");
        }
    }

    @Test
    void dryDaysOnBetaAreDryDaysOnSoilMoistureBelowTheMatchingLevel() {
        // beta < 0.25 with wilting point 0.10 and critical point 0.30 is theta < 0.10 + 0.25 * 0.20 = 0.15.
        SyntheticMonsoonForcing f = new SyntheticMonsoonForcing(4, LATITUDES, 1, WeatherNoise.PER_MEMBER);
        SeasonResult onBeta = SeasonStepper.builder(model, f).lags(2).rules(SeasonRules.dunning2016(0.25))
                .stressFactor(0.10, 0.30).dryVariable("beta")
                .metric(SeasonMetric.DRY_DAYS, StatisticsSpec.builder().moments().build())
                .metric(SeasonMetric.LONGEST_DRY_SPELL, StatisticsSpec.builder().moments().build()).build()
                .run(initial(1f), YEAR, 50, 4);
        SeasonResult onTheta = SeasonStepper.builder(model, f).lags(2).rules(SeasonRules.dunning2016(0.15))
                .metric(SeasonMetric.DRY_DAYS, StatisticsSpec.builder().moments().build())
                .metric(SeasonMetric.LONGEST_DRY_SPELL, StatisticsSpec.builder().moments().build()).build()
                .run(initial(1f), YEAR, 50, 4);
        for (int c = 0; c < LATITUDES.length; c++) {
            for (SeasonMetric m : new SeasonMetric[] {SeasonMetric.DRY_DAYS, SeasonMetric.LONGEST_DRY_SPELL}) {
                double expected = onTheta.metric(m, c).moments().mean();
                assertEquals(expected, onBeta.metric(m, c).moments().mean(), 1e-9, m + " cell " + c);
                assertTrue(expected > 0 && expected < YEAR, m + " cell " + c + ": " + expected);
            }
        }
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> SeasonStepper.builder(model, f).lags(2).dryVariable("beta").build());
        assertTrue(ex.getMessage().contains("wilting"), ex.getMessage());
    }

    @Test
    void aModelWhoseInputsDoNotMatchTheForcingIsRefusedByName() {
        SyntheticMonsoonForcing f = new SyntheticMonsoonForcing(1, LATITUDES, 1, WeatherNoise.NONE);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> SeasonStepper.builder(model, f).lags(3).build());
        assertTrue(ex.getMessage().contains("[precip, pet]") && ex.getMessage().contains("theta_lag1"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> SeasonStepper.builder(model, f).lags(2).seasonVariable("rain").build());
        assertTrue(ex.getMessage().contains("'rain'"), ex.getMessage());
    }
}
