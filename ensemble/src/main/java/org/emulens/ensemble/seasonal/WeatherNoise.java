package org.emulens.ensemble.seasonal;

import java.util.Locale;

/** Whose day-to-day weather a synthetic forcing draws. */
public enum WeatherNoise {
    /** No noise: every member sees the climatology. */
    NONE,
    /** One weather realisation per cell, the same for every member (member 0's draws). */
    SHARED,
    /** Each member draws its own weather. */
    PER_MEMBER;

    /** {@code none}, {@code shared} or {@code per-member}. */
    public static WeatherNoise parse(String text) {
        for (WeatherNoise w : values()) {
            if (w.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                return w;
            }
        }
        throw new IllegalArgumentException("weather noise: expected none, shared or per-member, found '" + text + "'");
    }
}
