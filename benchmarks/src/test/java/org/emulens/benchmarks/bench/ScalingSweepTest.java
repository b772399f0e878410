package org.emulens.benchmarks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.emulens.engine.BenchmarkShapes;
import org.emulens.engine.backend.TanhMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingSweepTest {

    @Test
    void memberCountsArePowersOfTenUpToTheLimit() {
        assertEquals(List.of(1000L, 10_000L, 100_000L), ScalingSweep.memberCounts(100_000));
        assertEquals(List.of(1000L, 10_000L, 25_000L), ScalingSweep.memberCounts(25_000));
        assertEquals(List.of(500L), ScalingSweep.memberCounts(500));
    }

    @Test
    void sweepWritesCsvAndPlot(@TempDir Path dir) throws Exception {
        ScalingSweep sweep = new ScalingSweep(BenchmarkShapes.shapeB(), TanhMode.FAST, 2, s -> { });
        List<ScalingSweep.Point> members = sweep.overMembers(10_000);
        List<ScalingSweep.Point> cells = sweep.overCells(1000, 20);
        assertEquals(2, members.size());
        assertEquals(List.of(1, 10, 20), cells.stream().map(ScalingSweep.Point::cells).toList());
        for (ScalingSweep.Point p : members) {
            assertEquals(1, p.cells());
            assertTrue(p.runs() >= 1 && p.seconds() > 0 && p.liveHeapMib() > 0, p.toString());
        }
        Path csv = dir.resolve("members.csv");
        ScalingSweep.writeCsv(csv, members);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("members_per_cell,cells,runs,seconds,members_per_s"), lines.get(0));
        assertTrue(lines.get(2).startsWith("10000,1,"), lines.get(2));
        Path png = dir.resolve("members.png");
        ScalingPlot.write(png, "test", "members per cell", members, ScalingSweep.Point::membersPerCell);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1040, img.getWidth());
        assertEquals(430, img.getHeight());
    }
}
