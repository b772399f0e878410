package org.emulens.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one day of ESA CCI soil moisture (NetCDF-4, 0.25°) over Africa (35°S–38°N, 18°W–52°E: 292 × 280
 * cells) with the CF conventions applied: open, read {@code sm} and {@code sm_uncertainty}, close. Scores are
 * milliseconds per file. The files are the shared test data, found at {@code -Demulens.shared.dir} or
 * {@code ../shared} from the working directory; the file stays in the page cache after the first read, so
 * this measures decoding, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class NetcdfReadBenchmark {
    static final GridRegion AFRICA = GridRegion.of(GeoBox.of(-35, 38, -18, 52));

    @Param({"ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc"})
    public String file;

    private Path path;

    @Setup
    public void setUp() {
        Path shared = Path.of(System.getProperty("emulens.shared.dir", "../shared"));
        path = shared.resolve("data/esa-cci-sm").resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no file " + path.toAbsolutePath() + ": run from the project root next to "
                    + "../shared, or pass -jvmArgsAppend -Demulens.shared.dir=DIR");
        }
    }

    @Benchmark
    public GridField[] readAfrica() {
        try (NetcdfGridFile f = NetcdfGridFile.open(path)) {
            return new GridField[] {f.read("sm", AFRICA), f.read("sm_uncertainty", AFRICA)};
        }
    }
}
