package org.emulens.io.study;

import java.nio.file.Path;
import java.util.List;

/**
 * An uncertainty study as its file describes it: the model, where and when, which inputs come from where
 * with which errors, how many members, and what to write. Immutable; {@link StudyFile} builds and
 * validates it.
 */
public record Study(Path file, String name, Path model, Region region, List<StudyInput> inputs, long members,
        long seed, String backend, String tanh, StatisticsRequest statistics, Path output, String format,
        boolean plot, int threads) {

    public Study {
        inputs = List.copyOf(inputs);
    }

    /** A latitude/longitude box, degrees north and east, edges inclusive. */
    public record Region(double south, double north, double west, double east) {
    }

    /** Which statistics go into the output beyond mean and standard deviation. */
    public record StatisticsRequest(double[] quantiles, double[] exceedance, double quantileAccuracy) {
    }

    public StudyInput input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }
}
