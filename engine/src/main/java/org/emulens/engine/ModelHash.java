package org.emulens.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The provenance hash of an emulator: SHA-256 over the canonical bytes of the function it computes,
 * so that two files describing the same numbers (an ONNX export, a re-export, a sidecar rename)
 * get the same hash, and any change to a weight changes it. Names, units and descriptions are
 * deliberately left out.
 *
 * <p>Canonical layout, all integers int32 and all reals float32, little-endian:
 * <pre>
 *   "emulens-model-v1"                        16 ASCII bytes
 *   nInputs, then per input: offset, scale
 *   nLayers, then per layer: inputs, outputs, len(kind), kind (ASCII, lower case), alpha,
 *                            weights row-major [outputs][inputs], biases
 *   nOutputs, then per output: offset, scale
 * </pre>
 * Tree ensembles and Gaussian processes have layouts of their own, under the magics
 * {@code "emulens-trees-v1"} and {@code "emulens-gp-v1"} ({@link FamilyHash}); an MLP's bytes are as above.
 * {@code docs/MODEL-HASH.md} repeats this so that other tools can reproduce the hash.
 */
public final class ModelHash {
    static final byte[] MAGIC = "emulens-model-v1".getBytes(StandardCharsets.US_ASCII);

    private ModelHash() {
    }

    public static String of(Emulator e) {
        return HexFormat.of().formatHex(sha256(canonicalBytes(e)));
    }

    static byte[] canonicalBytes(Emulator e) {
        switch (e.family()) {
            case TREE_ENSEMBLE:
                return FamilyHash.treeBytes(e.trees());
            case GAUSSIAN_PROCESS:
                return FamilyHash.gaussianProcessBytes(e.gaussianProcess());
            default:
                break;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        writeAffine(out, e.inputNormalisation());
        writeInt(out, e.layers().size());
        for (DenseLayer l : e.layers()) {
            writeInt(out, l.inputs());
            writeInt(out, l.outputs());
            byte[] kind = l.activation().kind().name().toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.US_ASCII);
            writeInt(out, kind.length);
            out.writeBytes(kind);
            writeFloats(out, new float[] {l.activation().alpha()});
            writeFloats(out, l.weights());
            writeFloats(out, l.biases());
        }
        writeAffine(out, e.outputDenormalisation());
        return out.toByteArray();
    }

    private static void writeAffine(ByteArrayOutputStream out, FeatureAffine a) {
        writeInt(out, a.size());
        float[] pairs = new float[2 * a.size()];
        for (int i = 0; i < a.size(); i++) {
            pairs[2 * i] = a.offset(i);
            pairs[2 * i + 1] = a.scale(i);
        }
        writeFloats(out, pairs);
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    static void writeFloats(ByteArrayOutputStream out, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        out.writeBytes(b.array());
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime provides SHA-256", ex);
        }
    }
}
