package org.emulens.cli.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.netcdf.NetcdfInputException;
import org.emulens.io.plot.QuickLookPng;

/**
 * The output file of {@code emulens run}, open for the study page: for each model output {@code v}, the
 * variables {@code v_mean} and {@code v_sd} and, where the study asked for them, {@code v_percentile} (on a
 * {@code percentile} axis) and {@code v_exceedance} (on a threshold axis), on one grid and time axis.
 * Maps are rendered by {@link QuickLookPng} and kept in a small cache; a cell's statistics are read from
 * the file through a one-cell region. The file reader is not thread-safe, so reads take turns.
 */
final class StudyOutput implements AutoCloseable {
    private static final int CACHED_MAPS = 32;

    /** The statistics of one model output in the file. */
    record Quantity(String name, String units, String percentileAxis, double[] percentiles, String thresholdAxis,
                    double[] thresholds) {
    }

    /** One map the page can show: a variable, and a layer of its percentile or threshold axis (-1 for none). */
    record MapField(String id, String variable, String axis, int layer, String label, boolean probability) {
    }

    private final NetcdfGridFile file;
    private final List<Quantity> quantities;
    private final List<MapField> maps;
    private final List<Instant> times;
    private final LatLonGrid grid;
    private final Map<String, byte[]> pngCache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED_MAPS;
        }
    };

    private StudyOutput(NetcdfGridFile file, List<Quantity> quantities, List<MapField> maps, List<Instant> times,
            LatLonGrid grid) {
        this.file = file;
        this.quantities = quantities;
        this.maps = maps;
        this.times = times;
        this.grid = grid;
    }

    /**
     * Opens {@code path} and finds its statistics.
     *
     * @throws NetcdfInputException if it is not NetCDF or holds no {@code v_mean} with its {@code v_sd}
     */
    static StudyOutput open(Path path) {
        NetcdfGridFile f = NetcdfGridFile.open(path);
        try {
            List<Quantity> quantities = new ArrayList<>();
            List<MapField> maps = new ArrayList<>();
            for (String name : f.variableNames()) {
                if (!name.endsWith("_mean") || !f.hasVariable(stem(name) + "_sd")) {
                    continue;
                }
                Quantity q = quantity(f, stem(name));
                quantities.add(q);
                maps.add(new MapField(q.name() + "_mean", q.name() + "_mean", null, -1, q.name() + " mean", false));
                maps.add(new MapField(q.name() + "_sd", q.name() + "_sd", null, -1, q.name() + " sd", false));
                for (int k = 0; k < q.thresholds().length; k++) {
                    maps.add(new MapField(q.name() + "_exceedance_" + k, q.name() + "_exceedance", q.thresholdAxis(),
                            k, "P(" + q.name() + " > " + plain(q.thresholds()[k]) + ")", true));
                }
                for (int k = 0; k < q.percentiles().length; k++) {
                    maps.add(new MapField(q.name() + "_percentile_" + k, q.name() + "_percentile", q.percentileAxis(),
                            k, q.name() + " percentile " + plain(q.percentiles()[k]), false));
                }
            }
            if (quantities.isEmpty()) {
                throw new NetcdfInputException(path + ": not an output of 'emulens run': expected variables NAME_mean "
                        + "and NAME_sd, found " + f.variableNames());
            }
            String first = quantities.get(0).name() + "_mean";
            double[] lat = f.coordinateValues("lat");
            double[] lon = f.coordinateValues("lon");
            // one cell at all times gives the time axis without reading every map
            List<Instant> times = f.read(first, GridRegion.of(GeoBox.of(lat[0], lat[0], lon[0], lon[0]))).times();
            GridRegion firstStep = times.isEmpty() ? GridRegion.everywhere()
                    : GridRegion.everywhere().during(times.get(0), times.get(0));
            LatLonGrid grid = f.read(first, firstStep).grid();
            return new StudyOutput(f, List.copyOf(quantities), List.copyOf(maps), times, grid);
        } catch (RuntimeException ex) {
            f.close();
            throw ex;
        }
    }

    /** 0.5 rather than 0.50000, 5 rather than 5.0. */
    static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String stem(String meanVariable) {
        return meanVariable.substring(0, meanVariable.length() - "_mean".length());
    }

    private static Quantity quantity(NetcdfGridFile f, String name) {
        String pAxis = null;
        double[] percentiles = new double[0];
        String tAxis = null;
        double[] thresholds = new double[0];
        if (f.hasVariable(name + "_percentile")) {
            pAxis = onlyLayer(f, name + "_percentile");
            percentiles = f.coordinateValues(pAxis);
        }
        if (f.hasVariable(name + "_exceedance")) {
            tAxis = onlyLayer(f, name + "_exceedance");
            thresholds = f.coordinateValues(tAxis);
        }
        return new Quantity(name, f.units(name + "_mean"), pAxis, percentiles, tAxis, thresholds);
    }

    private static String onlyLayer(NetcdfGridFile f, String variable) {
        List<String> layers = f.layerDimensions(variable);
        if (layers.size() != 1) {
            throw new NetcdfInputException(f.path() + ": variable '" + variable + "': expected one dimension besides "
                    + "time, lat and lon, found " + layers);
        }
        return layers.get(0);
    }

    Path path() {
        return file.path();
    }

    List<Quantity> quantities() {
        return quantities;
    }

    List<MapField> maps() {
        return maps;
    }

    /** The time steps; empty for a file without a time axis, which then has one step. */
    List<Instant> times() {
        return times;
    }

    int steps() {
        return Math.max(1, times.size());
    }

    LatLonGrid grid() {
        return grid;
    }

    MapField map(String id) {
        for (MapField m : maps) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }

    /** Time step {@code t} of {@code map} as a PNG quick-look; probabilities are coloured over [0, 1]. */
    synchronized byte[] png(MapField map, int t) {
        String key = map.id() + "@" + t;
        byte[] png = pngCache.get(key);
        if (png == null) {
            GridField field = read(map.variable(), map.axis(), map.layer(), everywhere(t));
            String day = times.isEmpty() ? "" : ", " + times.get(t).toString().substring(0, 10);
            QuickLookPng look = QuickLookPng.of(field, 0, map.label() + day);
            png = encode((map.probability() ? look.withRange(0, 1) : look).render());
            pngCache.put(key, png);
        }
        return png;
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** The statistics of every quantity in cell {@code cell} ({@code row * lonCount + column}) at step {@code t}. */
    synchronized List<CellValues> cell(int cell, int t) {
        int i = cell / grid.lonCount();
        int j = cell % grid.lonCount();
        double lat = grid.lat(i);
        double lon = grid.lon(j);
        GridRegion one = GridRegion.of(GeoBox.of(lat, lat, lon, lon));
        if (!times.isEmpty()) {
            one = one.during(times.get(t), times.get(t));
        }
        List<CellValues> out = new ArrayList<>();
        for (Quantity q : quantities) {
            double[] p = new double[q.percentiles().length];
            for (int k = 0; k < p.length; k++) {
                p[k] = value(read(q.name() + "_percentile", q.percentileAxis(), k, one));
            }
            double[] e = new double[q.thresholds().length];
            for (int k = 0; k < e.length; k++) {
                e[k] = value(read(q.name() + "_exceedance", q.thresholdAxis(), k, one));
            }
            out.add(new CellValues(q, value(read(q.name() + "_mean", null, -1, one)),
                    value(read(q.name() + "_sd", null, -1, one)), p, e));
        }
        return out;
    }

    /** One quantity's statistics in one cell; NaN where the cell has no value. */
    record CellValues(Quantity quantity, double mean, double sd, double[] percentiles, double[] exceedance) {
    }

    private GridRegion everywhere(int t) {
        return times.isEmpty() ? GridRegion.everywhere() : GridRegion.everywhere().during(times.get(t), times.get(t));
    }

    private GridField read(String variable, String axis, int layer, GridRegion region) {
        return axis == null ? file.read(variable, region) : file.read(variable, region, axis, layer);
    }

    private static double value(GridField oneCell) {
        return oneCell.values()[0];
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
