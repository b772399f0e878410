package org.emulens.io.grid;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One variable on a {@link LatLonGrid}, for one or more time steps: float values with NaN where a cell
 * is missing, never a fill number that could be averaged in by mistake. Immutable.
 *
 * <p>Values are stored time-major, then latitude (south to north), then longitude (west to east).
 * {@link #times()} is empty when the variable has no time axis; there is then one time step.
 */
public final class GridField {
    private final String name;
    private final String units;
    private final LatLonGrid grid;
    private final List<Instant> times;
    private final float[] values;

    private GridField(String name, String units, LatLonGrid grid, List<Instant> times, float[] values) {
        this.name = name;
        this.units = units;
        this.grid = grid;
        this.times = times;
        this.values = values;
    }

    /**
     * A field of {@code max(1, times.size()) * grid.cellCount()} values (copied).
     *
     * @throws IllegalArgumentException if the number of values does not match the grid and times
     */
    public static GridField of(String name, String units, LatLonGrid grid, List<Instant> times, float[] values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(grid, "grid");
        List<Instant> t = List.copyOf(times);
        long expected = (long) Math.max(1, t.size()) * grid.cellCount();
        if (values.length != expected) {
            throw new IllegalArgumentException("field '" + name + "': expected " + expected + " values ("
                    + Math.max(1, t.size()) + " time steps x " + grid.latCount() + " x " + grid.lonCount()
                    + "), found " + values.length);
        }
        return new GridField(name, units == null ? "" : units, grid, t, values.clone());
    }

    /** A field with no time axis. */
    public static GridField of(String name, String units, LatLonGrid grid, float[] values) {
        return of(name, units, grid, List.of(), values);
    }

    /** The same grid and times with other values, for results derived cell by cell. */
    public GridField withValues(String newName, String newUnits, float[] newValues) {
        return of(newName, newUnits, grid, times, newValues);
    }

    public String name() {
        return name;
    }

    /** Units as the file states them (CF/UDUNITS text), empty when it states none. */
    public String units() {
        return units;
    }

    public LatLonGrid grid() {
        return grid;
    }

    public List<Instant> times() {
        return times;
    }

    public int timeCount() {
        return Math.max(1, times.size());
    }

    /** Value at time step {@code t}, row {@code i} (from the south) and column {@code j} (from the west). */
    public float value(int t, int i, int j) {
        return values[index(t, i, j)];
    }

    /** Value of a field with one time step. */
    public float value(int i, int j) {
        return value(0, i, j);
    }

    private int index(int t, int i, int j) {
        Objects.checkIndex(t, timeCount());
        Objects.checkIndex(i, grid.latCount());
        Objects.checkIndex(j, grid.lonCount());
        return (t * grid.latCount() + i) * grid.lonCount() + j;
    }

    /** All values (a copy), time-major then south to north then west to east. */
    public float[] values() {
        return values.clone();
    }

    /** The values of one time step (a copy), south to north then west to east. */
    public float[] slice(int t) {
        Objects.checkIndex(t, timeCount());
        float[] s = new float[grid.cellCount()];
        System.arraycopy(values, t * s.length, s, 0, s.length);
        return s;
    }

    /** Number of values that are not NaN, over all time steps. */
    public int validCount() {
        int n = 0;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "GridField[" + name + " (" + units + "), " + timeCount() + " time step(s), " + grid + "]";
    }
}
