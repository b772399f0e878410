package org.emulens.engine.backend;

/**
 * How a backend is opened. {@code threads} is the CPU parallelism (0 = all cores); GPU backends
 * use it for host-side work only. {@code deviceIndex} picks among several devices of one kind.
 */
public record BackendOptions(int threads, int deviceIndex) {

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), found " + threads);
        }
        if (deviceIndex < 0) {
            throw new IllegalArgumentException("device index must be >= 0, found " + deviceIndex);
        }
    }

    public static BackendOptions defaults() {
        return new BackendOptions(0, 0);
    }

    public BackendOptions withThreads(int t) {
        return new BackendOptions(t, deviceIndex);
    }

    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
