package org.emulens.io.netcdf;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import ucar.ma2.Array;
import ucar.nc2.Dimension;
import ucar.nc2.Group;
import ucar.nc2.Variable;

/**
 * Which dimensions of a variable are latitude, longitude and (optionally) time, found the CF way: a
 * dimension's coordinate variable (the 1-D variable named after it) is latitude when its units are
 * {@code degrees_north} or its {@code standard_name} is {@code latitude} or its {@code axis} is Y, and so
 * on. Any other dimension must have length 1 (a level or band axis of a single value), unless it is the
 * layer dimension the caller picks one index of (the percentile axis of a statistics output, say).
 */
final class GridAxes {
    private static final Set<String> NORTH = Set.of("degrees_north", "degree_north", "degree_n", "degrees_n",
            "degreen", "degreesn");
    private static final Set<String> EAST = Set.of("degrees_east", "degree_east", "degree_e", "degrees_e",
            "degreee", "degreese");

    final int latDim;
    final int lonDim;
    final int timeDim;
    /** The picked layer dimension; -1 when none was asked for. */
    final int layerDim;
    final double[] lat;
    final double[] lon;
    final Instant[] time;

    private GridAxes(int latDim, int lonDim, int timeDim, int layerDim, double[] lat, double[] lon,
            Instant[] time) {
        this.latDim = latDim;
        this.lonDim = lonDim;
        this.timeDim = timeDim;
        this.layerDim = layerDim;
        this.lat = lat;
        this.lon = lon;
        this.time = time;
    }

    static GridAxes of(Variable v, String file) throws IOException {
        return of(v, file, null);
    }

    /**
     * The axes of {@code v}, whose dimension {@code layer} (null for none) may have any length: the caller
     * reads one index of it.
     */
    static GridAxes of(Variable v, String file, String layer) throws IOException {
        String where = file + ": variable '" + v.getFullName() + "'";
        List<Dimension> dims = v.getDimensions();
        int[] kinds = kinds(v);
        int latDim = kinds[0];
        int lonDim = kinds[1];
        int timeDim = kinds[2];
        int layerDim = -1;
        List<String> others = new ArrayList<>();
        for (int d : layerCandidates(v, kinds)) {
            if (layer != null && layer.equals(dims.get(d).getShortName())) {
                layerDim = d;
            } else if (dims.get(d).getLength() != 1) {
                others.add(dims.get(d).getShortName() + "=" + dims.get(d).getLength());
            }
        }
        if (latDim < 0 || lonDim < 0) {
            throw new NetcdfInputException(where + " with dimensions " + names(dims) + ": expected latitude and "
                    + "longitude axes (1-D coordinate variables named after its dimensions, with units degrees_north "
                    + "and degrees_east), found " + (latDim < 0 && lonDim < 0 ? "neither" : latDim < 0
                    ? "no latitude" : "no longitude"));
        }
        if (layer != null && layerDim < 0) {
            throw new NetcdfInputException(where + " with dimensions " + names(dims) + ": expected a dimension '"
                    + layer + "' besides latitude, longitude and time, found none of that name");
        }
        if (!others.isEmpty()) {
            throw new NetcdfInputException(where + " with dimensions " + names(dims) + ": expected only latitude, "
                    + "longitude, time and dimensions of length 1, found " + others
                    + "; choose a single level or band first");
        }
        double[] lat = coordinates(coordinateVariable(v.getParentGroup(), dims.get(latDim)), file);
        double[] lon = coordinates(coordinateVariable(v.getParentGroup(), dims.get(lonDim)), file);
        Instant[] time = timeDim < 0 ? null
                : CfTime.decode(coordinateVariable(v.getParentGroup(), dims.get(timeDim)), file);
        return new GridAxes(latDim, lonDim, timeDim, layerDim, lat, lon, time);
    }

    /** Names of the dimensions of {@code v} that are not its latitude, longitude or time, in file order. */
    static List<String> layerDimensions(Variable v) {
        List<String> names = new ArrayList<>();
        for (int d : layerCandidates(v, kinds(v))) {
            names.add(v.getDimension(d).getShortName());
        }
        return names;
    }

    /** Positions of the latitude, longitude and time dimensions of {@code v}, -1 where there is none. */
    private static int[] kinds(Variable v) {
        List<Dimension> dims = v.getDimensions();
        int[] found = {-1, -1, -1};
        for (int d = 0; d < dims.size(); d++) {
            Variable c = coordinateVariable(v.getParentGroup(), dims.get(d));
            String kind = c == null ? "" : kind(c);
            if (kind.equals("lat") && found[0] < 0) {
                found[0] = d;
            } else if (kind.equals("lon") && found[1] < 0) {
                found[1] = d;
            } else if (kind.equals("time") && found[2] < 0) {
                found[2] = d;
            }
        }
        return found;
    }

    private static List<Integer> layerCandidates(Variable v, int[] kinds) {
        List<Integer> rest = new ArrayList<>();
        for (int d = 0; d < v.getRank(); d++) {
            if (d != kinds[0] && d != kinds[1] && d != kinds[2]) {
                rest.add(d);
            }
        }
        return rest;
    }

    private static String names(List<Dimension> dims) {
        List<String> n = new ArrayList<>();
        for (Dimension d : dims) {
            n.add(d.getShortName());
        }
        return "(" + String.join(", ", n) + ")";
    }

    /** The 1-D variable named after the dimension, in the variable's group or an enclosing one. */
    private static Variable coordinateVariable(Group group, Dimension dim) {
        if (dim.getShortName() == null) {
            return null;
        }
        for (Group g = group; g != null; g = g.getParentGroup()) {
            Variable c = g.findVariable(dim.getShortName());
            if (c != null && c.getRank() == 1 && dim.equals(c.getDimension(0))) {
                return c;
            }
        }
        return null;
    }

    private static String kind(Variable c) {
        String units = lower(CfAttributes.text(c, "units"));
        String standardName = lower(CfAttributes.text(c, "standard_name"));
        String axis = lower(CfAttributes.text(c, "axis"));
        String axisType = lower(CfAttributes.text(c, "_CoordinateAxisType"));
        if (NORTH.contains(units) || standardName.equals("latitude") || axisType.equals("lat")
                || (axis.equals("y") && units.startsWith("degree"))) {
            return "lat";
        }
        if (EAST.contains(units) || standardName.equals("longitude") || axisType.equals("lon")
                || (axis.equals("x") && units.startsWith("degree"))) {
            return "lon";
        }
        if (standardName.equals("time") || axis.equals("t") || axisType.equals("time") || units.contains(" since ")) {
            return "time";
        }
        return "";
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    static double[] coordinates(Variable c, String file) throws IOException {
        CfValueDecoding decoding = CfValueDecoding.of(c, file);
        Array a = c.read();
        double[] out = new double[(int) a.getSize()];
        for (int k = 0; k < out.length; k++) {
            out[k] = decoding.physical(a, a.getIndex().set0(k));
            if (Double.isNaN(out[k])) {
                throw new NetcdfInputException(file + ": coordinate variable '" + c.getFullName() + "': value " + k
                        + " is missing; expected a coordinate");
            }
        }
        return out;
    }
}
