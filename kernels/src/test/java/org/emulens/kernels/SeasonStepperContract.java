package org.emulens.kernels;

import java.nio.file.Path;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.ensemble.seasonal.InitialState;
import org.emulens.ensemble.seasonal.SeasonMetric;
import org.emulens.ensemble.seasonal.SeasonResult;
import org.emulens.ensemble.seasonal.SeasonResults;
import org.emulens.ensemble.seasonal.SeasonRules;
import org.emulens.ensemble.seasonal.SeasonStepper;
import org.emulens.ensemble.seasonal.SyntheticMonsoonForcing;
import org.emulens.ensemble.seasonal.WeatherNoise;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.junit.jupiter.api.Test;

/**
 * A season of the demo soil-moisture emulator stepped on a device backend gives the same distributions, bit for
 * bit, as on the CPU backend. Each device backend's test extends this. The stepping is the same host loop on both; what differs is the forward pass, which
 * with FAST tanh uses only correctly rounded operations in the same order on both (see ForwardPassContract), so a
 * single differing bit on any day of any member would show up here, compounded over a year of steps.
 */
public abstract class SeasonStepperContract {
    private static final Path MODEL = Path.of("..", "models", "soil_moisture_step.onnx");

    /** The backend under test, or a skipped test (with the reason) where it has no device. */
    protected abstract FusedEnsembleBackend backend();

    @Test
    void aSeasonOnTheDeviceIsTheSeasonOnTheCpu() {
        FusedEnsembleBackend device = backend();
        Emulator e = ModelFiles.read(MODEL);
        InitialState start = new InitialState(new float[] {0.08f, 0.20f, Float.NaN, 0.15f},
                new float[] {0.04f, 0.04f, 0f, 0.04f}, 0f, 0.5f);
        double[] latitudes = {12, 0, 5, -15};
        try (CpuBackend cpu = new CpuBackend(2); CompiledEmulator onCpu = cpu.compile(e, TanhMode.FAST);
                CompiledEmulator onDevice = device.compile(e, TanhMode.FAST)) {
            SeasonResult expected = stepper(onCpu, latitudes, 4096).run(start, 365, 48, 42);
            // A different batch size on the device as well: batching must not matter either.
            SeasonResult actual = stepper(onDevice, latitudes, 50).run(start, 365, 48, 42);
            SeasonResults.assertSame(expected, actual);
        }
    }

    private static SeasonStepper stepper(CompiledEmulator model, double[] latitudes, int rows) {
        SeasonStepper.Builder b = SeasonStepper.builder(model,
                        new SyntheticMonsoonForcing(42, latitudes, 1, WeatherNoise.PER_MEMBER, 0.2f))
                .lags(2).rules(SeasonRules.dunning2016(0.12)).rowsPerBatch(rows)
                .daily(StatisticsSpec.builder().moments().build());
        for (SeasonMetric m : SeasonMetric.values()) {
            b.metric(m, StatisticsSpec.builder().moments().quantileSketch(0.005).exceedance(120, 180).build());
        }
        return b.build();
    }
}
