package org.emulens.ensemble.seasonal;

import org.emulens.ensemble.rng.MemberDraws;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * A member's systematic multiplicative error on a forcing variable (a rainfall product's bias, say): one
 * lognormal factor {@code exp(s z - s^2 / 2)} of mean 1 for the whole season, {@code z} normal number
 * {@link #INDEX} of stream {@link ReservedStreams#SEASONAL_FORCING} for the cell and member, past any day's
 * weather (two values a day).
 */
public final class ForcingScaleError {
    /** The index of the factor's normal draw in the member's seasonal-forcing stream. */
    public static final int INDEX = MemberDraws.VALUES_PER_STREAM - 4;
    /** The last day whose weather draws (two a day) lie below {@link #INDEX}. */
    public static final int MAX_DAYS = INDEX / 2;

    private ForcingScaleError() {
    }

    /** The factor of {@code member} in {@code cell}; exactly 1 when {@code logSd} is 0. */
    public static double factor(long seed, int cell, long member, float logSd) {
        if (logSd == 0f) {
            return 1;
        }
        float z = MemberDraws.normal(seed, ReservedStreams.SEASONAL_FORCING, cell, member, INDEX);
        return StrictMath.exp(logSd * z - 0.5 * logSd * logSd);
    }
}
