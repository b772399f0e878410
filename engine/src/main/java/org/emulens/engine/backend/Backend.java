package org.emulens.engine.backend;

import org.emulens.engine.Emulator;

/**
 * An open backend: a device with whatever context it needs. Prepare a model once with
 * {@link #compile}, evaluate it many times, close both.
 */
public interface Backend extends AutoCloseable {

    /** The provider's name: {@code cpu}, {@code opencl}, {@code cuda}, ... */
    String name();

    /** The device in words, for logs and provenance: "CPU, 2 threads", "NVIDIA H100 80GB HBM3". */
    String device();

    /** Uploads weights and builds what the model needs on this device. */
    CompiledEmulator compile(Emulator emulator, TanhMode tanh);

    @Override
    void close();
}
