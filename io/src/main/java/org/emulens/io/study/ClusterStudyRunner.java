package org.emulens.io.study;

/**
 * Runs a study across a cluster rather than on this machine. Implementations are found with
 * {@link java.util.ServiceLoader}, so that a cluster engine's libraries (Apache Spark, module
 * {@code emulens-spark}) stay off the command line's class path unless a cluster run asks for them.
 */
public interface ClusterStudyRunner {

    /** The engine's name, for messages: "Apache Spark". */
    String name();

    /**
     * Runs {@code study} (a study file's path, or for engines that can fetch it, the URI of a
     * self-contained study folder's file) on the cluster at {@code master} (for Spark: {@code local[*]},
     * {@code spark://host:7077}, {@code yarn}, ...) and writes the study's output, which equals the
     * output of a {@link StudyRunner} run of the same study on the same backend (bit for bit with the
     * engine's default blocks; docs/SCALE-OUT.md).
     *
     * @param commandLine recorded in the output's history
     */
    StudyRunner.Result run(String study, String master, String commandLine);
}
