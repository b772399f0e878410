package org.emulens.ensemble.uncertainty;

/**
 * The total additive error of one input of one member, by attempt: {@code error(k)} is the k-th of a
 * sequence of independent N(0, σ²) draws, σ the input's total standard deviation in the cell. An
 * {@link ErrorShape} turns them into the perturbed value; a rejection sampler ({@link TruncatedGaussian})
 * asks for further attempts, every other shape uses attempt 0 only.
 *
 * <p>Why attempts are numbered rather than drawn from a generator: each attempt has its own address in the
 * counter-based streams, so {@code error(k)} is a pure function of k. A member's value then does not depend on
 * what any other input, cell or member consumed, which is what lets a GPU kernel reproduce it.
 * {@link MemberPerturber} documents the addresses.
 */
@FunctionalInterface
public interface TotalErrors {
    /** Attempts are numbered 0 to {@code ATTEMPTS − 1}: 32 rejection attempts and one for the fallback. */
    int ATTEMPTS = TruncatedGaussian.MAX_REJECTION_ATTEMPTS + 1;

    /** The total additive error of attempt {@code attempt}, in [0, {@link #ATTEMPTS}). */
    float error(int attempt);
}
