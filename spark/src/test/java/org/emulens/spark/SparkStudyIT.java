package org.emulens.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.io.study.StudyFile;
import org.emulens.io.study.StudyRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * The demo study (the beta emulator over the ESA CCI soil moisture of two days, on a Sahel sub-region so
 * that it takes seconds) run through Spark in local mode, against the same study run by
 * {@link StudyRunner} on this machine. Both evaluate on the CPU backend, since equality is promised for
 * one backend.
 */
class SparkStudyIT {
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();
    private static final Path PROJECT = Path.of(System.getProperty("emulens.project.dir", "..")).toAbsolutePath()
            .normalize();

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        // Two cores; a task may fail up to 3 times (local mode retries nothing unless told).
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("SparkStudyIT")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stopSpark() {
        sc.close();
        ExecutorStudy.closeAll();
    }

    /** The demo study's settings (examples/beta-africa.yaml) on a small box and two days. */
    private static Path study(Path dir, String output) throws IOException {
        return study(dir, output, 2000);
    }

    private static Path study(Path dir, String output, long members) throws IOException {
        Path f = dir.resolve(output.replace(".nc", ".yaml"));
        Files.writeString(f, "name: beta-sahel\nmodel: " + PROJECT.resolve("models/beta.onnx") + "\nregion: {lat: [10, 16], lon: [-2, 6]}\n"
                + "inputs:\n"
                + "  theta:\n    product: esa-cci-sm\n    files: " + SHARED.resolve("data/esa-cci-sm")
                + "/ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-2016122[78]*.nc\n"
                + "    error: {shape: truncated-gaussian, bounds: [0, 0.6]}\n"
                + "  theta_wilt: {value: 0.10, error: {shape: gaussian, sd: 0.01}}\n"
                + "  theta_crit: {value: 0.30}\n"
                + "members: " + members + "\nseed: 20161227\nbackend: cpu\ntanh: fast\n"
                + "statistics: {quantiles: [0.05, 0.5, 0.95], exceedance: [0.5]}\n"
                + "output: " + output + "\nplot: false\n");
        return f;
    }

    private static Map<String, float[]> singleMachine(Path studyFile) {
        Emulator model = ModelFiles.read(StudyFile.modelPath(studyFile));
        try (Backend cpu = Backends.open("cpu", new BackendOptions(2, 0))) {
            StudyRunner.Result r = new StudyRunner(StudyFile.read(studyFile, model), model, cpu, "test").run(false,
                    null);
            return variables(r.output());
        }
    }

    private static Map<String, float[]> spark(SparkStudyRunner runner, Path studyFile) {
        return variables(runner.run(sc, studyFile, "test").output());
    }

    /** Every float variable of a NetCDF file, whatever its shape, flattened. */
    private static Map<String, float[]> variables(Path nc) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NetcdfFile f = NetcdfFile.open(nc.toString())) {
            for (Variable v : f.getVariables()) {
                if (v.getDataType() == ucar.ma2.DataType.FLOAT) {
                    out.put(v.getShortName(), (float[]) v.read().copyTo1DJavaArray());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(nc + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void assertBitIdentical(Map<String, float[]> want, Map<String, float[]> got) {
        assertEquals(want.keySet(), got.keySet());
        for (String name : want.keySet()) {
            assertArrayEquals(bits(want.get(name)), bits(got.get(name)), name + ": not bit-identical");
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    private static long finiteValues(float[] v) {
        long n = 0;
        for (float x : v) {
            n += Float.isFinite(x) ? 1 : 0;
        }
        return n;
    }

    @Test
    void sparkGivesTheSingleMachineResultBitForBitEvenAfterATaskFails(@TempDir Path dir) throws IOException {
        Map<String, float[]> want = singleMachine(study(dir, "single.nc"));
        assertTrue(want.containsKey("beta_mean") && finiteValues(want.get("beta_mean")) > 100,
                "the sub-region must have a good number of land cells to compare");

        // 37 cells per task: blocks that do not line up with the single-machine run's chunks of 512.
        assertBitIdentical(want, spark(new SparkStudyRunner(37, 0), study(dir, "spark.nc")));
        // Task 3 computes its partial, then fails; its retry recomputes the same partial, counted once.
        assertBitIdentical(want, spark(new SparkStudyRunner(37, 0).failingFirstAttemptOf(3),
                study(dir, "retried.nc")));
        // One task per step: other chunkings of the cells merge to the same output too.
        assertBitIdentical(want, spark(new SparkStudyRunner(100_000, 0), study(dir, "whole.nc")));
    }

    @Test
    void memberBlocksMergeToTheSameDistribution(@TempDir Path dir) throws IOException {
        Map<String, float[]> want = singleMachine(study(dir, "single.nc", 1000));
        // Member blocks of 300 and 700 (neither divides 1000), and a failed first attempt.
        Map<String, float[]> by300 = spark(new SparkStudyRunner(256, 300).failingFirstAttemptOf(5),
                study(dir, "by300.nc", 1000));
        Map<String, float[]> by700 = spark(new SparkStudyRunner(400, 700), study(dir, "by700.nc", 1000));
        for (Map<String, float[]> got : java.util.List.of(by300, by700)) {
            assertEquals(want.keySet(), got.keySet());
            for (String name : want.keySet()) {
                float[] w = want.get(name);
                float[] g = got.get(name);
                if (name.endsWith("_mean") || name.endsWith("_sd")) {
                    // Pébay's pairwise merge of blocks versus one member at a time: the doubles differ in
                    // the last few places, far below a float's; allow the float rounding to fall either way.
                    for (int i = 0; i < w.length; i++) {
                        if (Float.isNaN(w[i])) {
                            assertTrue(Float.isNaN(g[i]), name + "[" + i + "]: fill must stay fill");
                        } else {
                            assertEquals(w[i], g[i], Math.ulp(w[i]), name + "[" + i + "]");
                        }
                    }
                } else {
                    // Percentiles and exceedance merge integer counts: exact for any blocks.
                    assertArrayEquals(bits(w), bits(g), name + ": not bit-identical");
                }
            }
        }
    }

    @Test
    void aStudyFolderOnAHadoopPathIsFetchedAndItsOutputCopiedBack(@TempDir Path dir) throws IOException {
        // A self-contained study folder, named by a file:// URI: the path Spark and Hadoop take for
        // hdfs:// or s3a:// too (fetch the folder to every node, copy the output to the target URI).
        Path folder = Files.createDirectories(dir.resolve("beta-study"));
        Files.copy(PROJECT.resolve("models/beta.onnx"), folder.resolve("beta.onnx"));
        Files.copy(PROJECT.resolve("models/beta.yaml"), folder.resolve("beta.yaml"));
        String day = "ESACCI-SOILMOISTURE-L3S-SSMV-PASSIVE-20161227000000-fv04.2.nc";
        Files.copy(SHARED.resolve("data/esa-cci-sm/" + day), Files.createDirectories(folder.resolve("data"))
                .resolve(day));
        Path studyFile = folder.resolve("study.yaml");
        Files.writeString(studyFile, "model: beta.onnx\nregion: {lat: [10, 16], lon: [-2, 6]}\ninputs:\n"
                + "  theta: {product: esa-cci-sm, files: data/" + day + ", error: {shape: gaussian}}\n"
                + "  theta_wilt: {value: 0.10, error: {shape: gaussian, sd: 0.01}}\n  theta_crit: {value: 0.30}\n"
                + "members: 500\nseed: 3\nbackend: cpu\nstatistics: {quantiles: [0.5]}\noutput: out/result.nc\n");
        Map<String, float[]> want = singleMachine(studyFile);
        Path target = dir.resolve("elsewhere/result.nc");
        new SparkStudyRunner(50, 0).run(sc, studyFile.toUri().toString(), target.toUri(), "test");
        assertBitIdentical(want, variables(target));
    }
}
