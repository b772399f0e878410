package org.emulens.io.season;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.emulens.ensemble.seasonal.SeasonMetric;
import org.emulens.ensemble.seasonal.SeasonRules;
import org.emulens.ensemble.seasonal.WeatherNoise;

/**
 * A seasonal (drought) study as read from its file by {@link SeasonStudyFile}: a time-stepping emulator run
 * through one season from an uncertain initial state, per cell of a coarse grid over a region.
 *
 * @param box south, north, west, east in degrees
 * @param resolution cell size in degrees; the initial-state product is averaged onto it
 * @param forcingFiles per forcing variable (an emulator input), where to read it; empty for synthetic forcing
 * @param scaledForcing the forcing variable that {@code rainSd} scales per member (precip for the synthetic one)
 * @param stressPoints wilting and critical points that define {@code beta}, or null
 * @param probabilities per metric, the values {@code v} for which {@code P(metric > v)} is written
 */
public record SeasonStudy(Path file, String name, Path model, int lags, double[] box, double resolution,
        LocalDate start, int days, Path initialFile, float lower, float upper, float sdScale, WeatherNoise weather,
        float rainSd, Map<String, ForcingFiles> forcingFiles, String scaledForcing, String seasonVariable,
        String dryVariable, double[] stressPoints, SeasonRules rules,
        Map<SeasonMetric, double[]> probabilities, double[] quantiles, long members, long seed, String backend,
        String tanh, int threads, boolean daily, Path output, String format, boolean plot) {

    /** Daily values of {@code variable} in {@code files} (CF, any number of days each, in name order). */
    public record ForcingFiles(String variable, List<Path> files) {
    }

    public boolean syntheticForcing() {
        return forcingFiles.isEmpty();
    }
}
