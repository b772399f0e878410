package org.emulens.io.netcdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.emulens.io.AtomicFile;
import org.emulens.io.grid.LatLonGrid;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;
import ucar.nc2.write.Nc4Chunking;
import ucar.nc2.write.Nc4ChunkingStrategy;

/**
 * Writes per-cell statistics as a CF-1.8 file: float variables on (time, [percentile or threshold,]
 * lat, lon) with {@code units}, {@code long_name}, {@code cell_methods} and {@code _FillValue}; coordinate
 * variables with {@code standard_name}, {@code units}, {@code axis} and cell bounds; global
 * {@code Conventions}, {@code title}, {@code history} and the caller's provenance attributes (Emulens
 * version, backend, device, model hash, seed, members, input files with their SHA-256, command line).
 *
 * <p>The file is written beside its final name and renamed into place when complete
 * ({@link AtomicFile}), so a failure leaves nothing that looks whole. NetCDF-4 (compressed, through the
 * C library, see {@link NetcdfCLibrary}) unless NetCDF-3 64-bit offset is chosen explicitly. The C
 * library is not thread-safe, so NetCDF-4 files are written one at a time. Immutable; made with
 * {@link #builder}.
 */
public final class CfGridWriter {
    /** NetCDF's default float fill (NC_FILL_FLOAT): far outside any physical value and known to every reader. */
    public static final float FILL_VALUE = 9.96921e36f;

    /** The NetCDF C library is not thread-safe, so NetCDF-4 files are written one at a time. */
    private static final Object C_LIBRARY_LOCK = new Object();

    private static final Set<String> RESERVED_ATTRIBUTES = Set.of("Conventions", "title", "history", "date_created");
    private static final String TIME_UNITS = "days since 1970-01-01 00:00:00";
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private final LatLonGrid grid;
    private final List<Instant> times;
    private final String title;
    private final String history;
    private final Map<String, String> provenance;
    private final List<OutputField> fields;
    private final NetcdfFormat format;
    private final NetcdfCLibrary library;

    private CfGridWriter(Builder b) {
        this.grid = b.grid;
        this.times = List.copyOf(b.times);
        this.title = b.title;
        this.history = b.history;
        this.provenance = b.provenance;
        this.fields = List.copyOf(b.fields);
        this.format = b.format;
        this.library = b.library;
    }

    public static Builder builder(LatLonGrid grid) {
        return new Builder(grid);
    }

    public NetcdfFormat format() {
        return format;
    }

    /**
     * Writes the file at {@code target}, replacing any file there only once the new one is complete.
     *
     * @throws NetcdfLibraryMissingException if NetCDF-4 was asked for and the C library is missing
     * @throws NetcdfOutputException if the folder cannot be written or the writer fails; nothing is left behind
     */
    public void write(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        if (Files.isDirectory(folder) && !Files.isWritable(folder)) {
            throw new NetcdfOutputException(target + ": cannot write: the folder " + folder + " is not writable");
        }
        if (format == NetcdfFormat.NETCDF4) {
            (library != null ? library : NetcdfCLibrary.probe()).requireForWriting(target);
            synchronized (C_LIBRARY_LOCK) {
                AtomicFile.writeFile(target, this::writeTo);
            }
        } else {
            AtomicFile.writeFile(target, this::writeTo);
        }
    }

    private void writeTo(Path file) throws IOException {
        NetcdfFileWriter w = format == NetcdfFormat.NETCDF4
                ? NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf4, file.toString(), chunking())
                : NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, file.toString());
        boolean done = false;
        try {
            if (format == NetcdfFormat.NETCDF3_64BIT_OFFSET) {
                w.setLargeFile(true);
            }
            Map<Variable, Array> data = define(w);
            w.create();
            for (Map.Entry<Variable, Array> e : data.entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
            done = true;
        } catch (InvalidRangeException ex) {
            throw new IOException("writing the variables: " + ex.getMessage(), ex);
        } finally {
            try {
                w.close();
            } catch (IOException | RuntimeException ex) {
                if (done) {
                    throw ex;
                }
                // the first failure is the one to report
            }
        }
    }

    /** Deflate level 4 with shuffle: most of the size saving of level 9 at a fraction of its time. */
    private static Nc4Chunking chunking() {
        return Nc4ChunkingStrategy.factory(Nc4Chunking.Strategy.standard, 4, true);
    }

    /** Defines dimensions, variables and attributes; returns the data to write once the file is created. */
    private Map<Variable, Array> define(NetcdfFileWriter w) {
        Map<Variable, Array> data = new LinkedHashMap<>();
        w.addGroupAttribute(null, new Attribute("Conventions", "CF-1.8"));
        w.addGroupAttribute(null, new Attribute("title", title));
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        w.addGroupAttribute(null, new Attribute("history", history != null ? history : created + " written by Emulens"));
        w.addGroupAttribute(null, new Attribute("date_created", created));
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            w.addGroupAttribute(null, new Attribute(e.getKey(), e.getValue()));
        }

        Dimension time = null;
        if (!times.isEmpty()) {
            time = w.addDimension(null, "time", times.size());
            Variable t = coordinate(w, "time", DataType.DOUBLE, "time", "time", TIME_UNITS, "T");
            w.addVariableAttribute(t, new Attribute("calendar", "standard"));
            double[] days = new double[times.size()];
            for (int k = 0; k < days.length; k++) {
                days[k] = times.get(k).toEpochMilli() / MILLIS_PER_DAY;
            }
            data.put(t, Array.factory(days));
        }
        Dimension lat = w.addDimension(null, "lat", grid.latCount());
        Dimension lon = w.addDimension(null, "lon", grid.lonCount());
        Dimension nv = w.addDimension(null, "nv", 2);
        Variable latVar = coordinate(w, "lat", DataType.DOUBLE, "latitude", "latitude", "degrees_north", "Y");
        Variable lonVar = coordinate(w, "lon", DataType.DOUBLE, "longitude", "longitude", "degrees_east", "X");
        data.put(latVar, Array.factory(grid.latitudes()));
        data.put(lonVar, Array.factory(grid.longitudes()));
        data.put(bounds(w, latVar, lat, nv), boundsArray(grid.latCount(), true));
        data.put(bounds(w, lonVar, lon, nv), boundsArray(grid.lonCount(), false));

        Map<String, Dimension> axisDims = new LinkedHashMap<>();
        for (OutputField f : fields) {
            List<Dimension> dims = new ArrayList<>();
            if (time != null) {
                dims.add(time);
            }
            if (f.axis() != null) {
                OutputAxis a = f.axis();
                Dimension d = axisDims.get(a.name());
                if (d == null) {
                    d = w.addDimension(null, a.name(), a.size());
                    axisDims.put(a.name(), d);
                    Variable av = w.addVariable(null, a.name(), DataType.DOUBLE, a.name());
                    w.addVariableAttribute(av, new Attribute("units", a.units()));
                    w.addVariableAttribute(av, new Attribute("long_name", a.longName()));
                    data.put(av, Array.factory(a.values()));
                }
                dims.add(d);
            }
            dims.add(lat);
            dims.add(lon);
            Variable v = w.addVariable(null, f.name(), DataType.FLOAT, dims);
            w.addVariableAttribute(v, new Attribute("_FillValue", FILL_VALUE));
            w.addVariableAttribute(v, new Attribute("units", f.units()));
            w.addVariableAttribute(v, new Attribute("long_name", f.longName()));
            if (f.standardName() != null) {
                w.addVariableAttribute(v, new Attribute("standard_name", f.standardName()));
            }
            if (f.cellMethods() != null) {
                w.addVariableAttribute(v, new Attribute("cell_methods", f.cellMethods()));
            }
            if (f.comment() != null) {
                w.addVariableAttribute(v, new Attribute("comment", f.comment()));
            }
            if (f.flagValues() != null) {
                w.addVariableAttribute(v, new Attribute("flag_values",
                        Array.factory(DataType.FLOAT, new int[] {f.flagValues().length}, f.flagValues())));
                w.addVariableAttribute(v, new Attribute("flag_meanings", f.flagMeanings()));
            }
            int[] shape = dims.stream().mapToInt(Dimension::getLength).toArray();
            data.put(v, Array.factory(DataType.FLOAT, shape, filled(f.valuesUnsafe())));
        }
        return data;
    }

    private static Variable coordinate(NetcdfFileWriter w, String name, DataType type, String standardName,
            String longName, String units, String axis) {
        Variable v = w.addVariable(null, name, type, name);
        w.addVariableAttribute(v, new Attribute("standard_name", standardName));
        w.addVariableAttribute(v, new Attribute("long_name", longName));
        w.addVariableAttribute(v, new Attribute("units", units));
        w.addVariableAttribute(v, new Attribute("axis", axis));
        return v;
    }

    private static Variable bounds(NetcdfFileWriter w, Variable coordinate, Dimension dim, Dimension nv) {
        String name = coordinate.getShortName() + "_bnds";
        w.addVariableAttribute(coordinate, new Attribute("bounds", name));
        return w.addVariable(null, name, DataType.DOUBLE, List.of(dim, nv));
    }

    private Array boundsArray(int n, boolean latitude) {
        double[] b = new double[2 * n];
        for (int k = 0; k < n; k++) {
            b[2 * k] = latitude ? grid.latEdge(k) : grid.lonEdge(k);
            b[2 * k + 1] = latitude ? grid.latEdge(k + 1) : grid.lonEdge(k + 1);
        }
        return Array.factory(DataType.DOUBLE, new int[] {n, 2}, b);
    }

    /** NaN becomes the fill value: CF readers mask _FillValue, while a NaN in the file is a number to some. */
    private static float[] filled(float[] values) {
        float[] out = values.clone();
        for (int k = 0; k < out.length; k++) {
            if (Float.isNaN(out[k])) {
                out[k] = FILL_VALUE;
            }
        }
        return out;
    }

    /** Collects and checks what {@link CfGridWriter} writes; {@link #build()} names the first problem found. */
    public static final class Builder {
        private final LatLonGrid grid;
        private List<Instant> times = List.of();
        private String title;
        private String history;
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private final List<OutputField> fields = new ArrayList<>();
        private NetcdfFormat format = NetcdfFormat.NETCDF4;
        private NetcdfCLibrary library;

        private Builder(LatLonGrid grid) {
            this.grid = Objects.requireNonNull(grid, "grid");
        }

        /** Time steps of the fields; none (the default) writes fields on (lat, lon) only. */
        public Builder times(List<Instant> times) {
            this.times = List.copyOf(times);
            return this;
        }

        /** The global {@code title}; required. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The global {@code history}, e.g. the time and the command line; by default the time of writing. */
        public Builder history(String history) {
            this.history = history;
            return this;
        }

        /**
         * Global attributes recording how the result was made, in the order given: e.g.
         * {@code emulens_version}, {@code backend}, {@code device}, {@code model_sha256}, {@code seed},
         * {@code members}, {@code input_files} (each with its SHA-256), {@code command_line}.
         */
        public Builder provenance(Map<String, String> attributes) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                CfNames.requireLegal(e.getKey(), "provenance attribute");
                if (RESERVED_ATTRIBUTES.contains(e.getKey())) {
                    throw new IllegalArgumentException("provenance attribute '" + e.getKey() + "': the writer sets "
                            + "it; expected another name, found one of " + RESERVED_ATTRIBUTES);
                }
                provenance.put(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()));
            }
            return this;
        }

        public Builder field(OutputField field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** NetCDF-4 by default; NetCDF-3 64-bit offset only when asked for here. */
        public Builder format(NetcdfFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** The C library to write NetCDF-4 with; by default {@link NetcdfCLibrary#probe()} when writing. */
        public Builder library(NetcdfCLibrary library) {
            this.library = library;
            return this;
        }

        public CfGridWriter build() {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("CF output: expected a title, found none");
            }
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("CF output '" + title + "': expected at least one field, found none");
            }
            Set<String> taken = new HashSet<>(Set.of("time", "lat", "lon", "lat_bnds", "lon_bnds", "nv"));
            Map<String, OutputAxis> axes = new LinkedHashMap<>();
            for (OutputField f : fields) {
                if (!taken.add(f.name())) {
                    throw new IllegalArgumentException("field '" + f.name() + "': the name is already used by a "
                            + "coordinate or another field");
                }
                OutputAxis a = f.axis();
                if (a != null) {
                    OutputAxis before = axes.putIfAbsent(a.name(), a);
                    if (before != null && !before.sameAs(a)) {
                        throw new IllegalArgumentException("field '" + f.name() + "': axis '" + a.name() + "' differs "
                                + "from the axis of that name of an earlier field; give it another name");
                    }
                }
                long expected = (long) Math.max(1, times.size()) * f.axisLength() * grid.cellCount();
                if (f.valueCount() != expected) {
                    throw new IllegalArgumentException("field '" + f.name() + "': expected " + expected + " values ("
                            + Math.max(1, times.size()) + " time step(s) x " + f.axisLength() + " x "
                            + grid.latCount() + " x " + grid.lonCount() + "), found " + f.valueCount());
                }
            }
            for (String a : axes.keySet()) {
                if (!taken.add(a)) {
                    throw new IllegalArgumentException("axis '" + a + "': the name is already used by a coordinate "
                            + "or a field");
                }
            }
            return new CfGridWriter(this);
        }
    }
}
