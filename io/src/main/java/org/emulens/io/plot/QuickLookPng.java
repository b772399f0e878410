package org.emulens.io.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.emulens.io.AtomicFile;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;

/**
 * A quick-look PNG of one time step of a lat/lon field, for {@code --plot}: the field in the viridis
 * colour map on an equirectangular map (north up), cells without a value in neutral grey, latitude and
 * longitude ticks, a title, and a colour bar labelled with the field's units. Drawn with java.awt in
 * headless mode, so it works on a server without a display. Immutable; made with {@link #of}.
 */
public final class QuickLookPng {
    /** Neutral grey for cells without a value: no colour of the map, and light enough not to read as data. */
    static final Color NO_DATA = new Color(0xBDBDBD);

    private static final int MAP_MAX_WIDTH = 720;
    private static final int MAP_MAX_HEIGHT = 600;
    private static final int LEFT = 64;
    private static final int TOP = 48;
    private static final int BOTTOM = 44;
    private static final int RIGHT = 120;
    private static final int BAR_WIDTH = 18;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final GridField field;
    private final int timeIndex;
    private final String title;
    private final double min;
    private final double max;

    private QuickLookPng(GridField field, int timeIndex, String title, double min, double max) {
        this.field = field;
        this.timeIndex = timeIndex;
        this.title = title;
        this.min = min;
        this.max = max;
    }

    /** Time step {@code timeIndex} of {@code field}, coloured from its smallest to its largest value. */
    public static QuickLookPng of(GridField field, int timeIndex, String title) {
        Objects.checkIndex(timeIndex, field.timeCount());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : field.slice(timeIndex)) {
            if (!Float.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        return new QuickLookPng(field, timeIndex, Objects.requireNonNull(title, "title"), lo, hi);
    }

    /** The same picture with the colour range fixed, e.g. 0..0.5 m3 m-3 to compare several maps. */
    public QuickLookPng withRange(double lo, double hi) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("colour range: expected lo < hi, found " + lo + ", " + hi);
        }
        return new QuickLookPng(field, timeIndex, title, lo, hi);
    }

    /** Writes the PNG through a temporary file renamed into place. */
    public void write(Path target) {
        BufferedImage image = render();
        AtomicFile.writeFile(target, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    /** The picture, for tests and for callers that embed it elsewhere. */
    public BufferedImage render() {
        Layout l = Layout.of(field.grid());
        int mapW = l.mapW;
        int mapH = l.mapH;
        int width = LEFT + mapW + RIGHT;
        int height = TOP + mapH + BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = image.createGraphics();
        try {
            gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gr.setColor(Color.WHITE);
            gr.fillRect(0, 0, width, height);
            drawCells(image, mapW, mapH, l.west, l.east, l.south, l.north);
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            gr.setFont(font);
            drawAxes(gr, mapW, mapH, l.west, l.east, l.south, l.north);
            drawColourBar(gr, mapW, mapH);
            gr.setFont(font.deriveFont(Font.BOLD, 15f));
            FontMetrics fm = gr.getFontMetrics();
            gr.setColor(Color.BLACK);
            gr.drawString(title, LEFT + Math.max(0, (mapW - fm.stringWidth(title)) / 2), TOP - 16);
        } finally {
            gr.dispose();
        }
        return image;
    }

    /**
     * The cell that the picture of any field on {@code grid} shows at pixel {@code (x, y)}, as
     * {@code row * grid.lonCount() + column} with rows from south to north (the order of
     * {@link GridField#slice}), or -1 where the pixel lies outside the map: what makes a quick-look
     * clickable. Every field on one grid has the same layout, so this needs the grid only.
     */
    public static int cellAtPixel(LatLonGrid grid, int x, int y) {
        Layout l = Layout.of(grid);
        int mx = x - LEFT;
        int my = y - TOP;
        if (mx < 0 || my < 0 || mx >= l.mapW || my >= l.mapH) {
            return -1;
        }
        int col = cellAt(grid, false, l.west + (mx + 0.5) / l.mapW * (l.east - l.west));
        int row = cellAt(grid, true, l.north - (my + 0.5) / l.mapH * (l.north - l.south));
        return row < 0 || col < 0 ? -1 : row * grid.lonCount() + col;
    }

    /** Where the map lies in the picture: the same for every field on a grid. */
    private record Layout(int mapW, int mapH, double west, double east, double south, double north) {
        static Layout of(LatLonGrid g) {
            double west = g.lonEdge(0);
            double east = g.lonEdge(g.lonCount());
            double south = g.latEdge(0);
            double north = g.latEdge(g.latCount());
            double aspect = (north - south) / (east - west);
            int mapW = MAP_MAX_WIDTH;
            int mapH = (int) Math.round(mapW * aspect);
            if (mapH > MAP_MAX_HEIGHT) {
                mapH = MAP_MAX_HEIGHT;
                mapW = (int) Math.round(mapH / aspect);
            }
            mapH = Math.max(mapH, 40);
            return new Layout(mapW, mapH, west, east, south, north);
        }
    }

    /** Each map pixel takes the cell under its centre: any grid size fits the picture. */
    private void drawCells(BufferedImage image, int mapW, int mapH, double west, double east, double south,
            double north) {
        LatLonGrid g = field.grid();
        float[] v = field.slice(timeIndex);
        int[] col = new int[mapW];
        for (int x = 0; x < mapW; x++) {
            col[x] = cellAt(g, false, west + (x + 0.5) / mapW * (east - west));
        }
        for (int y = 0; y < mapH; y++) {
            int row = cellAt(g, true, north - (y + 0.5) / mapH * (north - south));
            for (int x = 0; x < mapW; x++) {
                float value = row < 0 || col[x] < 0 ? Float.NaN : v[row * g.lonCount() + col[x]];
                int rgb = Float.isNaN(value) ? NO_DATA.getRGB() : Viridis.rgb((value - min) / (max - min));
                image.setRGB(LEFT + x, TOP + y, rgb);
            }
        }
    }

    private static int cellAt(LatLonGrid g, boolean latitude, double x) {
        int n = latitude ? g.latCount() : g.lonCount();
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if ((latitude ? g.latEdge(mid) : g.lonEdge(mid)) <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static void drawAxes(Graphics2D gr, int mapW, int mapH, double west, double east, double south,
            double north) {
        gr.setColor(Color.BLACK);
        gr.setStroke(new BasicStroke(1f));
        gr.drawRect(LEFT, TOP, mapW, mapH);
        FontMetrics fm = gr.getFontMetrics();
        for (double lon : AxisTicks.degrees(west, east)) {
            int x = LEFT + (int) Math.round((lon - west) / (east - west) * mapW);
            gr.drawLine(x, TOP + mapH, x, TOP + mapH + 5);
            String label = AxisTicks.degreeLabel(lon, false);
            gr.drawString(label, x - fm.stringWidth(label) / 2, TOP + mapH + 7 + fm.getAscent());
        }
        for (double lat : AxisTicks.degrees(south, north)) {
            int y = TOP + (int) Math.round((north - lat) / (north - south) * mapH);
            gr.drawLine(LEFT - 5, y, LEFT, y);
            String label = AxisTicks.degreeLabel(lat, true);
            gr.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
    }

    private void drawColourBar(Graphics2D gr, int mapW, int mapH) {
        int x0 = LEFT + mapW + 20;
        int barH = Math.max(40, mapH - 40);
        for (int y = 0; y < barH; y++) {
            gr.setColor(new Color(Viridis.rgb(1 - (y + 0.5) / barH)));
            gr.drawLine(x0, TOP + y, x0 + BAR_WIDTH, TOP + y);
        }
        gr.setColor(Color.BLACK);
        gr.drawRect(x0, TOP, BAR_WIDTH, barH);
        FontMetrics fm = gr.getFontMetrics();
        List<Double> ticks = AxisTicks.values(min, max);
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : max - min;
        for (double t : ticks) {
            int y = TOP + (int) Math.round((max - t) / (max - min) * barH);
            gr.drawLine(x0 + BAR_WIDTH, y, x0 + BAR_WIDTH + 4, y);
            gr.drawString(AxisTicks.valueLabel(t, step), x0 + BAR_WIDTH + 7, y + fm.getAscent() / 2 - 1);
        }
        String units = field.units().isEmpty() ? field.name() : field.units();
        gr.drawString(units, x0, TOP - 6);
        int boxY = TOP + barH + 12;
        gr.setColor(NO_DATA);
        gr.fillRect(x0, boxY, BAR_WIDTH, 12);
        gr.setColor(Color.BLACK);
        gr.drawRect(x0, boxY, BAR_WIDTH, 12);
        gr.drawString("no data", x0 + BAR_WIDTH + 7, boxY + 11);
    }
}
