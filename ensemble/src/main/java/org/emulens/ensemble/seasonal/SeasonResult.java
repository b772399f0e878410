package org.emulens.ensemble.seasonal;

import java.util.EnumMap;
import java.util.Map;
import org.emulens.ensemble.stats.CellStatistics;

/**
 * What a season run leaves per cell: its climatology, the distribution of each metric over the members, and
 * per day the distribution of the state. Cells without data have none of these ({@link #hasData} false).
 */
public final class SeasonResult {
    private final SeasonClimatology[] climatologies;
    private final Map<SeasonMetric, CellStatistics[]> metrics;
    private final CellStatistics[][] daily;
    private final int days;
    private final long members;
    private final long clampedForcingValues;
    private final long clampedStateValues;

    SeasonResult(SeasonClimatology[] climatologies, Map<SeasonMetric, CellStatistics[]> metrics,
            CellStatistics[][] daily, int days, long members, long clampedForcingValues, long clampedStateValues) {
        this.climatologies = climatologies;
        this.metrics = new EnumMap<>(metrics);
        this.daily = daily;
        this.days = days;
        this.members = members;
        this.clampedForcingValues = clampedForcingValues;
        this.clampedStateValues = clampedStateValues;
    }

    public int cellCount() {
        return climatologies.length;
    }

    public int days() {
        return days;
    }

    public long members() {
        return members;
    }

    public boolean hasData(int cell) {
        return climatologies[cell] != null;
    }

    /** The cell's climatology; null where the cell has no data. */
    public SeasonClimatology climatology(int cell) {
        return climatologies[cell];
    }

    /** The distribution of {@code metric} over the members of {@code cell}; null where the cell has no data. */
    public CellStatistics metric(SeasonMetric metric, int cell) {
        return metrics.get(metric)[cell];
    }

    /** The distribution of the state at the end of {@code day} (1-based); null without data or daily statistics. */
    public CellStatistics daily(int cell, int day) {
        return daily == null || daily[cell] == null ? null : daily[cell][day - 1];
    }

    public boolean hasDaily() {
        return daily != null;
    }

    /** Forcing values that lay outside the emulator's valid range and were clamped into it. */
    public long clampedForcingValues() {
        return clampedForcingValues;
    }

    /** Emulator outputs that lay outside the state's valid range and were clamped into it. */
    public long clampedStateValues() {
        return clampedStateValues;
    }
}
