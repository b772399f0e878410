package org.emulens.io.grid;

import java.util.Locale;

/**
 * A latitude/longitude box in degrees, edges inclusive. West may be negative or above 180 (a box
 * from -20 to 55 and one from 340 to 415 are the same place); the box is read in the convention it
 * is given in, so the longitudes of what is read from it follow the caller's convention, not the file's.
 */
public final class GeoBox {
    /** The whole globe in the -180..180 convention. */
    public static final GeoBox GLOBE = new GeoBox(-90, 90, -180, 180);

    private final double south;
    private final double north;
    private final double west;
    private final double east;

    private GeoBox(double south, double north, double west, double east) {
        this.south = south;
        this.north = north;
        this.west = west;
        this.east = east;
    }

    /**
     * A box from {@code south} to {@code north} and from {@code west} eastwards to {@code east}.
     *
     * @throws IllegalArgumentException if latitudes are outside -90..90 or reversed, or the box spans
     *     no longitude or more than 360 degrees of it
     */
    public static GeoBox of(double south, double north, double west, double east) {
        if (!(south >= -90 && north <= 90 && south <= north)) {
            throw new IllegalArgumentException("box latitudes: expected -90 <= south <= north <= 90, found south "
                    + south + ", north " + north);
        }
        if (!(west <= east && east - west <= 360)) {
            throw new IllegalArgumentException("box longitudes: expected west <= east and at most 360 degrees "
                    + "apart (use east = west + span to cross the antimeridian), found west " + west + ", east " + east);
        }
        return new GeoBox(south, north, west, east);
    }

    public double south() {
        return south;
    }

    public double north() {
        return north;
    }

    public double west() {
        return west;
    }

    public double east() {
        return east;
    }

    public boolean containsLatitude(double lat) {
        return lat >= south && lat <= north;
    }

    /**
     * The longitude {@code lon} shifted by whole turns into [west, west + 360), so that a file in
     * 0..360 can be compared with a box in -180..180 and the reverse.
     */
    public double inBoxConvention(double lon) {
        double shifted = west + ((lon - west) % 360 + 360) % 360;
        // a centre a rounding error below west must not jump a whole turn
        return shifted - west > 360 - 1e-9 ? shifted - 360 : shifted;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "lat %s..%s, lon %s..%s", num(south), num(north), num(west), num(east));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeoBox b && b.south == south && b.north == north && b.west == west && b.east == east;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(south) * 31 * 31 * 31 + Double.hashCode(north) * 31 * 31 + Double.hashCode(west) * 31
                + Double.hashCode(east);
    }
}
