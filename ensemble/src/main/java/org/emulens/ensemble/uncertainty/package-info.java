/**
 * Input uncertainty models for ensemble studies over Earth-observation inputs: how each member's emulator
 * inputs are perturbed around their nominal values.
 *
 * <p>An {@link org.emulens.ensemble.uncertainty.UncertaintyModel} gives each perturbed input an
 * {@link org.emulens.ensemble.uncertainty.ErrorShape} (Gaussian, truncated Gaussian, lognormal, uniform,
 * empirical) and its error components: random, locally correlated
 * ({@link org.emulens.ensemble.uncertainty.BilinearLatticeField}) and systematic, whose per-cell standard
 * deviations a {@link org.emulens.ensemble.uncertainty.CellUncertainty} holds; or makes it an uncertain
 * parameter with a systematic error only. Random components may be correlated between inputs
 * ({@link org.emulens.ensemble.uncertainty.CorrelatedNormals}).
 * {@link org.emulens.ensemble.uncertainty.MemberPerturber} is the per-member function: pure, counter-based on
 * {@link org.emulens.ensemble.rng.MemberDraws}, and written so that GPU kernels reproduce it bit for bit.
 */
package org.emulens.ensemble.uncertainty;
