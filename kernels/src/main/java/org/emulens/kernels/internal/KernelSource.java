package org.emulens.kernels.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one C kernel source and its portability header, read from the class path, and the names and flags
 * that both backends use with it. The flags are the exactness contract: see docs/GPU.md.
 */
public final class KernelSource {
    public static final String RESOURCE_DIR = "/org/emulens/kernels/";
    public static final String SOURCE = "emulens_fused.c";
    public static final String HEADER = "emulens_portability.h";
    /** The tree-ensemble forward function, included by {@link #SOURCE}. */
    public static final String TREES = "emulens_trees.c";

    public static final String FORWARD_ROWS = "emu_forward_rows";
    public static final String FUSED_STATISTICS = "emu_fused_statistics";
    public static final String FUSED_MEMBERS = "emu_fused_members";

    /** Mirrors EMU_MAX_WIDTH: widest layer, inputs included. */
    public static final int MAX_WIDTH = 256;
    /** Mirrors EMU_MAX_STAT_OUTPUTS: model outputs the fused pass can summarise. */
    public static final int MAX_STAT_OUTPUTS = 16;
    /** Mirrors EMU_PARTIAL_FLOATS and EMU_PARTIAL_COUNTERS. */
    public static final int PARTIAL_FLOATS = 4;
    public static final int PARTIAL_FIXED_COUNTERS = 2;

    /**
     * OpenCL build options: correctly rounded float division and square root, which the Box–Muller draws
     * and the normalisation need to match Java. Contraction is switched off in the source with
     * {@code #pragma OPENCL FP_CONTRACT OFF}; nothing relaxes the arithmetic.
     */
    public static final String OPENCL_OPTIONS = "-cl-std=CL1.2 -cl-fp32-correctly-rounded-divide-sqrt";

    private KernelSource() {
    }

    /**
     * The source as one OpenCL program text: the tree file and the header pasted where they are included
     * (the header twice, which its include guard makes harmless).
     */
    public static String openClProgram() {
        String header = read(HEADER);
        String source = read(SOURCE);
        String include = "#include \"" + HEADER + "\"";
        String includeTrees = "#include \"" + TREES + "\"";
        if (!source.contains(include)) {
            throw new IllegalStateException(SOURCE + ": expected a line " + include + ", found none");
        }
        if (!source.contains(includeTrees)) {
            throw new IllegalStateException(SOURCE + ": expected a line " + includeTrees + ", found none");
        }
        return source.replace(includeTrees, read(TREES)).replace(include, header);
    }

    /** A kernel resource as text. */
    public static String read(String name) {
        try (InputStream in = KernelSource.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("kernel resource " + RESOURCE_DIR + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("reading kernel resource " + RESOURCE_DIR + name, ex);
        }
    }
}
