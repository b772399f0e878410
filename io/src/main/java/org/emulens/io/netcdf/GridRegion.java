package org.emulens.io.netcdf;

import java.time.Instant;
import java.util.Objects;
import org.emulens.io.grid.GeoBox;

/**
 * What part of a gridded variable to read: a latitude/longitude box and, optionally, a time range
 * (both ends inclusive). Immutable; {@link #during} returns a new region.
 *
 * <p>A cell is in the box when its centre is (edges inclusive). A time range on a variable without a
 * time axis (a land-cover map, a soil map) is ignored: such a field holds at every time.
 */
public final class GridRegion {
    private final GeoBox box;
    private final Instant from;
    private final Instant to;

    private GridRegion(GeoBox box, Instant from, Instant to) {
        this.box = Objects.requireNonNull(box, "box");
        this.from = from;
        this.to = to;
    }

    /** All of the box, at all times. */
    public static GridRegion of(GeoBox box) {
        return new GridRegion(box, null, null);
    }

    /** The whole globe at all times. */
    public static GridRegion everywhere() {
        return of(GeoBox.GLOBE);
    }

    /** This box from {@code from} to {@code to}, both inclusive; either may be null for an open end. */
    public GridRegion during(Instant from, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("time range: expected from <= to, found " + from + " .. " + to);
        }
        return new GridRegion(box, from, to);
    }

    public GeoBox box() {
        return box;
    }

    /** Start of the time range, or null when it is open. */
    public Instant from() {
        return from;
    }

    /** End of the time range, or null when it is open. */
    public Instant to() {
        return to;
    }

    @Override
    public String toString() {
        return box + (from == null && to == null ? "" : ", time " + (from == null ? "..." : from) + " .. "
                + (to == null ? "..." : to));
    }
}
