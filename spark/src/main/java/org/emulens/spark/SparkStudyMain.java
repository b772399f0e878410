package org.emulens.spark;

import java.net.URI;
import java.util.Locale;

/**
 * The entry point for {@code spark-submit} with {@code emulens-spark-submit.jar}:
 * {@code STUDY [--output URI] [--cells-per-block N] [--members-per-block N]}. STUDY is a path every node
 * sees or the URI of a study file in a self-contained folder (hdfs://, s3a://, ...); the master is
 * spark-submit's.
 */
public final class SparkStudyMain {
    private SparkStudyMain() {
    }

    public static void main(String[] args) {
        String study = null;
        URI output = null;
        int cells = SparkStudyRunner.DEFAULT_CELLS_PER_BLOCK;
        long members = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--output" -> output = URI.create(value(args, ++i));
                case "--cells-per-block" -> cells = Integer.parseInt(value(args, ++i));
                case "--members-per-block" -> members = Long.parseLong(value(args, ++i));
                default -> {
                    if (args[i].startsWith("--") || study != null) {
                        throw usage("unexpected argument '" + args[i] + "'");
                    }
                    study = args[i];
                }
            }
        }
        if (study == null) {
            throw usage("no study given");
        }
        StringBuilder commandLine = new StringBuilder("spark-submit emulens-spark-submit.jar");
        for (String a : args) {
            commandLine.append(' ').append(a);
        }
        var r = new SparkStudyRunner(cells, members).run(study, null, output, commandLine.toString());
        System.err.printf(Locale.ROOT, "emulens: %,d cells, %,d member evaluations in %.1f s%n", r.cells(),
                r.memberEvaluations(), r.seconds());
        System.err.printf("emulens: wrote %s%n", output != null ? output : study.contains("://")
                ? r.output().getFileName() + " into " + URI.create(study).resolve(".") + ", where the study says"
                : r.output());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException(why + "; usage: STUDY [--output URI] [--cells-per-block N] "
                + "[--members-per-block N]");
    }
}
