package org.emulens.io.netcdf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.emulens.engine.EmulensException;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import ucar.ma2.Array;
import ucar.ma2.Index;
import ucar.ma2.InvalidRangeException;
import ucar.ma2.Range;
import ucar.ma2.Section;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * An open NetCDF-3, NetCDF-4/HDF5 or HDF4 file, read one gridded variable at a time with the CF
 * conventions applied (see {@link CfValueDecoding}, {@link FlagRule}): what comes back is a
 * {@link GridField} with latitude and longitude ascending and NaN where a value is missing or flagged.
 *
 * <p>Only the cells of the requested region are read, through {@code Variable.read(section)}, so a
 * small box of a large global file costs little. Not thread-safe; close it when done.
 */
public final class NetcdfGridFile implements AutoCloseable {
    private final Path path;
    private final NetcdfFile nc;
    private final Map<AxesKey, GridAxes> axesCache = new HashMap<>();
    private boolean closed;

    private NetcdfGridFile(Path path, NetcdfFile nc) {
        this.path = path;
        this.nc = nc;
    }

    /** System property: seconds to wait for a file's header to be read (default 60). */
    public static final String OPEN_SECONDS_PROPERTY = "emulens.netcdf.open.seconds";

    /**
     * Opens {@code file} for reading.
     *
     * @throws NetcdfInputException if it does not exist or is not a NetCDF/HDF file
     */
    public static NetcdfGridFile open(Path file) {
        return new NetcdfGridFile(file, openNetcdf(file));
    }

    /**
     * Opens {@code file} with NetCDF-Java as {@link #open} does (within the time of
     * {@value #OPEN_SECONDS_PROPERTY}, every failure of the reader a {@link NetcdfInputException} naming the
     * file), for readers of other layouts than CF grids; the caller closes it.
     */
    public static NetcdfFile openNetcdf(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NetcdfInputException(file + ": no such file");
        }
        try {
            return openWithin(file, Long.getLong(OPEN_SECONDS_PROPERTY, 60));
        } catch (FileNotFoundException ex) {
            throw new NetcdfInputException(file + ": cannot open: " + ex.getMessage(), ex);
        } catch (NetcdfInputException ex) {
            throw ex;
        } catch (IOException | RuntimeException | AssertionError ex) {
            throw new NetcdfInputException(file + ": not a NetCDF file (expected NetCDF-3, NetCDF-4/HDF5 or HDF4; "
                    + "the reader says: " + ex.getMessage() + ")", ex);
        }
    }

    /**
     * Opens with NetCDF-Java on a thread of its own, for at most {@code seconds}: a damaged HDF5 header can
     * make its reader loop for hours (found by fuzzing), and a study must not hang on one bad file. A
     * reader still looping when the time is up is left to finish on its daemon thread, which then closes
     * what it opened ({@link BoundedOpen}).
     */
    private static NetcdfFile openWithin(Path file, long seconds) throws IOException {
        return BoundedOpen.within(file, seconds, () -> NetcdfFile.open(file.toString()));
    }

    public Path path() {
        return path;
    }

    /** Names of all variables in the file, in file order. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (Variable v : nc.getVariables()) {
            names.add(v.getFullName());
        }
        return names;
    }

    public boolean hasVariable(String name) {
        return nc.findVariable(name) != null;
    }

    /** The variable's {@code units} attribute, empty when it has none. */
    public String units(String variable) {
        String u = CfAttributes.text(variable(variable), "units");
        return u == null ? "" : u.trim();
    }

    /**
     * Reads {@code variable} over {@code region}, unpacked, with missing and out-of-range values as NaN.
     *
     * @throws NetcdfInputException naming the file and variable if the variable is not there, has no
     *     latitude/longitude axes, or has no cell in the region
     */
    public GridField read(String variable, GridRegion region) {
        return read(variable, region, null, 0);
    }

    /**
     * Reads index {@code index} of the layer dimension {@code dimension} of {@code variable} over
     * {@code region}, as {@link #read(String, GridRegion)} does: one percentile level of a statistics
     * output, say. The coordinate values of the layer are {@link #coordinateValues(String)}.
     *
     * @throws NetcdfInputException naming the file and variable if it has no such dimension or the index lies
     *     outside it, or as {@link #read(String, GridRegion)} throws
     */
    public GridField read(String variable, GridRegion region, String dimension, int index) {
        Variable v = variable(variable);
        Selection s = select(v, region, dimension);
        if (dimension != null) {
            int length = v.getDimension(s.axes.layerDim).getLength();
            if (index < 0 || index >= length) {
                throw new NetcdfInputException(path + ": variable '" + variable + "': index along '" + dimension
                        + "' must lie in 0.." + (length - 1) + ", found " + index);
            }
        }
        CfValueDecoding decoding = CfValueDecoding.of(v, path.toString());
        float[] out = new float[s.cellCount()];
        scan(v, s, index, (k, a, at) -> out[k] = decoding.decode(a, at));
        return GridField.of(v.getFullName(), units(variable), s.grid, s.times, out);
    }

    /**
     * The dimensions of {@code variable} other than its latitude, longitude and time, in file order: the
     * layers that {@link #read(String, GridRegion, String, int)} picks from.
     */
    public List<String> layerDimensions(String variable) {
        return GridAxes.layerDimensions(variable(variable));
    }

    /**
     * The values of the coordinate variable of {@code dimension} (the 1-D variable of the same name),
     * unpacked: the percentile levels or thresholds of a statistics output, say.
     *
     * @throws NetcdfInputException if there is no such coordinate variable or a value is missing
     */
    public double[] coordinateValues(String dimension) {
        requireOpen();
        Variable c = nc.findVariable(dimension);
        if (c == null || c.getRank() != 1 || !dimension.equals(c.getDimension(0).getShortName())) {
            throw new NetcdfInputException(path + ": no coordinate variable '" + dimension + "' (a 1-D variable "
                    + "named after its dimension); the file has " + variableNames());
        }
        try {
            return GridAxes.coordinates(c, path.toString());
        } catch (IOException ex) {
            throw new NetcdfInputException(path + ": coordinate variable '" + dimension + "': cannot read: "
                    + ex.getMessage(), ex);
        } catch (EmulensException ex) {
            throw ex;
        } catch (RuntimeException | AssertionError ex) {
            throw damaged("coordinate variable '" + dimension + "': cannot read", ex);
        }
    }

    private NetcdfInputException damaged(String what, Throwable ex) {
        return NetcdfInputException.damaged(path + ": " + what, ex);
    }

    /**
     * {@code values} with NaN wherever {@code flagVariable} marks the cell bad by {@code rule}. The flag
     * variable must lie on the same cells and times as {@code values} did when read with {@code region}.
     */
    public GridField applyFlags(GridField values, String flagVariable, FlagRule rule, GridRegion region) {
        Variable flag = variable(flagVariable);
        Selection s = select(flag, region, null);
        if (!s.grid.equals(values.grid()) || !s.times.equals(values.times())) {
            throw new NetcdfInputException(path + ": flag variable '" + flagVariable + "' lies on " + s.grid + " with "
                    + s.times.size() + " time step(s); expected the cells of '" + values.name() + "': "
                    + values.grid() + " with " + values.times().size());
        }
        LongPredicate bad = rule.bind(flag, path.toString());
        CfValueDecoding stored = CfValueDecoding.of(flag, path.toString());
        float[] out = values.values();
        scan(flag, s, 0, (k, a, index) -> {
            double f = stored.stored(a, index);
            if (Double.isNaN(f) || bad.test((long) f)) {
                out[k] = Float.NaN;
            }
        });
        return values.withValues(values.name(), values.units(), out);
    }

    private Variable variable(String name) {
        requireOpen();
        Variable v = nc.findVariable(name);
        if (v == null) {
            throw new NetcdfInputException(path + ": no variable '" + name + "'; the file has " + variableNames());
        }
        return v;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(path + ": already closed");
        }
    }

    /** What of a variable's axes falls in a region, and the grid it makes. */
    private static final class Selection {
        final GridAxes axes;
        final AxisSelection lat;
        final AxisSelection lon;
        final AxisSelection time;
        final LatLonGrid grid;
        final List<Instant> times;

        Selection(GridAxes axes, AxisSelection lat, AxisSelection lon, AxisSelection time, LatLonGrid grid,
                List<Instant> times) {
            this.axes = axes;
            this.lat = lat;
            this.lon = lon;
            this.time = time;
            this.grid = grid;
            this.times = times;
        }

        int cellCount() {
            return Math.max(1, times.size()) * grid.cellCount();
        }
    }

    /** What identifies a variable's axes: its dimensions and which of them is read one layer at a time. */
    private record AxesKey(List<Dimension> dimensions, String layer) {
    }

    private Selection select(Variable v, GridRegion region, String layer) {
        GridAxes axes = axesCache.computeIfAbsent(new AxesKey(v.getDimensions(), layer), d -> {
            try {
                return GridAxes.of(v, path.toString(), layer);
            } catch (IOException ex) {
                throw new NetcdfInputException(path + ": variable '" + v.getFullName() + "': cannot read its "
                        + "coordinates: " + ex.getMessage(), ex);
            } catch (EmulensException ex) {
                throw ex;
            } catch (RuntimeException | AssertionError ex) {
                throw damaged("variable '" + v.getFullName() + "': cannot read its coordinates", ex);
            }
        });
        AxisSelection lat = AxisSelection.latitudes(axes.lat, region.box());
        AxisSelection lon = AxisSelection.longitudes(axes.lon, region.box());
        if (lat.size() == 0 || lon.size() == 0) {
            throw new NetcdfInputException(path + ": variable '" + v.getFullName() + "': the region "
                    + region.box() + " holds no cell centre of its grid, whose centres span " + span(axes.lat, "lat")
                    + ", " + span(axes.lon, "lon"));
        }
        AxisSelection time = null;
        List<Instant> times = List.of();
        if (axes.time != null) {
            time = AxisSelection.times(axes.time, region.from(), region.to());
            if (time.size() == 0) {
                throw new NetcdfInputException(path + ": variable '" + v.getFullName() + "': no time step in "
                        + region.from() + " .. " + region.to() + "; the file has " + axes.time.length + " from "
                        + Arrays.stream(axes.time).min(Instant::compareTo).orElseThrow() + " to "
                        + Arrays.stream(axes.time).max(Instant::compareTo).orElseThrow());
            }
            List<Instant> t = new ArrayList<>();
            for (double millis : time.keys()) {
                t.add(Instant.ofEpochMilli((long) millis));
            }
            times = List.copyOf(t);
        }
        LatLonGrid grid = LatLonGrid.ofCentresAndEdges(lat.keys(), lat.edges(), lon.keys(), lon.edges());
        return new Selection(axes, lat, lon, time, grid, times);
    }

    private static String span(double[] c, String what) {
        double lo = Arrays.stream(c).min().orElse(Double.NaN);
        double hi = Arrays.stream(c).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%s %s..%s", what, lo, hi);
    }

    @FunctionalInterface
    private interface CellVisitor {
        /** Called once per selected cell with its output index and where its stored number is. */
        void visit(int outIndex, Array data, Index at);
    }

    /** Reads each block of the selection with one {@code Variable.read(section)} and visits its cells. */
    private void scan(Variable v, Selection s, int layerIndex, CellVisitor visitor) {
        GridAxes axes = s.axes;
        int nLat = s.lat.size();
        int nLon = s.lon.size();
        List<AxisSelection.Run> timeRuns = s.time == null ? List.of(new AxisSelection.Run(0, 1, 0, false))
                : s.time.runs();
        for (AxisSelection.Run tr : timeRuns) {
            for (AxisSelection.Run ir : s.lat.runs()) {
                for (AxisSelection.Run jr : s.lon.runs()) {
                    Array block = readBlock(v, axes, tr, ir, jr, layerIndex);
                    Index index = block.getIndex();
                    for (int dt = 0; dt < tr.length(); dt++) {
                        if (axes.timeDim >= 0) {
                            index.setDim(axes.timeDim, tr.fileIndex(dt) - tr.fileMin());
                        }
                        for (int di = 0; di < ir.length(); di++) {
                            index.setDim(axes.latDim, ir.fileIndex(di) - ir.fileMin());
                            int rowStart = ((tr.outStart() + dt) * nLat + ir.outStart() + di) * nLon + jr.outStart();
                            for (int dj = 0; dj < jr.length(); dj++) {
                                index.setDim(axes.lonDim, jr.fileIndex(dj) - jr.fileMin());
                                visitor.visit(rowStart + dj, block, index);
                            }
                        }
                    }
                }
            }
        }
    }

    private Array readBlock(Variable v, GridAxes axes, AxisSelection.Run time, AxisSelection.Run lat,
            AxisSelection.Run lon, int layerIndex) {
        List<Range> ranges = new ArrayList<>();
        try {
            for (int d = 0; d < v.getRank(); d++) {
                AxisSelection.Run r = d == axes.latDim ? lat : d == axes.lonDim ? lon : d == axes.timeDim ? time : null;
                if (d == axes.layerDim) {
                    ranges.add(new Range(layerIndex, layerIndex));
                } else {
                    ranges.add(r == null ? new Range(0, 0) : new Range(r.fileMin(), r.fileMin() + r.length() - 1));
                }
            }
            return v.read(new Section(ranges));
        } catch (InvalidRangeException | IOException ex) {
            throw new NetcdfInputException(path + ": variable '" + v.getFullName() + "': cannot read section "
                    + ranges + ": " + ex.getMessage(), ex);
        } catch (RuntimeException | AssertionError ex) {
            throw damaged("variable '" + v.getFullName() + "': cannot read section " + ranges, ex);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                nc.close();
            } catch (IOException ex) {
                throw new NetcdfInputException(path + ": cannot close: " + ex.getMessage(), ex);
            }
        }
    }
}
