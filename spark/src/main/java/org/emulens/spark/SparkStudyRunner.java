package org.emulens.spark;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.io.study.ClusterStudyRunner;
import org.emulens.io.study.Study;
import org.emulens.io.study.StudyConfigException;
import org.emulens.io.study.StudyFile;
import org.emulens.io.study.StudyRunner;
import scala.Tuple2;

/**
 * Runs a study on Apache Spark. The study is split into tasks of (cell block x member block); each task
 * computes its block's partial statistics on its executor's backend ({@link ExecutorStudy}); the partials
 * of each cell block are grouped on one executor and merged there in member-block order
 * ({@link CanonicalMerge}) into the cell block's output values, which the driver places on the grid and
 * writes exactly as {@link StudyRunner} does.
 *
 * <h2>What equals what</h2>
 * <ul>
 *   <li>The output is a pure function of the study, the backend and {@code membersPerBlock}: the number of
 *       executors, cores, partitions, the order tasks finish in, and retried or speculative tasks change
 *       no bit of it.</li>
 *   <li>With one member block per cell ({@code membersPerBlock} 0, the default, or at least the study's
 *       member count) each cell folds its members in the same fixed blocks, in the same order, as
 *       {@link StudyRunner} does,
 *       so the output variables are bit-identical to a single-machine run on the same backend, for any
 *       {@code cellsPerBlock}.</li>
 *   <li>With several member blocks, counts are merged exactly (quantile sketch buckets, exceedance
 *       counts, so percentiles and exceedance probabilities are bit-identical), while the mean and standard
 *       deviation come from Pébay's pairwise merge of the blocks' moments and agree with the single-machine
 *       values to a few units in the last place of a double, which the float output usually hides.</li>
 * </ul>
 */
public final class SparkStudyRunner implements ClusterStudyRunner {
    /** Cells per task: a few seconds of work at 10^4 members per cell on one core. */
    public static final int DEFAULT_CELLS_PER_BLOCK = 256;

    private final int cellsPerBlock;
    private final long membersPerBlock;
    private final int failFirstAttemptOfTask;

    /** The defaults: {@link #DEFAULT_CELLS_PER_BLOCK} cells and all members of a cell per task. */
    public SparkStudyRunner() {
        this(DEFAULT_CELLS_PER_BLOCK, 0);
    }

    /**
     * @param cellsPerBlock   cells per task, at least 1
     * @param membersPerBlock members per task, 0 for all of a cell's members (the single-machine result bit
     *                        for bit); smaller blocks spread few cells with many members over more tasks
     */
    public SparkStudyRunner(int cellsPerBlock, long membersPerBlock) {
        this(cellsPerBlock, membersPerBlock, -1);
    }

    private SparkStudyRunner(int cellsPerBlock, long membersPerBlock, int failFirstAttemptOfTask) {
        if (cellsPerBlock < 1 || membersPerBlock < 0) {
            throw new IllegalArgumentException("cells per block must be >= 1 and members per block >= 0, found "
                    + cellsPerBlock + " and " + membersPerBlock);
        }
        this.cellsPerBlock = cellsPerBlock;
        this.membersPerBlock = membersPerBlock;
        this.failFirstAttemptOfTask = failFirstAttemptOfTask;
    }

    /**
     * For tests of recovery: the same runner, whose task number {@code task} computes its partial and then
     * fails on its first attempt, as if its executor were lost before reporting.
     */
    SparkStudyRunner failingFirstAttemptOf(int task) {
        return new SparkStudyRunner(cellsPerBlock, membersPerBlock, task);
    }

    @Override
    public String name() {
        return "Apache Spark";
    }

    /**
     * Starts a Spark context for {@code master} (null: the one spark-submit sets), runs the study and stops
     * the context.
     */
    @Override
    public StudyRunner.Result run(String study, String master, String commandLine) {
        return run(study, master, null, commandLine);
    }

    /**
     * As {@link #run(String, String, String)}, copying the output to {@code outputUri} (any Hadoop-compatible
     * URI; null: where the study says, or for a study fetched from a URI, the same place in its folder).
     */
    public StudyRunner.Result run(String study, String master, URI outputUri, String commandLine) {
        SparkConf conf = new SparkConf().setAppName("emulens " + study.substring(study.lastIndexOf('/') + 1));
        if (master != null) {
            conf.setMaster(master);
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            // Spark's progress lines would drown the command line's own; warnings and errors still show.
            sc.setLogLevel("WARN");
            return run(sc, study, outputUri, commandLine);
        } finally {
            ExecutorStudy.closeAll();
        }
    }

    /** Runs the study file {@code studyFile}, which every node sees, on an existing Spark context. */
    public StudyRunner.Result run(JavaSparkContext sc, Path studyFile, String commandLine) {
        return run(sc, studyFile.toString(), null, commandLine);
    }

    /**
     * Runs {@code studyFileOrUri} (a path every node sees, or the URI of a study file in a self-contained folder,
     * see {@link StudyLocation}) on an existing Spark context, and copies the output to {@code outputUri}
     * when given.
     */
    public StudyRunner.Result run(JavaSparkContext sc, String studyFileOrUri, URI outputUri, String commandLine) {
        long start = System.nanoTime();
        StudyLocation location = StudyLocation.of(sc, studyFileOrUri);
        Path file = location.file();
        Emulator model = ModelFiles.read(StudyFile.modelPath(file));
        Study study = StudyFile.read(file, model);
        if (model.family() == ModelFamily.GAUSSIAN_PROCESS) {
            // refused here, on the driver, rather than by every task and its retries
            throw new StudyConfigException(file + ": model '" + model.name() + "' is a Gaussian process; its members' "
                    + "variance budget is not split into blocks, so run this study with 'emulens run' on one machine");
        }
        // The driver only plans and writes; its backend is never used to evaluate, so the CPU does.
        try (Backend driverBackend = Backends.open("cpu", new BackendOptions(1, 0))) {
            StudyRunner runner = new StudyRunner(study, model, driverBackend, commandLine);
            StudyRunner.Plan plan = runner.plan();
            int[] cellsPerStep = new int[plan.steps()];
            for (int t = 0; t < cellsPerStep.length; t++) {
                cellsPerStep[t] = plan.cells(t).length;
            }
            long perBlock = membersPerBlock == 0 ? Math.max(1, study.members()) : membersPerBlock;
            List<StudyBlock> blocks = StudyBlocks.split(cellsPerStep, study.members(), cellsPerBlock, perBlock);
            int memberBlocks = StudyBlocks.memberBlocks(study.members(), perBlock);
            int cellBlocks = blocks.size() / memberBlocks;

            String sha256 = StudyRunner.sha256(file);
            int fail = failFirstAttemptOfTask;
            Map<Long, BlockSummary> summaries = sc.parallelize(blocks, blocks.size())
                    .mapToPair(block -> {
                        BlockPartial partial = ExecutorStudy.get(location.file().toString(), sha256).compute(block);
                        TaskContext task = TaskContext.get();
                        if (task.partitionId() == fail && task.attemptNumber() == 0) {
                            throw new IllegalStateException("task " + fail + " fails its first attempt, as asked");
                        }
                        return new Tuple2<>(block.cellBlockKey(), partial);
                    })
                    .groupByKey(Math.max(1, Math.min(cellBlocks, sc.defaultParallelism() * 4)))
                    .mapValues(partials -> summarise(ExecutorStudy.get(location.file().toString(), sha256).plan(), partials,
                            memberBlocks))
                    .collectAsMap();

            int stride = plan.stride();
            float[][] values = new float[plan.steps()][];
            TreeSet<String> backends = new TreeSet<>();
            TreeSet<String> devices = new TreeSet<>();
            for (int t = 0; t < values.length; t++) {
                values[t] = new float[cellsPerStep[t] * stride];
                for (int first = 0; first < cellsPerStep[t]; first += cellsPerBlock) {
                    BlockSummary s = summaries.get(StudyBlock.cellBlockKey(t, first));
                    System.arraycopy(s.values(), 0, values[t], first * stride, s.values().length);
                    backends.addAll(s.backends());
                    devices.addAll(s.devices());
                }
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("emulens_backend", String.join(", ", backends));
            provenance.put("emulens_device", String.join("; ", devices));
            provenance.put("emulens_cluster", "Apache Spark " + sc.version() + ", master " + sc.master() + ", "
                    + blocks.size() + (blocks.size() == 1 ? " task" : " tasks") + " of up to " + cellsPerBlock + " cells x " + perBlock
                    + " members, merged per cell in member order");
            List<Path> plots = runner.write(plan, values, provenance);
            URI target = outputUri != null ? outputUri : location.origin(study.output());
            if (target != null) {
                HadoopOutput.copy(study.output(), target, sc.hadoopConfiguration());
                for (Path plot : plots) {
                    HadoopOutput.copy(plot, target.resolve(plot.getFileName().toString()), sc.hadoopConfiguration());
                }
            }
            return new StudyRunner.Result(study.output(), plots, plan.totalCells(),
                    plan.totalCells() * study.members(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static BlockSummary summarise(StudyRunner.Plan plan, Iterable<BlockPartial> partials, int memberBlocks) {
        TreeSet<String> backends = new TreeSet<>();
        TreeSet<String> devices = new TreeSet<>();
        for (BlockPartial p : partials) {
            backends.add(p.backend());
            devices.add(p.device());
        }
        return new BlockSummary(plan.summarise(CanonicalMerge.merge(partials, memberBlocks)), backends, devices);
    }
}
