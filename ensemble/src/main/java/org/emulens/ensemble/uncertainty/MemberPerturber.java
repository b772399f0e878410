package org.emulens.ensemble.uncertainty;

import java.util.Objects;

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
 */
public final class MemberPerturber {
    private static final ThreadLocal<AttemptErrorDraws> CURSOR = ThreadLocal.withInitial(AttemptErrorDraws::new);

    private final UncertaintyModel model;

    public MemberPerturber(UncertaintyModel model) {
        this.model = Objects.requireNonNull(model, "model");
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
}
