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
        boolean plot, int threads, EmulatorError emulatorError) {

    public Study {
        inputs = List.copyOf(inputs);
    }

    /** This study run on {@code threads} CPU threads (0 = all cores), as a command line may ask. */
    public Study withThreads(int threads) {
        return new Study(file, name, model, region, inputs, members, seed, backend, tanh, statistics, output, format,
                plot, threads, emulatorError);
    }

    /** A study whose emulator is taken as exact. */
    public Study(Path file, String name, Path model, Region region, List<StudyInput> inputs, long members, long seed,
            String backend, String tanh, StatisticsRequest statistics, Path output, String format, boolean plot,
            int threads) {
        this(file, name, model, region, inputs, members, seed, backend, tanh, statistics, output, format, plot, threads,
                null);
    }

    /**
     * The emulator's own error, added to an output of every member as a Gaussian term: a constant
     * standard deviation, or a map of it per cell (the {@code rmse} of {@code emulens validate}).
     *
     * @param sd       the standard deviation (NaN when a map gives it)
     * @param file     the map's file (null for a constant)
     * @param variable the map's variable (null for a constant)
     * @param output   the model output it applies to (null: every output)
     * @param where    the study file and line, for messages
     */
    public record EmulatorError(double sd, Path file, String variable, String output, String where) {
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
