package org.emulens.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** Copies a finished output to any Hadoop-compatible URI, under a temporary name renamed at the end. */
final class HadoopOutput {
    private HadoopOutput() {
    }

    static void copy(Path local, URI target, Configuration conf) {
        org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(target);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.toString() + ".part");
        try {
            FileSystem fs = dst.getFileSystem(conf);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), tmp);
            if (fs.exists(dst) && !fs.delete(dst, false)) {
                throw new IOException("cannot replace " + dst);
            }
            if (!fs.rename(tmp, dst)) {
                throw new IOException("cannot rename " + tmp + " to " + dst);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write the output: " + e.getMessage(), e);
        }
    }
}
