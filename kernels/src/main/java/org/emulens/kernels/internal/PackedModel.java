package org.emulens.kernels.internal;

import java.util.List;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;

/**
 * An emulator flattened for the kernels: one float array of parameters and one int descriptor, in the
 * layout of the {@code EMU_DESC_*} constants of emulens_fused.c; tree ensembles in the layout of
 * emulens_trees.c ({@link PackedTrees}).
 */
public final class PackedModel {
    private static final int HEADER = 8;
    private static final int LAYER_FIELDS = 6;

    private final float[] params;
    private final int[] descriptor;
    private final int inputs;
    private final int outputs;

    PackedModel(float[] params, int[] descriptor, int inputs, int outputs) {
        this.params = params;
        this.descriptor = descriptor;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * @throws IllegalArgumentException if a layer is wider than the kernels hold
     */
    public static PackedModel of(Emulator e) {
        switch (e.family()) {
            case TREE_ENSEMBLE:
                return PackedTrees.of(e);
            case GAUSSIAN_PROCESS:
                throw new IllegalArgumentException("emulator '" + e.name() + "' is a Gaussian process; the kernels "
                        + "evaluate MLPs and tree ensembles, Gaussian processes run on the cpu backend");
            default:
                break;
        }
        if (e.maxWidth() > KernelSource.MAX_WIDTH) {
            throw new IllegalArgumentException("emulator '" + e.name() + "': expected layers at most "
                    + KernelSource.MAX_WIDTH + " wide (the kernels keep a member's activations in private memory), "
                    + "found " + e.maxWidth());
        }
        List<DenseLayer> layers = e.layers();
        int d = e.inputCount();
        int k = e.outputCount();
        long size = 2L * d + 2L * k;
        for (DenseLayer l : layers) {
            size += (long) l.inputs() * l.outputs() + l.outputs();
        }
        float[] p = new float[(int) size];
        int[] desc = new int[HEADER + LAYER_FIELDS * layers.size()];
        System.arraycopy(e.inputNormalisation().offsets(), 0, p, 0, d);
        System.arraycopy(e.inputNormalisation().scales(), 0, p, d, d);
        int at = 2 * d;
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            int f = HEADER + LAYER_FIELDS * l;
            desc[f] = layer.inputs();
            desc[f + 1] = layer.outputs();
            desc[f + 2] = activationCode(layer.activation());
            desc[f + 3] = at;
            System.arraycopy(layer.weights(), 0, p, at, layer.inputs() * layer.outputs());
            at += layer.inputs() * layer.outputs();
            desc[f + 4] = at;
            System.arraycopy(layer.biases(), 0, p, at, layer.outputs());
            at += layer.outputs();
            desc[f + 5] = Float.floatToRawIntBits(layer.activation().alpha());
        }
        desc[0] = layers.size();
        desc[1] = d;
        desc[2] = k;
        desc[3] = at;
        System.arraycopy(e.outputDenormalisation().scales(), 0, p, at, k);
        at += k;
        desc[4] = at;
        System.arraycopy(e.outputDenormalisation().offsets(), 0, p, at, k);
        return new PackedModel(p, desc, d, k);
    }

    /** The kernel's {@code EMU_ACT_*} code. */
    static int activationCode(Activation a) {
        switch (a.kind()) {
            case IDENTITY:
                return 0;
            case TANH:
                return 1;
            case RELU:
                return 2;
            case SIGMOID:
                return 3;
            case SOFTPLUS:
                return 4;
            case ELU:
                return 5;
            default:
                throw new IllegalArgumentException("activation " + a + " has no kernel code");
        }
    }

    /** The parameters; the caller must not change them. */
    public float[] params() {
        return params;
    }

    /** The descriptor; the caller must not change it. */
    public int[] descriptor() {
        return descriptor;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** Bytes of parameters and descriptor together, for deciding where on a device they fit. */
    public long bytes() {
        return 4L * (params.length + descriptor.length);
    }
}
