package org.emulens.io.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick-look's pixels: a 2 x 2 degree field whose western half is missing, the south-east cell at
 * the colour range's minimum and the north-east cell at its maximum. Layout constants are read from the
 * class so the test checks the mapping from cells to pixels, not the margins.
 */
class QuickLookPngTest {
    private static final LatLonGrid GRID = LatLonGrid.regular(GeoBox.of(-10, 10, 20, 40), 10);

    private static GridField field() {
        // rows south to north: [NaN, 0], [NaN, 1]
        return GridField.of("sm", "m3 m-3", GRID, new float[] {Float.NaN, 0f, Float.NaN, 1f});
    }

    @Test
    void cellsTakeTheirColoursAndMissingCellsAreGrey() {
        BufferedImage img = QuickLookPng.of(field(), 0, "test").render();
        int mapLeft = 64;
        int mapTop = 48;
        int mapSize = 600; // a square box fills the map's full height
        int west = mapLeft + mapSize / 4;
        int east = mapLeft + 3 * mapSize / 4;
        int north = mapTop + mapSize / 4;
        int south = mapTop + 3 * mapSize / 4;
        assertEquals(QuickLookPng.NO_DATA.getRGB(), img.getRGB(west, north));
        assertEquals(QuickLookPng.NO_DATA.getRGB(), img.getRGB(west, south));
        assertEquals(0xFF000000 | 0x440154, img.getRGB(east, south), "minimum: the first viridis colour");
        assertEquals(0xFF000000 | 0xFDE725, img.getRGB(east, north), "maximum: the last viridis colour");
    }

    @Test
    void aFixedRangeChangesTheColours() {
        BufferedImage img = QuickLookPng.of(field(), 0, "test").withRange(0, 2).render();
        assertEquals(0xFF000000 | Viridis.rgb(0.5), img.getRGB(64 + 450, 48 + 150), "1 is the middle of 0..2");
    }

    @Test
    void thePngIsWrittenWithTitleAndColourBar(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("sm.png");
        QuickLookPng.of(field(), 0, "Soil moisture").write(png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(64 + 600 + 120, back.getWidth());
        assertEquals(48 + 600 + 44, back.getHeight());
        assertTrue(darkPixels(back, 64, 0, 600, 40) > 50, "a title is drawn above the map");
        assertTrue(darkPixels(back, 0, 48, 60, 600) > 100, "latitude labels are drawn left of the map");
    }

    @Test
    void aPixelNamesTheCellItShows() {
        // the 600 x 600 map of the 2 x 2 grid: each cell is a 300-pixel square, rows south to north
        assertEquals(3, QuickLookPng.cellAtPixel(GRID, 64 + 450, 48 + 150), "north-east");
        assertEquals(0, QuickLookPng.cellAtPixel(GRID, 64 + 150, 48 + 450), "south-west");
        assertEquals(1, QuickLookPng.cellAtPixel(GRID, 64 + 599, 48 + 599), "the last pixel, south-east");
        assertEquals(-1, QuickLookPng.cellAtPixel(GRID, 63, 48 + 10), "left of the map");
        assertEquals(-1, QuickLookPng.cellAtPixel(GRID, 64 + 600, 48 + 10), "right of the map");
        assertEquals(-1, QuickLookPng.cellAtPixel(GRID, 64 + 10, 48 + 600), "below the map");
    }

    @Test
    void everyPixelOfTheMapShowsTheColourOfTheCellItNames() {
        // 3 x 7 cells of 0.7 degrees: cell edges fall between pixels, where a rounding slip would show
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(0, 2.1, 0, 4.9), 0.7);
        float[] v = new float[grid.cellCount()];
        for (int c = 0; c < v.length; c++) {
            v[c] = c;
        }
        BufferedImage img = QuickLookPng.of(GridField.of("x", "1", grid, v), 0, "t").render();
        int checked = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int cell = QuickLookPng.cellAtPixel(grid, x, y);
                boolean frame = x == 64 || y == 48; // the map's black frame is drawn over its first row and column
                if (cell >= 0 && !frame) {
                    assertEquals(0xFF000000 | Viridis.rgb(cell / (v.length - 1.0)), img.getRGB(x, y),
                            "pixel " + x + ", " + y);
                    checked++;
                }
            }
        }
        assertEquals(719 * 308, checked, "the map is 720 pixels wide and 720 * 2.1 / 4.9 high, less the frame");
    }

    @Test
    void viridisEndsAreMatplotlibs() {
        assertEquals(0x440154, Viridis.rgb(0));
        assertEquals(0x21918C, Viridis.rgb(0.5));
        assertEquals(0xFDE725, Viridis.rgb(1));
    }

    @Test
    void ticksAreRoundNumbers() {
        assertEquals(java.util.List.of(-30.0, -15.0, 0.0, 15.0, 30.0), AxisTicks.degrees(-35, 38));
        assertEquals("20°S", AxisTicks.degreeLabel(-20, true));
        assertEquals("160°W", AxisTicks.degreeLabel(200, false));
        assertEquals(java.util.List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), AxisTicks.values(0, 1));
        assertEquals("0.25", AxisTicks.valueLabel(0.25, 0.05));
    }

    private static int darkPixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 100 && ((rgb >> 8) & 0xFF) < 100 && (rgb & 0xFF) < 100) {
                    n++;
                }
            }
        }
        return n;
    }
}
