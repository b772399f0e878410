package org.emulens.ensemble.seasonal;

/** The per-member metrics of a season, with the names and units they are written under. */
public enum SeasonMetric {
    ONSET("onset", "day", "wet-season onset, day of season (1 = first simulated day)"),
    CESSATION("cessation", "day", "wet-season cessation, day of season"),
    LENGTH("season_length", "day", "wet-season length, cessation - onset + 1"),
    ONSET_2("onset_2", "day", "second wet-season onset (bimodal cells), day of season"),
    CESSATION_2("cessation_2", "day", "second wet-season cessation (bimodal cells), day of season"),
    LENGTH_2("season_length_2", "day", "second wet-season length (bimodal cells)"),
    HARMONIC_RATIO("harmonic_ratio", "1", "second over first annual harmonic amplitude (> 1: two seasons)"),
    DRY_DAYS("dry_days", "day", "days with the dry-day variable below its threshold"),
    LONGEST_DRY_SPELL("longest_dry_spell", "day", "longest run of consecutive dry days");

    private final String outputName;
    private final String units;
    private final String longName;

    SeasonMetric(String outputName, String units, String longName) {
        this.outputName = outputName;
        this.units = units;
        this.longName = longName;
    }

    public String outputName() {
        return outputName;
    }

    public String units() {
        return units;
    }

    public String longName() {
        return longName;
    }

    /** The metric named {@code name} as written (for example {@code onset} or {@code dry_days}). */
    public static SeasonMetric byOutputName(String name) {
        for (SeasonMetric m : values()) {
            if (m.outputName.equals(name)) {
                return m;
            }
        }
        StringBuilder names = new StringBuilder();
        for (SeasonMetric m : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(m.outputName);
        }
        throw new IllegalArgumentException("unknown season metric '" + name + "': expected one of " + names);
    }
}
