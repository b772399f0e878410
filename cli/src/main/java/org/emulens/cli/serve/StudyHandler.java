package org.emulens.cli.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.plot.QuickLookPng;

/**
 * The study page's routes: {@code GET /} the page, {@code GET /api/study} the quantities, maps and time
 * steps of the output, {@code GET /api/map.png?map=ID&t=T} one map as a PNG quick-look, and
 * {@code GET /api/cell?t=T&x=X&y=Y} (a pixel of that picture) or {@code ?t=T&lat=..&lon=..} the
 * statistics of one cell, read from the file.
 */
final class StudyHandler {
    private final StudyOutput study;

    StudyHandler(StudyOutput study) {
        this.study = study;
    }

    void register(WebServer server) {
        server.resource("/", "study.html", "text/html; charset=utf-8")
                .resource("/study.js", "study.js", "text/javascript; charset=utf-8")
                .resource("/serve.css", "serve.css", "text/css; charset=utf-8")
                .route("GET", "/api/study", this::describe)
                .route("GET", "/api/map.png", this::map)
                .route("GET", "/api/cell", this::cell);
    }

    private WebServer.Reply describe(WebServer.Request r) {
        allowOnly(r.query(), Set.of());
        List<String> maps = new ArrayList<>();
        for (StudyOutput.MapField m : study.maps()) {
            maps.add(Json.object().put("id", m.id()).put("label", m.label()).toString());
        }
        List<String> times = new ArrayList<>();
        for (var t : study.times()) {
            times.add(Json.quote(t.toString()));
        }
        LatLonGrid g = study.grid();
        Json.ObjectWriter grid = Json.object().put("latCount", g.latCount()).put("lonCount", g.lonCount())
                .put("south", g.latEdge(0)).put("north", g.latEdge(g.latCount()))
                .put("west", g.lonEdge(0)).put("east", g.lonEdge(g.lonCount()));
        return WebServer.Reply.json(Json.object().put("file", study.path().getFileName().toString())
                .raw("maps", Json.array(maps)).raw("times", Json.array(times)).put("steps", study.steps())
                .put("grid", grid).toString());
    }

    private WebServer.Reply map(WebServer.Request r) {
        allowOnly(r.query(), Set.of("map", "t"));
        String id = required(r.query(), "map");
        StudyOutput.MapField m = study.map(id);
        if (m == null) {
            throw new BadRequestException("map: unknown map \"" + WebServer.shorten(id) + "\"; expected one of "
                    + study.maps().stream().map(StudyOutput.MapField::id).toList());
        }
        int t = step(r.query());
        return new WebServer.Reply(200, "image/png", study.png(m, t));
    }

    private WebServer.Reply cell(WebServer.Request r) {
        Map<String, String> q = r.query();
        allowOnly(q, Set.of("t", "x", "y", "lat", "lon"));
        int t = step(q);
        LatLonGrid g = study.grid();
        int cell;
        if (q.containsKey("x") || q.containsKey("y")) {
            if (q.containsKey("lat") || q.containsKey("lon")) {
                throw new BadRequestException("query: expected either x and y (a pixel of the map) or lat and lon, "
                        + "found both");
            }
            int x = (int) whole(q, "x", 0, 100_000);
            int y = (int) whole(q, "y", 0, 100_000);
            cell = QuickLookPng.cellAtPixel(g, x, y);
            if (cell < 0) {
                throw new BadRequestException("x, y: pixel (" + x + ", " + y + ") lies outside the map area");
            }
        } else {
            double lat = decimal(q, "lat", -90, 90);
            double lon = decimal(q, "lon", -360, 360);
            int i = index(g, true, lat);
            int j = index(g, false, lon);
            if (i < 0 || j < 0) {
                throw new BadRequestException("lat, lon: (" + lat + ", " + lon + ") lies outside the output's grid, "
                        + "lat " + g.latEdge(0) + " to " + g.latEdge(g.latCount()) + ", lon " + g.lonEdge(0) + " to "
                        + g.lonEdge(g.lonCount()));
            }
            cell = i * g.lonCount() + j;
        }
        int i = cell / g.lonCount();
        int j = cell % g.lonCount();
        List<String> quantities = new ArrayList<>();
        boolean any = false;
        for (StudyOutput.CellValues v : study.cell(cell, t)) {
            any |= !Double.isNaN(v.mean());
            List<String> p = new ArrayList<>();
            for (int k = 0; k < v.percentiles().length; k++) {
                p.add(Json.object().put("level", v.quantity().percentiles()[k]).put("value", v.percentiles()[k])
                        .toString());
            }
            List<String> e = new ArrayList<>();
            for (int k = 0; k < v.exceedance().length; k++) {
                e.add(Json.object().put("threshold", v.quantity().thresholds()[k])
                        .put("probability", v.exceedance()[k]).toString());
            }
            quantities.add(Json.object().put("name", v.quantity().name()).put("units", v.quantity().units())
                    .put("mean", v.mean()).put("sd", v.sd()).raw("percentiles", Json.array(p))
                    .raw("exceedance", Json.array(e)).toString());
        }
        return WebServer.Reply.json(Json.object().put("t", t)
                .put("time", study.times().isEmpty() ? null : study.times().get(t).toString())
                .put("row", i).put("column", j).put("lat", g.lat(i)).put("lon", g.lon(j)).put("hasData", any)
                .raw("quantities", Json.array(quantities)).toString());
    }

    /** The row (or column) whose edges hold {@code x}, or -1 outside the grid. */
    private static int index(LatLonGrid g, boolean latitude, double x) {
        int n = latitude ? g.latCount() : g.lonCount();
        for (int k = 0; k < n; k++) {
            double lo = latitude ? g.latEdge(k) : g.lonEdge(k);
            double hi = latitude ? g.latEdge(k + 1) : g.lonEdge(k + 1);
            if (x >= lo && (x < hi || (k == n - 1 && x == hi))) {
                return k;
            }
        }
        return -1;
    }

    private int step(Map<String, String> q) {
        return q.containsKey("t") ? (int) whole(q, "t", 0, study.steps() - 1) : 0;
    }

    private static void allowOnly(Map<String, String> q, Set<String> names) {
        for (String name : q.keySet()) {
            if (!names.contains(name)) {
                throw new BadRequestException("query: unknown parameter \"" + WebServer.shorten(name) + "\"; expected "
                        + (names.isEmpty() ? "none" : "only " + names.stream().sorted().toList()));
            }
        }
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null) {
            throw new BadRequestException("query: parameter \"" + name + "\" is missing");
        }
        return v;
    }

    private static long whole(Map<String, String> q, String name, long min, long max) {
        String v = required(q, name);
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ex) {
            // reported below, with the range
        }
        throw new BadRequestException(name + ": expected a whole number from " + min + " to " + max + ", found \""
                + WebServer.shorten(v) + "\"");
    }

    private static double decimal(Map<String, String> q, String name, double min, double max) {
        String v = required(q, name);
        try {
            // only plain decimals: Double.parseDouble would also take "NaN", "Infinity" and hex
            if (v.matches("-?[0-9]+(\\.[0-9]+)?")) {
                double x = Double.parseDouble(v);
                if (x >= min && x <= max) {
                    return x;
                }
            }
        } catch (NumberFormatException ex) {
            // reported below, with the range
        }
        throw new BadRequestException(name + ": expected a decimal number from " + min + " to " + max + ", found \""
                + WebServer.shorten(v) + "\"");
    }
}
