package org.emulens.io.jules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.emulens.engine.EmulensException;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.CfVariableValues;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.netcdf.NetcdfInputException;
import ucar.ma2.Array;
import ucar.ma2.Index;
import ucar.ma2.InvalidRangeException;
import ucar.ma2.Range;
import ucar.ma2.Section;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * A JULES NetCDF file, output or input (driving data, ancillaries), in either of JULES's layouts (see
 * {@link JulesLayout}), read one variable at a time: one layer of each extra dimension ({@code soil},
 * {@code pft}, {@code tile}, ...) chosen by index, all time steps or one, placed on a latitude/longitude
 * grid by each point's coordinates (see {@link LandPointMapping}). Values are CF-decoded: JULES's fill
 * value (-1e20 on sea cells) becomes NaN. Not thread-safe; close it when done.
 *
 * <p>Indices here count from 0; study files and the command line count layers from 1, as JULES's
 * namelists do.
 */
public final class JulesFile implements AutoCloseable {
    /** Names JULES gives its time dimension in output ({@code time}) and in some inputs ({@code tstep}). */
    private static final List<String> TIME_NAMES = List.of("time", "tstep");

    private final Path path;
    private final NetcdfFile nc;
    private final JulesLayout layout;
    private final double[] lat;
    private final double[] lon;
    private LatLonGrid naturalGrid;
    private boolean closed;

    private JulesFile(Path path, NetcdfFile nc, JulesLayout layout, double[] lat, double[] lon) {
        this.path = path;
        this.nc = nc;
        this.layout = layout;
        this.lat = lat;
        this.lon = lon;
    }

    /**
     * Opens {@code file}, which holds its points' {@code latitude} and {@code longitude}.
     *
     * @throws JulesFormatException if it has neither JULES layout or its points have no coordinates
     */
    public static JulesFile open(Path file) {
        return open(file, null);
    }

    /**
     * Opens {@code file} with the coordinates of its points from {@code coordinates} (null: from the file
     * itself), as JULES takes them from the file of its {@code jules_latlon} namelist.
     */
    public static JulesFile open(Path file, Path coordinates) {
        NetcdfFile nc = NetcdfGridFile.openNetcdf(file);
        try {
            JulesLayout layout = layoutOf(nc, file);
            double[][] latLon;
            Dimension x = nc.findDimension("x");
            int nx = x == null ? layout.pointCount() : x.getLength();
            if (coordinates == null) {
                latLon = coordinates(nc, file.toString(), layout, nx, "");
            } else {
                try (NetcdfFile c = NetcdfGridFile.openNetcdf(coordinates)) {
                    latLon = coordinates(c, coordinates.toString(), layout, nx, " (the coordinates of " + file + ")");
                } catch (IOException ex) {
                    throw new NetcdfInputException(coordinates + ": cannot close: " + ex.getMessage(), ex);
                }
            }
            return new JulesFile(file, nc, layout, latLon[0], latLon[1]);
        } catch (RuntimeException ex) {
            try {
                nc.close();
            } catch (IOException suppressed) {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
    }

    private static JulesLayout layoutOf(NetcdfFile nc, Path file) {
        Dimension land = nc.findDimension("land");
        if (land != null) {
            return new JulesLayout(JulesLayout.Kind.LAND_POINTS, List.of("land"), land.getLength());
        }
        Dimension x = nc.findDimension("x");
        Dimension y = nc.findDimension("y");
        if (x != null && y != null) {
            JulesLayout.Kind kind = y.getLength() == 1 ? JulesLayout.Kind.LAND_POINTS : JulesLayout.Kind.GRIDDED;
            return new JulesLayout(kind, List.of("y", "x"), x.getLength() * y.getLength());
        }
        throw new JulesFormatException(file + ": not a JULES file: expected the point dimension 'land', or 'x' and "
                + "'y', found dimensions " + dimensionNames(nc));
    }

    private static List<String> dimensionNames(NetcdfFile nc) {
        return nc.getDimensions().stream().map(d -> d.getShortName() + "=" + d.getLength()).toList();
    }

    /** Latitude and longitude of each point, in point order. */
    private static double[][] coordinates(NetcdfFile nc, String file, JulesLayout layout, int nx, String forWhom) {
        Variable la = coordinate(nc, "latitude", "lat");
        Variable lo = coordinate(nc, "longitude", "lon");
        if (la == null || lo == null) {
            throw new JulesFormatException(file + forWhom + ": the points on " + layout.pointDimensions() + " have no "
                    + (la == null ? "'latitude'" : "'longitude'") + " variable; expected 'latitude' and 'longitude' on "
                    + layout.pointDimensions() + " (for land points stored without them, give the file that JULES's "
                    + "jules_latlon namelist names)");
        }
        return new double[][] {pointValues(la, file + forWhom, layout, nx), pointValues(lo, file + forWhom, layout, nx)};
    }

    private static Variable coordinate(NetcdfFile nc, String name, String shortName) {
        Variable v = nc.findVariable(name);
        return v != null ? v : nc.findVariable(shortName);
    }

    /** A coordinate per point: on the point dimensions, or on y alone / x alone for a rectilinear 2-D grid. */
    private static double[] pointValues(Variable v, String file, JulesLayout layout, int nx) {
        List<String> dims = v.getDimensions().stream().map(Dimension::getShortName).toList();
        double[] raw = readAll(v, file);
        if (dims.equals(layout.pointDimensions()) && raw.length == layout.pointCount()) {
            return raw;
        }
        if (layout.pointDimensions().size() == 2 && dims.size() == 1 && layout.isPointDimension(dims.get(0))) {
            int ny = layout.pointCount() / nx;
            boolean byRow = dims.get(0).equals("y");
            if (raw.length == (byRow ? ny : nx)) {
                double[] out = new double[layout.pointCount()];
                for (int k = 0; k < out.length; k++) {
                    out[k] = raw[byRow ? k / nx : k % nx];
                }
                return out;
            }
        }
        throw new JulesFormatException(file + ": coordinate '" + v.getShortName() + "' is on " + shape(v)
                + "; expected the point dimension(s) " + layout.pointDimensions() + " (" + layout.pointCount()
                + " points)");
    }

    private static double[] readAll(Variable v, String file) {
        try {
            Array a = v.read();
            CfVariableValues decoding = CfVariableValues.of(v, file);
            double[] out = new double[(int) a.getSize()];
            Index index = a.getIndex();
            for (int k = 0; k < out.length; k++) {
                index.setCurrentCounter(k);
                out[k] = decoding.value(a, index);
            }
            return out;
        } catch (IOException ex) {
            throw new NetcdfInputException(file + ": variable '" + v.getShortName() + "': cannot read: "
                    + ex.getMessage(), ex);
        } catch (EmulensException ex) {
            throw ex;
        } catch (RuntimeException | AssertionError ex) {
            throw NetcdfInputException.damaged(file + ": variable '" + v.getShortName() + "': cannot read", ex);
        }
    }

    private static String shape(Variable v) {
        List<String> dims = new ArrayList<>();
        for (Dimension d : v.getDimensions()) {
            dims.add(d.getShortName() + "=" + d.getLength());
        }
        return "(" + String.join(", ", dims) + ")";
    }

    public Path path() {
        return path;
    }

    public JulesLayout layout() {
        return layout;
    }

    /** Latitude of each point, in the file's point order. */
    public double[] latitudes() {
        return lat.clone();
    }

    /** Longitude of each point, in the file's point order. */
    public double[] longitudes() {
        return lon.clone();
    }

    /** The grid the file's points lie on (see {@link LandPointMapping#naturalGrid}). */
    public LatLonGrid naturalGrid() {
        if (naturalGrid == null) {
            naturalGrid = LandPointMapping.naturalGrid(lat, lon, path.toString());
        }
        return naturalGrid;
    }

    /** The part of {@link #naturalGrid()} whose cell centres lie in {@code box} (edges inclusive). */
    public LatLonGrid naturalGrid(GeoBox box) {
        LatLonGrid g = naturalGrid();
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < g.latCount(); i++) {
            if (g.lat(i) >= box.south() && g.lat(i) <= box.north()) {
                rows.add(i);
            }
        }
        for (int j = 0; j < g.lonCount(); j++) {
            if (g.lon(j) >= box.west() && g.lon(j) <= box.east()) {
                cols.add(j);
            }
        }
        if (rows.isEmpty() || cols.isEmpty()) {
            throw new JulesFormatException(path + ": no point of the file lies in " + box + "; its points cover "
                    + g.extent());
        }
        double[] la = rows.stream().mapToDouble(g::lat).toArray();
        double[] lo = cols.stream().mapToDouble(g::lon).toArray();
        double[] laEdges = new double[la.length + 1];
        double[] loEdges = new double[lo.length + 1];
        for (int k = 0; k < la.length; k++) {
            laEdges[k] = g.latEdge(rows.get(k));
        }
        laEdges[la.length] = g.latEdge(rows.get(la.length - 1) + 1);
        for (int k = 0; k < lo.length; k++) {
            loEdges[k] = g.lonEdge(cols.get(k));
        }
        loEdges[lo.length] = g.lonEdge(cols.get(lo.length - 1) + 1);
        return LatLonGrid.ofCentresAndEdges(la, laEdges, lo, loEdges);
    }

    /** Where the file's points lie on {@code grid}. */
    public LandPointMapping mapping(LatLonGrid grid) {
        return LandPointMapping.of(lat, lon, grid, path.toString());
    }

    /** Names of all variables in the file, in file order. */
    public List<String> variableNames() {
        return nc.getVariables().stream().map(Variable::getShortName).toList();
    }

    public boolean hasVariable(String name) {
        return nc.findVariable(name) != null;
    }

    /** The variable's {@code units} attribute, empty when it has none. */
    public String units(String variable) {
        String u = variable(variable).getUnitsString();
        return u == null ? "" : u.trim();
    }

    /**
     * The dimensions of {@code variable} other than its points, with their lengths, in file order: time
     * and the layers ({@code soil}, {@code pft}, {@code tile}, ...) that a read selects from.
     */
    public Map<String, Integer> layerDimensions(String variable) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (Dimension d : checkedDimensions(variable(variable))) {
            if (!layout.isPointDimension(d.getShortName())) {
                out.put(d.getShortName(), d.getLength());
            }
        }
        return out;
    }

    /**
     * Values of {@code variable} at each point, as {@code [time step][point]}, for one index of each
     * layer dimension in {@code select} (0-based; dimensions of length 1 need none). Time steps are all of
     * them unless {@code select} names the time dimension.
     *
     * @throws JulesFormatException if the variable is not on the file's points, a layer dimension of more
     *     than one element is not selected, or an index or dimension is not the variable's
     */
    public float[] readPoints(String variable, Map<String, Integer> select) {
        return read(variable(variable), select).values;
    }

    /** The time steps that {@link #readPoints} returns: empty when the variable has no time dimension. */
    public List<Instant> times(String variable, Map<String, Integer> select) {
        return read(variable(variable), select).times;
    }

    /** {@code variable} on {@link #naturalGrid()}, with NaN on cells without a point (sea). */
    public GridField read(String variable, Map<String, Integer> select) {
        return read(variable, select, naturalGrid());
    }

    /**
     * {@code variable} on {@code grid}: each point's value in the cell whose centre it is, NaN on cells
     * without a point; points outside the grid are left out.
     */
    public GridField read(String variable, Map<String, Integer> select, LatLonGrid grid) {
        Variable v = variable(variable);
        Values r = read(v, select);
        LandPointMapping m = mapping(grid);
        return GridField.of(name(v, select), units(variable), grid, r.times, m.toGrid(r.values, r.steps));
    }

    private static String name(Variable v, Map<String, Integer> select) {
        StringBuilder sb = new StringBuilder(v.getShortName());
        new TreeMap<>(select).forEach((d, k) -> sb.append('_').append(d).append(k + 1));
        return sb.toString();
    }

    private record Values(float[] values, int steps, List<Instant> times) {
    }

    private Values read(Variable v, Map<String, Integer> select) {
        String where = path + ": variable '" + v.getShortName() + "' " + shape(v);
        List<Dimension> dims = checkedDimensions(v);
        for (String d : select.keySet()) {
            if (dims.stream().noneMatch(x -> x.getShortName().equals(d))) {
                throw new JulesFormatException(where + ": has no dimension '" + d + "' to select from; its layers are "
                        + layerDimensions(v.getShortName()).keySet());
            }
        }
        List<Range> ranges = new ArrayList<>();
        int timeDim = -1;
        int steps = 1;
        List<Instant> times = List.of();
        for (int d = 0; d < dims.size(); d++) {
            Dimension dim = dims.get(d);
            String name = dim.getShortName();
            int length = dim.getLength();
            Integer index = select.get(name);
            boolean time = isTime(dim);
            if (layout.isPointDimension(name)) {
                ranges.add(range(0, length - 1));
            } else if (index != null) {
                if (index < 0 || index >= length) {
                    throw new JulesFormatException(where + ": " + name + " " + (index + 1) + " does not exist; expected "
                            + "1.." + length + " (counting from 1)");
                }
                ranges.add(range(index, index));
                List<Instant> all = time ? times(dim, where) : List.of();
                if (!all.isEmpty()) {
                    times = List.of(all.get(index));
                }
            } else if (time) {
                timeDim = d;
                steps = length;
                ranges.add(range(0, length - 1));
                times = times(dim, where);
            } else if (length == 1) {
                ranges.add(range(0, 0));
            } else {
                throw new JulesFormatException(where + ": has " + length + " elements along '" + name + "'; expected a "
                        + "choice of one (" + name + ": 1.." + length + ")");
            }
        }
        if (steps > 1 && times.isEmpty()) {
            throw new JulesFormatException(where + ": time dimension '" + dims.get(timeDim).getShortName() + "' has "
                    + steps + " steps but no coordinate variable giving their times; select one step");
        }
        Array a;
        try {
            a = v.read(new Section(ranges));
        } catch (IOException | InvalidRangeException ex) {
            throw new NetcdfInputException(where + ": cannot read section " + ranges + ": " + ex.getMessage(), ex);
        } catch (RuntimeException | AssertionError ex) {
            throw NetcdfInputException.damaged(where + ": cannot read section " + ranges, ex);
        }
        CfVariableValues decoding = CfVariableValues.of(v, path.toString());
        int n = layout.pointCount();
        int[] pointDims = layout.pointDimensions().stream().mapToInt(p -> indexOf(dims, p)).toArray();
        int nx = pointDims.length == 2 ? dims.get(pointDims[1]).getLength() : n;
        float[] out = new float[steps * n];
        Index index = a.getIndex();
        for (int t = 0; t < steps; t++) {
            if (timeDim >= 0) {
                index.setDim(timeDim, t);
            }
            for (int k = 0; k < n; k++) {
                if (pointDims.length == 2) {
                    index.setDim(pointDims[0], k / nx);
                    index.setDim(pointDims[1], k % nx);
                } else {
                    index.setDim(pointDims[0], k);
                }
                out[t * n + k] = decoding.value(a, index);
            }
        }
        return new Values(out, steps, times);
    }

    private static Range range(int first, int last) {
        try {
            return new Range(first, last);
        } catch (InvalidRangeException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    private static int indexOf(List<Dimension> dims, String name) {
        for (int d = 0; d < dims.size(); d++) {
            if (dims.get(d).getShortName().equals(name)) {
                return d;
            }
        }
        throw new IllegalStateException(name);
    }

    private boolean isTime(Dimension d) {
        return TIME_NAMES.contains(d.getShortName()) || d.isUnlimited();
    }

    private List<Instant> times(Dimension d, String where) {
        Variable t = nc.findVariable(d.getShortName());
        // Only a coordinate variable (1-D, on its own dimension) gives the times: one value per step.
        if (t == null || t.getRank() != 1 || !d.getShortName().equals(t.getDimension(0).getShortName())
                || t.getDimension(0).getLength() != d.getLength()) {
            return List.of();
        }
        try {
            return Arrays.asList(CfVariableValues.times(t, path.toString()));
        } catch (IOException ex) {
            throw new NetcdfInputException(where + ": cannot read its times: " + ex.getMessage(), ex);
        } catch (EmulensException ex) {
            throw ex;
        } catch (RuntimeException | AssertionError ex) {
            throw NetcdfInputException.damaged(where + ": cannot read its times", ex);
        }
    }

    /** The variable's dimensions, checked to include every point dimension of the file. */
    private List<Dimension> checkedDimensions(Variable v) {
        List<Dimension> dims = v.getDimensions();
        List<String> names = dims.stream().map(Dimension::getShortName).toList();
        if (names.contains(null)) {
            // HDF5 allows dimensions without a name, which no layer selection could name.
            throw new JulesFormatException(path + ": variable '" + v.getShortName() + "' is on " + shape(v)
                    + ", a dimension without a name; expected named dimensions as JULES writes them");
        }
        for (String p : layout.pointDimensions()) {
            if (!names.contains(p)) {
                throw new JulesFormatException(path + ": variable '" + v.getShortName() + "' is on " + shape(v)
                        + "; expected the file's point dimension(s) " + layout.pointDimensions() + " ("
                        + layout.pointCount() + " points) among its dimensions");
            }
        }
        return dims;
    }

    private Variable variable(String name) {
        if (closed) {
            throw new IllegalStateException(path + ": already closed");
        }
        Variable v = nc.findVariable(name);
        if (v == null) {
            throw new NetcdfInputException(path + ": no variable '" + name + "'; the file has " + variableNames());
        }
        return v;
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
