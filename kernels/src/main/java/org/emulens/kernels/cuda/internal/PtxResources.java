package org.emulens.kernels.cuda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.emulens.kernels.internal.KernelSource;

/**
 * The PTX that kernels/build-ptx.sh made from the kernel source for compute capabilities 8.0 and 9.0. The
 * driver compiles PTX for the device it runs on, so 8.x devices take the sm_80 file and 9.0 and newer the
 * sm_90 file. Each file's first line is the SHA-256 of the source it came from.
 */
public final class PtxResources {
    /** The CUDA toolkit that made the committed PTX; its drivers (r580 and newer) accept it. */
    public static final String TOOLKIT = "13.0";
    public static final String HASH_PREFIX = "// emulens-source-sha256: ";

    private PtxResources() {
    }

    /** The resource name for a device of compute capability {@code major.minor}, or null if none fits. */
    public static String resourceFor(int major, int minor) {
        if (major >= 9) {
            return "emulens_fused.sm_90.ptx";
        }
        if (major == 8) {
            return "emulens_fused.sm_80.ptx";
        }
        return null;
    }

    public static String read(String name) {
        try (InputStream in = PtxResources.class.getResourceAsStream(KernelSource.RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("PTX resource " + KernelSource.RESOURCE_DIR + name
                        + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("reading PTX resource " + name, ex);
        }
    }
}
