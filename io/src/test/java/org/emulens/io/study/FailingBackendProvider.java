package org.emulens.io.study;

import java.util.concurrent.atomic.AtomicLong;
import org.emulens.engine.Emulator;
import org.emulens.engine.EmulensException;
import org.emulens.engine.backend.Availability;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.BackendProvider;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.engine.cpu.CpuBackend;

/**
 * A device backend, as the SPI sees one, whose device fails at launch number {@code failAt} (counted
 * from 1 over everything this provider opened) the way a GPU does when it falls off the bus: every
 * launch from then on throws with the driver's message. It computes with the CPU backend otherwise, so
 * a run that gets through gives the CPU's numbers.
 */
final class FailingBackendProvider implements BackendProvider {
    static final String DEVICE_MESSAGE = "CUDA_ERROR_LAUNCH_FAILED (719) on device 0 'Simulated GPU': unspecified "
            + "launch failure";
    private final long failAt;
    private final AtomicLong launches = new AtomicLong();

    /** @param failAt the first launch that fails; {@code Long.MAX_VALUE} for a device that never fails */
    FailingBackendProvider(long failAt) {
        this.failAt = failAt;
    }

    long launches() {
        return launches.get();
    }

    @Override
    public String name() {
        return "simulated-gpu";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.available("Simulated GPU (CPU arithmetic)");
    }

    @Override
    public Backend open(BackendOptions options) {
        CpuBackend cpu = new CpuBackend(1);
        return new Backend() {
            @Override
            public String name() {
                return FailingBackendProvider.this.name();
            }

            @Override
            public String device() {
                return "Simulated GPU (CPU arithmetic)";
            }

            @Override
            public CompiledEmulator compile(Emulator emulator, TanhMode tanh) {
                CompiledEmulator inner = cpu.compile(emulator, tanh);
                return new CompiledEmulator() {
                    @Override
                    public Emulator emulator() {
                        return inner.emulator();
                    }

                    @Override
                    public TanhMode tanhMode() {
                        return inner.tanhMode();
                    }

                    @Override
                    public void evaluate(float[] inputs, float[] outputs, int members) {
                        if (launches.incrementAndGet() >= failAt) {
                            throw new EmulensException(DEVICE_MESSAGE);
                        }
                        inner.evaluate(inputs, outputs, members);
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }

            @Override
            public void close() {
                cpu.close();
            }
        };
    }
}
