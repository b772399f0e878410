package org.emulens.io.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.emulens.io.AtomicFile;

/**
 * A corner plot of samples: the marginal histogram of each parameter on the diagonal and the pairwise
 * 2-D histograms (viridis, by count) below it, with a marker at an optional reference point (a known truth).
 * Deliberately plain: a quick look at a posterior, not a publication figure.
 */
public final class DensityPairsPng {
    private static final int PANEL = 220;
    private static final int MARGIN = 40;
    private static final int BINS = 40;

    private DensityPairsPng() {
    }

    /**
     * @param rows samples {@code [n][d]}
     * @param lower the plotted range of each parameter, low end
     * @param reference a point to mark, or null
     */
    public static void write(Path target, String title, List<String> names, double[][] rows, double[] lower,
            double[] upper, double[] reference) {
        BufferedImage img = render(title, names, rows, lower, upper, reference);
        AtomicFile.writeFile(target, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    static BufferedImage render(String title, List<String> names, double[][] rows, double[] lower, double[] upper,
            double[] reference) {
        int d = names.size();
        int size = 2 * MARGIN + d * PANEL;
        BufferedImage img = new BufferedImage(size, size + MARGIN / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, MARGIN, MARGIN / 2 + 4);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                int x0 = MARGIN + j * PANEL;
                int y0 = MARGIN + i * PANEL;
                int w = PANEL - 10;
                if (i == j) {
                    histogram(g, rows, i, lower[i], upper[i], x0, y0, w);
                } else {
                    pairs(g, rows, j, i, lower, upper, x0, y0, w);
                }
                g.setColor(Color.GRAY);
                g.drawRect(x0, y0, w, w);
                if (reference != null) {
                    g.setColor(Color.RED);
                    int rx = x0 + (int) Math.round((reference[j] - lower[j]) / (upper[j] - lower[j]) * w);
                    if (i == j) {
                        g.drawLine(rx, y0, rx, y0 + w);
                    } else {
                        int ry = y0 + w - (int) Math.round((reference[i] - lower[i]) / (upper[i] - lower[i]) * w);
                        g.drawOval(rx - 4, ry - 4, 8, 8);
                    }
                }
                if (i == d - 1) {
                    g.setColor(Color.BLACK);
                    g.drawString(String.format(Locale.ROOT, "%s [%.3g, %.3g]", names.get(j), lower[j], upper[j]),
                            x0, y0 + w + 14);
                }
            }
        }
        g.dispose();
        return img;
    }

    private static int bin(double v, double lo, double hi) {
        int b = (int) Math.floor((v - lo) / (hi - lo) * BINS);
        return b < 0 || b >= BINS ? (v == hi ? BINS - 1 : -1) : b;
    }

    private static void histogram(Graphics2D g, double[][] rows, int p, double lo, double hi, int x0, int y0, int w) {
        long[] counts = new long[BINS];
        long max = 1;
        for (double[] r : rows) {
            int b = bin(r[p], lo, hi);
            if (b >= 0) {
                max = Math.max(max, ++counts[b]);
            }
        }
        g.setColor(new Color(Viridis.rgb(0.3)));
        for (int b = 0; b < BINS; b++) {
            int h = (int) Math.round((double) counts[b] / max * (w - 4));
            int xa = x0 + b * w / BINS;
            int xb = x0 + (b + 1) * w / BINS;
            g.fillRect(xa, y0 + w - h, Math.max(1, xb - xa), h);
        }
    }

    private static void pairs(Graphics2D g, double[][] rows, int px, int py, double[] lower, double[] upper,
            int x0, int y0, int w) {
        long[][] counts = new long[BINS][BINS];
        long max = 1;
        for (double[] r : rows) {
            int bx = bin(r[px], lower[px], upper[px]);
            int by = bin(r[py], lower[py], upper[py]);
            if (bx >= 0 && by >= 0) {
                max = Math.max(max, ++counts[bx][by]);
            }
        }
        for (int bx = 0; bx < BINS; bx++) {
            for (int by = 0; by < BINS; by++) {
                if (counts[bx][by] == 0) {
                    continue;
                }
                g.setColor(new Color(Viridis.rgb((double) counts[bx][by] / max)));
                int xa = x0 + bx * w / BINS;
                int xb = x0 + (bx + 1) * w / BINS;
                int ya = y0 + w - (by + 1) * w / BINS;
                int yb = y0 + w - by * w / BINS;
                g.fillRect(xa, ya, Math.max(1, xb - xa), Math.max(1, yb - ya));
            }
        }
    }
}
