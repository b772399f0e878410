package org.emulens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ModelHashTest {

    @Test
    void treeAndGaussianProcessHashesAreThoseOfTheDocumentedLayouts() {
        // Computed by scripts/train/make_family_fixtures.py from docs/MODEL-HASH.md, not from this code.
        Path dir = TestFiles.projectDir().resolve("engine/src/test/resources/families");
        int checked = 0;
        for (String line : readLines(dir.resolve("hashes.csv")).subList(1, 7)) {
            String[] f = line.split(",");
            assertEquals(f[1], ModelFiles.read(dir.resolve(f[0])).hash(), f[0]);
            checked++;
        }
        assertEquals(6, checked);
    }

    private static java.util.List<String> readLines(Path p) {
        try {
            return java.nio.file.Files.readAllLines(p);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void hashIsSha256OfTheDocumentedLayout() throws Exception {
        // A 1 -> 1 identity layer with weight 2 and bias 0.5, built by hand from the layout in ModelHash's javadoc.
        Emulator e = Emulator.builder().name("tiny").input(Variable.of("x", "1")).output(Variable.of("y", "1"))
                .layer(new DenseLayer(1, 1, new float[] {2f}, new float[] {0.5f}, Activation.IDENTITY)).build();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(200).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("emulens-model-v1".getBytes(StandardCharsets.US_ASCII));
        b.putInt(1).putFloat(0f).putFloat(1f);
        b.putInt(1).putInt(1).putInt(1).putInt(8).put("identity".getBytes(StandardCharsets.US_ASCII)).putFloat(0f);
        b.putFloat(2f).putFloat(0.5f);
        b.putInt(1).putFloat(0f).putFloat(1f);
        byte[] bytes = java.util.Arrays.copyOf(b.array(), b.position());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, e.hash());
    }

    @Test
    void anyWeightChangeChangesTheHashButNamesDoNot() {
        Emulator a = RandomModels.mlp(7, Activation.TANH, 4, 8, 2);
        float[] w = a.layers().get(1).weights();
        w[3] = Math.nextUp(w[3]);
        DenseLayer changed = new DenseLayer(8, 2, w, a.layers().get(1).biases(), Activation.IDENTITY);
        Emulator b = a.toBuilder().clearLayers().layer(a.layers().get(0)).layer(changed).build();
        assertNotEquals(a.hash(), b.hash());
        Emulator renamed = a.toBuilder().name("other")
                .outputs(java.util.List.of(Variable.of("p", "kg"), Variable.of("q", "K"))).build();
        assertEquals(a.hash(), renamed.hash());
        Emulator otherActivation = a.toBuilder().clearLayers().layer(a.layers().get(0).withActivation(Activation.RELU))
                .layer(a.layers().get(1)).build();
        assertNotEquals(a.hash(), otherActivation.hash());
    }

    @Test
    void aNegativeZeroOffsetHashesLikeZero() {
        Emulator a = RandomModels.mlp(3, Activation.TANH, 2, 4, 1);
        Emulator plus = a.toBuilder().inputNormalisation(FeatureAffine.of(new float[] {0f, 1f}, new float[] {1f, 2f},
                "t")).build();
        Emulator minus = a.toBuilder().inputNormalisation(FeatureAffine.of(new float[] {-0f, 1f},
                new float[] {1f, 2f}, "t")).build();
        assertEquals(plus.hash(), minus.hash());
    }
}
