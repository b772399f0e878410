package org.emulens.io.netcdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens something on a daemon thread of its own and waits for it at most a given time. If the time runs
 * out first the caller gets a {@link NetcdfInputException} and the thread, when its open finally returns,
 * closes what it opened. Whether the caller took the result or gave up on it is decided under one lock, so
 * a file that opens just as the time runs out is closed rather than leaked.
 */
final class BoundedOpen<T extends AutoCloseable> {
    /** An open that may throw what NetCDF-Java's readers throw. */
    @FunctionalInterface
    interface Opener<T> {
        T open() throws IOException;
    }

    private T opened;
    private Throwable failure;
    private boolean done;
    private boolean abandoned;

    private BoundedOpen() {
    }

    /**
     * {@code opener}'s result, if it comes within {@code seconds}; its exception if it throws in time
     * (IOException, RuntimeException or Error as thrown).
     */
    static <T extends AutoCloseable> T within(Path file, long seconds, Opener<T> opener) throws IOException {
        BoundedOpen<T> attempt = new BoundedOpen<>();
        Thread reader = new Thread(() -> attempt.run(opener), "emulens-netcdf-open");
        reader.setDaemon(true);
        reader.start();
        try {
            return attempt.await(file, seconds);
        } catch (InterruptedException ex) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new NetcdfInputException(file + ": interrupted while opening", ex);
        }
    }

    private void run(Opener<T> opener) {
        T result = null;
        Throwable error = null;
        try {
            result = opener.open();
        } catch (Throwable t) {
            error = t;
        }
        synchronized (this) {
            if (abandoned) {
                closeQuietly(result);
                return;
            }
            opened = result;
            failure = error;
            done = true;
            notifyAll();
        }
    }

    private synchronized T await(Path file, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            for (long left = deadline - System.nanoTime(); !done && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException ex) {
            abandoned = true;
            throw ex;
        }
        if (!done) {
            abandoned = true;
            throw new NetcdfInputException(file + ": not a readable NetCDF file: its header was still being read "
                    + "after " + seconds + " s, which a damaged file can cause (-D"
                    + NetcdfGridFile.OPEN_SECONDS_PROPERTY + "=N waits longer)");
        }
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error error) {
            throw error;
        } else if (failure != null) {
            throw new IOException(failure);
        }
        return opened;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Nobody is left to tell: the caller has already reported the timeout.
            }
        }
    }
}
