package org.emulens.engine;

import java.util.Arrays;

/**
 * A per-feature affine map given by an offset and a scale for each feature. Used for input
 * normalisation, {@code z = (x - offset) / scale}, and output de-normalisation, {@code y = z * scale + offset}.
 */
public final class FeatureAffine {
    private final float[] offset;
    private final float[] scale;

    private FeatureAffine(float[] offset, float[] scale) {
        this.offset = offset;
        this.scale = scale;
    }

    public static FeatureAffine of(float[] offset, float[] scale, String what) {
        if (offset.length != scale.length) {
            throw new InvalidModelException(what + ": " + offset.length + " offsets but " + scale.length + " scales");
        }
        for (int i = 0; i < offset.length; i++) {
            if (!Float.isFinite(offset[i]) || !Float.isFinite(scale[i])) {
                throw new InvalidModelException(what + ": feature " + i + " has a non-finite offset or scale ("
                        + offset[i] + ", " + scale[i] + ")");
            }
            if (scale[i] == 0f) {
                throw new InvalidModelException(what + ": feature " + i + " has scale 0");
            }
        }
        float[] o = offset.clone();
        for (int i = 0; i < o.length; i++) {
            o[i] += 0f; // -0 + 0 is +0: a zero offset hashes the same whichever sign an exporter gave it
        }
        return new FeatureAffine(o, scale.clone());
    }

    public static FeatureAffine identity(int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return new FeatureAffine(new float[features], ones);
    }

    public int size() {
        return offset.length;
    }

    public float offset(int i) {
        return offset[i];
    }

    public float scale(int i) {
        return scale[i];
    }

    public float[] offsets() {
        return offset.clone();
    }

    public float[] scales() {
        return scale.clone();
    }

    public boolean isIdentity() {
        for (int i = 0; i < offset.length; i++) {
            if (offset[i] != 0f || scale[i] != 1f) {
                return false;
            }
        }
        return true;
    }

    /** {@code (x - offset) / scale}: the input side. */
    public float normalise(int i, float x) {
        return (x - offset[i]) / scale[i];
    }

    /** {@code z * scale + offset}: the output side. */
    public float denormalise(int i, float z) {
        return z * scale[i] + offset[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureAffine f && Arrays.equals(offset, f.offset) && Arrays.equals(scale, f.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offset) + Arrays.hashCode(scale);
    }
}
