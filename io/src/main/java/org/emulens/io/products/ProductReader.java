package org.emulens.io.products;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.netcdf.NetcdfInputException;

/**
 * Reads a product from a NetCDF file by its {@link ProductSpec}: the value, masked where the quality
 * flag is bad, and each uncertainty component as a standard deviation, masked wherever the value is, so
 * that no uncertainty is ever attached to a value that is not there.
 *
 * <p>A cell with a value but no uncertainty keeps its value, with NaN uncertainty: whether to drop it
 * or to assume something is the study's decision, not the reader's.
 */
public final class ProductReader {
    private ProductReader() {
    }

    public static ProductField read(Path file, ProductSpec spec, GridRegion region) {
        try (NetcdfGridFile nc = NetcdfGridFile.open(file)) {
            return read(nc, spec, region);
        }
    }

    public static ProductField read(NetcdfGridFile nc, ProductSpec spec, GridRegion region) {
        GridField value = nc.read(spec.valueVariable(), region);
        requireUnits(nc, spec, spec.valueVariable(), value.units());
        if (spec.flagVariable() != null) {
            value = nc.applyFlags(value, spec.flagVariable(), spec.flagRule(), region);
        }
        List<UncertaintyField> uncertainties = new ArrayList<>();
        for (UncertaintyComponent c : spec.uncertainties()) {
            GridField raw = nc.read(c.variable(), region);
            if (!raw.grid().equals(value.grid()) || !raw.times().equals(value.times())) {
                throw new NetcdfInputException(nc.path() + ": uncertainty variable '" + c.variable() + "' lies on "
                        + raw.grid() + ", expected the cells of '" + spec.valueVariable() + "': " + value.grid());
            }
            uncertainties.add(new UncertaintyField(c, standardDeviation(raw, value, c)));
        }
        return new ProductField(spec, value, uncertainties);
    }

    private static void requireUnits(NetcdfGridFile nc, ProductSpec spec, String variable, String found) {
        if (spec.units() != null && !normalise(spec.units()).equals(normalise(found))) {
            throw new NetcdfInputException(nc.path() + ": variable '" + variable + "' of product '" + spec.name()
                    + "': expected units " + spec.units() + ", found " + (found.isEmpty() ? "none" : found));
        }
    }

    private static String normalise(String units) {
        return units.trim().replaceAll("\\s+", " ");
    }

    private static GridField standardDeviation(GridField raw, GridField value, UncertaintyComponent c) {
        float[] sd = raw.values();
        float[] v = value.values();
        boolean variance = c.measure() == UncertaintyComponent.Measure.VARIANCE;
        for (int k = 0; k < sd.length; k++) {
            if (Float.isNaN(v[k])) {
                sd[k] = Float.NaN;
            } else if (variance) {
                sd[k] = (float) Math.sqrt(sd[k]);
            }
        }
        return raw.withValues(c.variable(), value.units(), sd);
    }
}
