package org.emulens.io.netcdf;

/** The on-disk formats {@link CfGridWriter} can write. */
public enum NetcdfFormat {
    /**
     * NetCDF-4 (HDF5) with compression, the default. Written through the NetCDF C library, which must
     * be installed (see {@link NetcdfCLibrary}).
     */
    NETCDF4("netcdf4"),
    /**
     * NetCDF-3 with 64-bit offsets: written in pure Java, so it works without the C library, but
     * uncompressed. Used only when chosen explicitly.
     */
    NETCDF3_64BIT_OFFSET("netcdf3");

    private final String optionName;

    NetcdfFormat(String optionName) {
        this.optionName = optionName;
    }

    /** The word a user types for this format, as in {@code --format netcdf3}. */
    public String optionName() {
        return optionName;
    }

    /** The format a user named; {@code netcdf4} or {@code netcdf3}. */
    public static NetcdfFormat fromOptionName(String name) {
        for (NetcdfFormat f : values()) {
            if (f.optionName.equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("NetCDF format '" + name + "': expected netcdf4 or netcdf3");
    }
}
