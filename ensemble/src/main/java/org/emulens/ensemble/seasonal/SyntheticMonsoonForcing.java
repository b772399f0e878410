package org.emulens.ensemble.seasonal;

import java.util.List;
import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * Synthetic but realistic daily forcing over Africa, for demonstrations and tests where no forcing file is
 * at hand: precipitation ({@code precip}, mm/day) and potential evapotranspiration ({@code pet}, mm/day).
 *
 * <p>The mean daily rain follows the tropical rain belt, a Gaussian band of half-width {@code 7 deg} around
 * the latitude {@code phi(t) = 2.5 + 12.5 sin(2 pi (t - 110) / 365)} (t the day of the year, 1 = 1 January),
 * which reaches 15 N in late July and 10 S in late January:
 * {@code R(lat, t) = 0.1 + 9 exp(-((lat - phi(t)) / 7)^2)} mm/day. North of about 8 N and south of about 3 S
 * the belt passes once a year (one wet season, the Sahel's in July to September); near the equator it passes
 * twice (the long and short rains), as the real one does. PET falls as the rain rises:
 * {@code clamp(6.5 - 0.35 R, 1.5, 9)} mm/day.
 *
 * <p>Weather: on each day it rains with probability {@code p = R / (R + 3)}, and a rainy day's amount is
 * exponential with mean {@code R / p}, so the expected rain is {@code R}. The two uniforms of day {@code d}
 * are values {@code 2(d - 1)} and {@code 2(d - 1) + 1} of stream {@link ReservedStreams#SEASONAL_FORCING}
 * for the cell and member ({@link WeatherNoise} says whose). This is a stand-in for a real forcing product,
 * not a weather generator: it has no spatial coherence between cells and no persistence between days.
 *
 * <p>Rainfall error: each member's rain may be multiplied, all season long, by a lognormal factor of log-sd
 * {@code rainSd} ({@link ForcingScaleError}): the systematic error of a rainfall product, independent of the
 * weather.
 */
public final class SyntheticMonsoonForcing implements SeasonForcing {
    private static final List<String> NAMES = List.of("precip", "pet");

    private final long seed;
    private final double[] latitudes;
    private final int firstDayOfYear;
    private final WeatherNoise noise;
    private final float rainSd;
    private final int[] streamCells;

    /**
     * @param latitudes the latitude of each cell, by cell index
     * @param firstDayOfYear the day of the year (1..365) of day 1 of the season
     */
    public SyntheticMonsoonForcing(long seed, double[] latitudes, int firstDayOfYear, WeatherNoise noise) {
        this(seed, latitudes, firstDayOfYear, noise, 0f);
    }

    /** As above, with each member's rain scaled by a lognormal factor of log-sd {@code rainSd} (0: none). */
    public SyntheticMonsoonForcing(long seed, double[] latitudes, int firstDayOfYear, WeatherNoise noise,
            float rainSd) {
        this(seed, latitudes, firstDayOfYear, noise, rainSd, SeasonCells.identity(latitudes.length));
    }

    /** As above, cell {@code c} drawing its weather as cell {@code streamCells[c]} of the random streams. */
    public SyntheticMonsoonForcing(long seed, double[] latitudes, int firstDayOfYear, WeatherNoise noise,
            float rainSd, int[] streamCells) {
        this.streamCells = SeasonCells.check(streamCells, latitudes.length);
        if (!(rainSd >= 0)) {
            throw new IllegalArgumentException("rain sd must be >= 0, found " + rainSd);
        }
        this.rainSd = rainSd;
        if (firstDayOfYear < 1 || firstDayOfYear > 365) {
            throw new IllegalArgumentException("first day of year: expected 1..365, found " + firstDayOfYear);
        }
        this.seed = seed;
        this.latitudes = latitudes.clone();
        this.firstDayOfYear = firstDayOfYear;
        this.noise = noise;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    /** Mean daily rain at {@code lat} on day of year {@code t}, mm/day. */
    public static double meanRain(double lat, double t) {
        double belt = 2.5 + 12.5 * StrictMath.sin(2 * Math.PI * (t - 110) / 365);
        double z = (lat - belt) / 7;
        return 0.1 + 9 * StrictMath.exp(-z * z);
    }

    /** Potential evapotranspiration for a mean rain of {@code rain} mm/day, mm/day. */
    public static double pet(double rain) {
        return Math.max(1.5, Math.min(9, 6.5 - 0.35 * rain));
    }

    private double dayOfYear(int day) {
        return Math.floorMod(firstDayOfYear - 1 + day - 1, 365) + 1;
    }

    @Override
    public void climatology(int cell, int day, float[] out, int offset) {
        double rain = meanRain(latitudes[cell], dayOfYear(day));
        out[offset] = (float) rain;
        out[offset + 1] = (float) pet(rain);
    }

    @Override
    public void member(int cell, long member, int day, float[] out, int offset) {
        if (day > ForcingScaleError.MAX_DAYS) {
            throw new IllegalArgumentException("day " + day + " is past the " + ForcingScaleError.MAX_DAYS
                    + " days a member's weather stream holds");
        }
        double rain = meanRain(latitudes[cell], dayOfYear(day));
        out[offset + 1] = (float) pet(rain);
        int stream = streamCells[cell];
        double factor = ForcingScaleError.factor(seed, stream, member, rainSd);
        if (noise == WeatherNoise.NONE) {
            out[offset] = (float) (rain * factor);
            return;
        }
        long draws = noise == WeatherNoise.SHARED ? 0 : member;
        double p = rain / (rain + 3);
        int index = 2 * (day - 1);
        float wet = MemberDraws.uniform(seed, ReservedStreams.SEASONAL_FORCING, stream, draws, index);
        float amount = MemberDraws.uniform(seed, ReservedStreams.SEASONAL_FORCING, stream, draws, index + 1);
        out[offset] = wet < p ? (float) (-StrictMath.log(amount) * rain / p * factor) : 0f;
    }
}
