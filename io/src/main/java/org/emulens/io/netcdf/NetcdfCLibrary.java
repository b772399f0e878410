package org.emulens.io.netcdf;

import com.sun.jna.NativeLibrary;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import ucar.nc2.jni.netcdf.Nc4Iosp;

/**
 * The NetCDF C library ({@code libnetcdf}), which NetCDF-Java needs, through JNA, to write NetCDF-4.
 * Reading never needs it: NetCDF-Java reads NetCDF-4/HDF5 in pure Java.
 *
 * <p>Where it is looked for: the file or library name in the system property
 * {@value #LIBRARY_PROPERTY} if set (e.g. {@code /opt/netcdf/lib/libnetcdf.so.19}); otherwise the name
 * {@code netcdf}, which JNA resolves in {@code jna.library.path}, the system library folders and the
 * versioned names the distributions install ({@code libnetcdf.so.19} from Debian's {@code libnetcdf19},
 * which has no unversioned {@code libnetcdf.so} without the -dev package).
 *
 * <p>{@link #probe()} asks and never throws; {@link #requireForWriting(Path)} is what a writer calls
 * when NetCDF-4 was asked for, and fails with a message that says what to install, where the library
 * was looked for, and that NetCDF-3 is there when chosen explicitly. Immutable.
 */
public final class NetcdfCLibrary {
    /** System property naming the library file or name to load instead of {@code netcdf}. */
    public static final String LIBRARY_PROPERTY = "emulens.netcdf.library";

    private static final String DEFAULT_NAME = "netcdf";

    private final String requested;
    private final File file;
    private final String version;
    private final String problem;

    private NetcdfCLibrary(String requested, File file, String version, String problem) {
        this.requested = requested;
        this.file = file;
        this.version = version;
        this.problem = problem;
    }

    /** The library named by {@value #LIBRARY_PROPERTY}, or the system's {@code libnetcdf}. */
    public static NetcdfCLibrary probe() {
        String configured = System.getProperty(LIBRARY_PROPERTY);
        return probe(configured == null || configured.isBlank() ? DEFAULT_NAME : configured.trim());
    }

    /** The library of this name ({@code netcdf}) or at this path, loaded to see whether it is usable. */
    public static NetcdfCLibrary probe(String nameOrPath) {
        try {
            NativeLibrary lib = NativeLibrary.getInstance(nameOrPath);
            String version = lib.getFunction("nc_inq_libvers").invokeString(new Object[0], false);
            return new NetcdfCLibrary(nameOrPath, lib.getFile(), versionNumber(version), null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError ex) {
            return new NetcdfCLibrary(nameOrPath, null, null, reason(ex.getMessage()));
        }
    }

    /** "4.9.0" of "4.9.0 of Aug  7 2022 23:41:41 $", the form nc_inq_libvers answers in. */
    private static String versionNumber(String libvers) {
        if (libvers == null) {
            return "(version unknown)";
        }
        int of = libvers.indexOf(" of ");
        return (of < 0 ? libvers : libvers.substring(0, of)).trim();
    }

    /**
     * JNA's reason without the class path it appends (hundreds of characters that say nothing about
     * where a system library was looked for), plus where that was.
     */
    private static String reason(String message) {
        String m = message == null ? "no reason given" : message;
        int cut = m.indexOf(" in resource path");
        if (cut >= 0) {
            m = m.substring(0, cut);
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m + " (looked in jna.library.path=" + System.getProperty("jna.library.path", "")
                + ", java.library.path and the system library folders)";
    }

    public boolean isAvailable() {
        return problem == null;
    }

    /** "NetCDF C library 4.9.0 of ... (/usr/lib/...)" or why it cannot be loaded. */
    public String description() {
        if (isAvailable()) {
            return "NetCDF C library " + version + (file == null ? "" : " (" + file + ")");
        }
        return "NetCDF C library '" + requested + "' not found: " + problem;
    }

    /**
     * Makes NetCDF-Java write NetCDF-4 through this library.
     *
     * @throws NetcdfLibraryMissingException naming {@code target} when the library cannot be loaded
     */
    public void requireForWriting(Path target) {
        if (!isAvailable()) {
            throw new NetcdfLibraryMissingException(target + ": cannot write NetCDF-4: " + description()
                    + ". Install it (Debian/Ubuntu: apt-get install libnetcdf19), or name the file with -D"
                    + LIBRARY_PROPERTY + "=/path/to/libnetcdf.so, or choose NetCDF-3 64-bit offset output "
                    + "explicitly (format netcdf3).");
        }
        bindNetcdfJava(target);
    }

    private void bindNetcdfJava(Path target) {
        boolean present;
        synchronized (NetcdfCLibrary.class) {
            // NetCDF-Java announces a successful load on standard output, which is where a command's
            // results go; the announcement is sent nowhere. A failed load is still seen: it returns false.
            PrintStream out = System.out;
            try {
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                Nc4Iosp.setLibraryAndPath(file == null ? null : file.getParent(),
                        file == null ? requested : file.getAbsolutePath());
                present = Nc4Iosp.isClibraryPresent();
            } finally {
                System.setOut(out);
            }
        }
        if (!present) {
            throw new NetcdfLibraryMissingException(target + ": cannot write NetCDF-4: NetCDF-Java could not load "
                    + description() + " (it may be too old; NetCDF-Java 4.5 needs libnetcdf 4.3 or newer). Choose "
                    + "NetCDF-3 64-bit offset output explicitly (format netcdf3) to write without it.");
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
