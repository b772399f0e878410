package org.emulens.spark;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where the driver and every executor find a study's file. A plain path must be one that every node sees
 * (a shared file system). A URI ({@code hdfs://}, {@code s3a://}, {@code file://}, any file system Hadoop
 * knows) names a study file in a self-contained folder (model and inputs inside it, referred to by
 * relative paths); Spark fetches that folder to the driver and to each executor.
 */
record StudyLocation(String path, URI folder, String folderName, String fileName) implements Serializable {

    static StudyLocation of(JavaSparkContext sc, String study) {
        if (!study.contains("://")) {
            return new StudyLocation(Path.of(study).toAbsolutePath().normalize().toString(), null, null, null);
        }
        URI uri = URI.create(study);
        URI folder = uri.resolve(".");
        String folderPath = folder.getPath().replaceAll("/+$", "");
        String folderName = folderPath.substring(folderPath.lastIndexOf('/') + 1);
        String fileName = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        if (folderName.isEmpty() || fileName.isEmpty()) {
            throw new IllegalArgumentException(study + ": expected the URI of a study file inside a folder");
        }
        sc.addFile(folder.toString(), true);
        return new StudyLocation(null, folder, folderName, fileName);
    }

    /** The study file here, on the driver or an executor. */
    Path file() {
        return path != null ? Path.of(path) : Path.of(SparkFiles.get(folderName), fileName);
    }

    /** Where an output written at {@code local} goes back to: the same place in the fetched folder's origin. */
    URI origin(Path local) {
        if (folder == null) {
            return null;
        }
        Path root = file().getParent();
        Path rel = root.relativize(local.toAbsolutePath().normalize());
        if (rel.startsWith("..")) {
            throw new IllegalArgumentException(local + ": the output of a fetched study must lie inside its folder, "
                    + "or be given as an output URI");
        }
        return folder.resolve(rel.toString().replace('\\', '/'));
    }
}
