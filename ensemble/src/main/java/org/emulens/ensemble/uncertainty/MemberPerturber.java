package org.emulens.ensemble.uncertainty;

import java.util.Objects;
import org.emulens.ensemble.rng.MemberNormals;
import org.emulens.ensemble.rng.ReservedStreams;

/**
 * Perturbs the inputs of one ensemble member in one cell: the per-member function of an uncertainty study
 * and the contract that GPU kernels reproduce bit for bit.
 *
 * <p>The perturbed vector is a <b>pure function</b> of {@code (seed, cell index, lat, lon, member, nominal
 * values, per-cell sds, model)}: it does not depend on which other members, cells or inputs are perturbed, in
 * which order, on which thread or in which chunk. It is computed in float, in the order written below, with
 * only {@code + − × ÷}, {@code sqrt} (correctly rounded), comparisons and
 * {@link org.emulens.ensemble.rng.PortableFloatMath}, so a C kernel can transcribe it literally (with the
 * compiler settings that class lists). Nothing is allocated per member.
 *
 * <h2>Algorithm, for each input slot {@code i} of {@code N = model.slots()}</h2>
 * <ol>
 *   <li>No uncertainty model: {@code out = nominal} (bit copy). Per-cell input with a NaN nominal:
 *       {@code out = nominal} (fill values are never perturbed into numbers). Uncertain parameter:
 *       {@code x = } the model's nominal ({@code nominal[i]} is ignored); otherwise {@code x = nominal[i]}.</li>
 *   <li>{@code σ = cell.sigma(i)}; if {@code σ == 0}, {@code out = shape.unperturbed(x)}.</li>
 *   <li>Otherwise {@code out = shape.perturb(x, σ, e)}, where the shape asks for the total error of attempts
 *       {@code k} (only {@link TruncatedGaussian} asks for {@code k > 0}) and, with
 *       {@code n = i + k·N}:
 *       <pre>
 *   e_k = 0
 *   if sd_r > 0:  e_k = e_k + sd_r · z_r
 *   if sd_c > 0:  e_k = e_k + sd_c · z_c
 *   if sd_s > 0:  e_k = e_k + sd_s · z_s
 *   z_r = Σ over (j, c) in Cholesky row i of  c · normal(INPUT_PERTURBATION = 0, cell, member, j + k·N)
 *   z_c = Σ over the cell's 4 (node, w)   of  w · normal(CORRELATED_FIELDS = 2, node id, member, n)
 *   z_s = normal(SYSTEMATIC = 1, SHARED_CELL = 0xFFFFFFFF, member, n)
 *       </pre>
 *       {@code normal(stream, cell, member, index)} is {@link org.emulens.ensemble.rng.MemberDraws#normal} with
 *       the study's seed; sums run in the order written ({@link CorrelatedNormals}, {@link BilinearLatticeField}
 *       give theirs). A component with sd 0 is not drawn. Each shape's own formula is in its class.</li>
 * </ol>
 * Consequences: the random component is independent between cells, members and (unless correlated) inputs;
 * the correlated component is shared by nearby cells; the systematic component is identical in every cell of
 * a member, and so is an uncertain parameter's value. Every address {@code (stream, cell or node, index)} is
 * used by exactly one input and attempt, so no two draws coincide.
 *
 * <h2>Many members at once</h2>
 * {@link #perturbMembers} gives each member the same bits as {@link #perturb}. Where every uncertain input is
 * {@link Gaussian} (one attempt) and the cell has no correlated component, it draws the normals of a block of
 * members at once with {@link MemberNormals} (SIMD where the Vector API is present) and then applies the
 * formulas above member by member; otherwise it calls {@link #perturb} for each member.
 */
public final class MemberPerturber {
    private static final ThreadLocal<AttemptErrorDraws> CURSOR = ThreadLocal.withInitial(AttemptErrorDraws::new);
    /** Members whose normals are drawn together: a few kB of normals per input, so they stay in L1. */
    private static final int BLOCK = 256;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final UncertaintyModel model;
    /** Every uncertain input has a Gaussian error: one attempt, {@code out = x + e}. */
    private final boolean allGaussian;

    public MemberPerturber(UncertaintyModel model) {
        this.model = Objects.requireNonNull(model, "model");
        boolean gaussian = true;
        for (int slot = 0; slot < model.slots(); slot++) {
            InputUncertainty input = model.atSlot(slot);
            if (input != null && !(input.shape() instanceof Gaussian)) {
                gaussian = false;
            }
        }
        this.allGaussian = gaussian;
    }

    public UncertaintyModel model() {
        return model;
    }

    /**
     * Writes member {@code member}'s perturbed inputs for {@code cell} to {@code out[outOffset ..
     * outOffset + N − 1]}, from the nominal values {@code nominal[nominalOffset .. nominalOffset + N − 1]},
     * {@code N = model().slots()}. {@code out} may be {@code nominal} with the same offset (perturbing in
     * place). Allocates nothing.
     *
     * @param seed the study's seed: the key of every draw
     * @param cell the cell's uncertainty, made for this perturber's model
     */
    public void perturb(long seed, CellUncertainty cell, long member, float[] nominal, int nominalOffset, float[] out,
                        int outOffset) {
        if (cell.model() != model) {
            throw new IllegalArgumentException("cell: expected a CellUncertainty made for this perturber's model, "
                    + "found one made for another model");
        }
        int slots = model.slots();
        Objects.checkFromIndexSize(nominalOffset, slots, nominal.length);
        Objects.checkFromIndexSize(outOffset, slots, out.length);
        AttemptErrorDraws errors = CURSOR.get();
        for (int slot = 0; slot < slots; slot++) {
            out[outOffset + slot] = perturbInput(seed, cell, member, slot, nominal[nominalOffset + slot], errors);
        }
    }

    private float perturbInput(long seed, CellUncertainty cell, long member, int slot, float nominal,
                               AttemptErrorDraws errors) {
        InputUncertainty input = model.atSlot(slot);
        if (input == null) {
            return nominal;
        }
        float x = nominal;
        if (input.isParameter()) {
            x = input.parameterNominal();
        } else if (x != x) {
            return nominal; // NaN: a fill value stays a fill value
        }
        float sigma = cell.sigma(slot);
        ErrorShape shape = input.shape();
        if (sigma == 0f) {
            return shape.unperturbed(x);
        }
        errors.aim(seed, cell, member, slot);
        return shape.perturb(x, sigma, errors);
    }

    /**
     * Writes the perturbed inputs of members {@code firstMember .. firstMember + count − 1} of {@code cell} as
     * rows of {@code N = model().slots()}: member {@code firstMember + m} to {@code out[outOffset + m·N ..]},
     * bit for bit what {@link #perturb} writes for it, from the one nominal vector
     * {@code nominal[nominalOffset .. nominalOffset + N − 1]} (which may lie in {@code out}).
     */
    public void perturbMembers(long seed, CellUncertainty cell, long firstMember, int count, float[] nominal,
                               int nominalOffset, float[] out, int outOffset) {
        if (cell.model() != model) {
            throw new IllegalArgumentException("cell: expected a CellUncertainty made for this perturber's model, "
                    + "found one made for another model");
        }
        int slots = model.slots();
        if (count < 0) {
            throw new IllegalArgumentException("count: expected >= 0, found " + count);
        }
        Objects.checkFromIndexSize(nominalOffset, slots, nominal.length);
        if ((long) count * slots > out.length - (long) outOffset || outOffset < 0) {
            throw new IndexOutOfBoundsException("out: " + count + " rows of " + slots + " from " + outOffset
                    + " do not fit in " + out.length);
        }
        Scratch scratch = SCRATCH.get();
        float[] x = scratch.nominal(slots);
        System.arraycopy(nominal, nominalOffset, x, 0, slots);
        if (!allGaussian || hasCorrelatedComponent(cell)) {
            for (int m = 0; m < count; m++) {
                perturb(seed, cell, firstMember + m, x, 0, out, outOffset + m * slots);
            }
            return;
        }
        CorrelatedNormals rows = model.randomNormals();
        int randomNormals = 0;
        int systematicNormals = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (model.atSlot(slot) != null && cell.sdRandom(slot) > 0f) {
                int[] from = rows.sourcesView(slot);
                randomNormals = Math.max(randomNormals, from[from.length - 1] + 1);
            }
            if (model.atSlot(slot) != null && cell.sdSystematic(slot) > 0f) {
                systematicNormals = slot + 1;
            }
        }
        float[] zr = scratch.random(randomNormals * BLOCK);
        float[] zs = scratch.systematic(systematicNormals * BLOCK);
        for (int start = 0; start < count; start += BLOCK) {
            int n = Math.min(BLOCK, count - start);
            long first = firstMember + start;
            MemberNormals.fill(seed, ReservedStreams.INPUT_PERTURBATION, cell.cell(), first, n, randomNormals, zr, 0,
                    BLOCK);
            MemberNormals.fill(seed, ReservedStreams.SYSTEMATIC, ReservedStreams.SHARED_CELL, first, n,
                    systematicNormals, zs, 0, BLOCK);
            int rowStart = outOffset + start * slots;
            for (int slot = 0; slot < slots; slot++) {
                perturbSlot(cell, slot, x[slot], rows, zr, zs, n, out, rowStart + slot, slots);
            }
        }
    }

    /** Slot {@code slot} of {@code n} members, from their normals in {@code zr}, {@code zs}: as perturbInput. */
    private void perturbSlot(CellUncertainty cell, int slot, float nominal, CorrelatedNormals rows, float[] zr,
                             float[] zs, int n, float[] out, int at, int stride) {
        InputUncertainty input = model.atSlot(slot);
        float x = nominal;
        float constant = Float.NaN;
        boolean isConstant = true;
        if (input == null) {
            constant = nominal;
        } else {
            if (input.isParameter()) {
                x = input.parameterNominal();
            }
            if (!input.isParameter() && x != x) {
                constant = nominal; // NaN: a fill value stays a fill value
            } else if (cell.sigma(slot) == 0f) {
                constant = input.shape().unperturbed(x);
            } else {
                isConstant = false;
            }
        }
        if (isConstant) {
            for (int m = 0; m < n; m++) {
                out[at + m * stride] = constant;
            }
            return;
        }
        float sdR = cell.sdRandom(slot);
        float sdS = cell.sdSystematic(slot);
        int[] from = rows.sourcesView(slot);
        float[] c = rows.coefficientsView(slot);
        for (int m = 0; m < n; m++) {
            // AttemptErrorDraws.error(0) and Gaussian.perturb, in their order.
            float e = 0f;
            if (sdR > 0f) {
                float z = 0f;
                for (int entry = 0; entry < from.length; entry++) {
                    float term = c[entry] * zr[from[entry] * BLOCK + m];
                    z = z + term;
                }
                float term = sdR * z;
                e = e + term;
            }
            if (sdS > 0f) {
                float term = sdS * zs[slot * BLOCK + m];
                e = e + term;
            }
            out[at + m * stride] = x + e;
        }
    }

    private boolean hasCorrelatedComponent(CellUncertainty cell) {
        for (int slot = 0; slot < model.slots(); slot++) {
            if (model.atSlot(slot) != null && cell.sdCorrelated(slot) > 0f) {
                return true;
            }
        }
        return false;
    }

    /** One thread's buffers, grown to the largest model it has perturbed. */
    private static final class Scratch {
        private float[] nominal = new float[0];
        private float[] random = new float[0];
        private float[] systematic = new float[0];

        float[] nominal(int size) {
            if (nominal.length < size) {
                nominal = new float[size];
            }
            return nominal;
        }

        float[] random(int size) {
            if (random.length < size) {
                random = new float[size];
            }
            return random;
        }

        float[] systematic(int size) {
            if (systematic.length < size) {
                systematic = new float[size];
            }
            return systematic;
        }
    }
}
