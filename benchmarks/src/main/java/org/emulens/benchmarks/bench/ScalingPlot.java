package org.emulens.benchmarks.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A PNG of a {@link ScalingSweep}: two panels side by side over the same logarithmic x axis, the rate on the
 * left and memory on the right (live heap and resident set), with axis labels, decade ticks and a legend.
 * Drawn with Java2D in headless mode.
 */
public final class ScalingPlot {
    private static final int PANEL_W = 520;
    private static final int PANEL_H = 400;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color RATE = new Color(0x1f, 0x77, 0xb4);
    private static final Color HEAP = new Color(0xd6, 0x27, 0x28);
    private static final Color RSS = new Color(0x2c, 0xa0, 0x2c);

    private ScalingPlot() {
    }

    /**
     * Writes the plot of {@code points} to {@code png}; {@code x} picks the x value of a point and
     * {@code xLabel} names it.
     */
    public static void write(Path png, String title, String xLabel, List<ScalingSweep.Point> points,
            ToDoubleFunction<ScalingSweep.Point> x) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage img = new BufferedImage(2 * PANEL_W, PANEL_H + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (img.getWidth() - fm.stringWidth(title)) / 2, 22);
            double[] xs = points.stream().mapToDouble(x).toArray();
            List<Series> rate = List.of(new Series("members/s", RATE, points.stream()
                    .mapToDouble(ScalingSweep.Point::rate).toArray()));
            List<Series> memory = List.of(
                    new Series("resident set (VmRSS)", RSS, points.stream()
                            .mapToDouble(ScalingSweep.Point::residentMib).toArray()),
                    new Series("live heap after GC", HEAP, points.stream()
                            .mapToDouble(ScalingSweep.Point::liveHeapMib).toArray()));
            panel(g, 0, 30, xs, xLabel, "members per second", rate, true);
            panel(g, PANEL_W, 30, xs, xLabel, "memory (MiB)", memory, false);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + png + ": " + ex.getMessage(), ex);
        }
    }

    private record Series(String name, Color color, double[] y) {
    }

    private static void panel(Graphics2D g, int ox, int oy, double[] xs, String xLabel, String yLabel,
            List<Series> series, boolean millions) {
        int x0 = ox + LEFT;
        int x1 = ox + PANEL_W - RIGHT;
        int y0 = oy + PANEL_H - BOTTOM;
        int y1 = oy + TOP;
        double lx0 = Math.floor(Math.log10(min(xs)));
        double lx1 = Math.ceil(Math.log10(max(xs)));
        if (lx1 == lx0) {
            lx1 = lx0 + 1;
        }
        double ymax = 0;
        for (Series s : series) {
            for (double v : s.y) {
                if (Double.isFinite(v)) {
                    ymax = Math.max(ymax, v);
                }
            }
        }
        double step = niceStep(ymax > 0 ? ymax * 1.1 : 1);
        double ytop = Math.ceil((ymax > 0 ? ymax * 1.05 : 1) / step) * step;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        // Grid and ticks.
        g.setStroke(new BasicStroke(1f));
        for (double t = 0; t <= ytop + step * 1e-9; t += step) {
            int py = (int) Math.round(y0 - (y0 - y1) * t / ytop);
            g.setColor(new Color(0xe6, 0xe6, 0xe6));
            g.drawLine(x0, py, x1, py);
            g.setColor(Color.BLACK);
            g.drawLine(x0 - 4, py, x0, py);
            String label = millions ? tickLabel(t / 1e6, step / 1e6) + " M" : tickLabel(t, step);
            g.drawString(label, x0 - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
        }
        for (double d = lx0; d <= lx1; d++) {
            int px = (int) Math.round(x0 + (x1 - x0) * (d - lx0) / (lx1 - lx0));
            g.setColor(new Color(0xe6, 0xe6, 0xe6));
            g.drawLine(px, y0, px, y1);
            g.setColor(Color.BLACK);
            g.drawLine(px, y0, px, y0 + 4);
            drawPower(g, "10", Integer.toString((int) d), px, y0 + 6 + fm.getAscent());
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y1, x1 - x0, y0 - y1);
        g.drawString(xLabel, (x0 + x1 - fm.stringWidth(xLabel)) / 2, y0 + 42);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(y0 + y1 + fm.stringWidth(yLabel)) / 2, ox + 18);
        g.setTransform(saved);
        // Data.
        g.setStroke(new BasicStroke(2f));
        int legendY = y1 + 16;
        for (Series s : series) {
            List<int[]> pts = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(s.y[i]) && xs[i] > 0) {
                    int px = (int) Math.round(x0 + (x1 - x0) * (Math.log10(xs[i]) - lx0) / (lx1 - lx0));
                    int py = (int) Math.round(y0 - (y0 - y1) * s.y[i] / ytop);
                    pts.add(new int[] {px, py});
                }
            }
            g.setColor(s.color);
            for (int i = 1; i < pts.size(); i++) {
                g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
            }
            for (int[] p : pts) {
                g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
            }
            if (series.size() > 1) {
                g.fillRect(x0 + 10, legendY - 8, 14, 8);
                g.setColor(Color.BLACK);
                g.drawString(s.name, x0 + 30, legendY);
                legendY += 16;
            }
        }
    }

    /** "10" with a raised exponent. */
    private static void drawPower(Graphics2D g, String base, String exponent, int centreX, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        Font normal = g.getFont();
        Font small = normal.deriveFont(normal.getSize2D() * 0.75f);
        int w = fm.stringWidth(base) + g.getFontMetrics(small).stringWidth(exponent);
        int x = centreX - w / 2;
        g.drawString(base, x, baseline);
        g.setFont(small);
        g.drawString(exponent, x + fm.stringWidth(base), baseline - fm.getAscent() / 2);
        g.setFont(normal);
    }

    private static double niceStep(double range) {
        double raw = range / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
    }

    private static String tickLabel(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            if (d > 0) {
                m = Math.min(m, d);
            }
        }
        return m == Double.POSITIVE_INFINITY ? 1 : m;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m <= 0 ? 10 : m;
    }
}
