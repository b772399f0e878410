package org.emulens.io.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emulens.io.AtomicFile;
import ucar.ma2.ArrayDouble;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFileWriter;
import ucar.nc2.Variable;

/**
 * Writes parameter samples as a NetCDF-3 file (no C library needed): dimension {@code sample}, one double
 * variable per parameter with its per-variable attributes (units, diagnostics), global provenance attributes.
 * Written beside its final name and renamed into place.
 */
public final class SampleNetcdf {
    private SampleNetcdf() {
    }

    /** One named column of samples and its attributes. */
    public record Column(String name, double[] values, Map<String, String> attributes) {
    }

    public static void write(Path target, String title, Map<String, String> provenance, List<Column> columns) {
        AtomicFile.writeFile(target, tmp -> {
            NetcdfFileWriter w = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, tmp.toString());
            try {
                w.addGroupAttribute(null, new Attribute("title", title));
                provenance.forEach((k, v) -> w.addGroupAttribute(null, new Attribute(k, v)));
                Dimension sample = w.addDimension(null, "sample", columns.isEmpty() ? 0 : columns.get(0).values().length);
                List<Variable> vars = new ArrayList<>();
                for (Column c : columns) {
                    Variable v = w.addVariable(null, c.name(), DataType.DOUBLE, List.of(sample));
                    c.attributes().forEach((k, val) -> v.addAttribute(new Attribute(k, val)));
                    vars.add(v);
                }
                w.create();
                for (int i = 0; i < columns.size(); i++) {
                    double[] data = columns.get(i).values();
                    ArrayDouble.D1 a = new ArrayDouble.D1(data.length);
                    for (int k = 0; k < data.length; k++) {
                        a.set(k, data[k]);
                    }
                    w.write(vars.get(i), a);
                }
            } catch (InvalidRangeException ex) {
                throw new IOException("writing samples: " + ex.getMessage(), ex);
            } finally {
                w.close();
            }
        });
    }
}
