/**
 * Calibration of emulator parameters against observations: priors ({@link org.emulens.ensemble.calibration.Prior}),
 * the observation error model ({@link org.emulens.ensemble.calibration.ObservationErrors}), history matching,
 * ABC and an affine-invariant ensemble MCMC sampler, with split R-hat and effective sample size. Every random
 * number comes from a Philox counter, and the emulator is evaluated in large batches through the backend SPI,
 * so a calibration gives the same numbers on every backend for the same seed.
 */
package org.emulens.ensemble.calibration;
