/**
 * Counter-based random numbers for ensembles: every value is a pure function of
 * {@code (seed, stream, cell, member, index)}, so that CPU threads, GPU kernels and any chunking of the members
 * produce the same ensemble bit for bit.
 *
 * <p>{@link org.emulens.ensemble.rng.Philox4x32} is the block function, {@link org.emulens.ensemble.rng.MemberDraws}
 * the counter layout and the uniform and normal mappings, {@link org.emulens.ensemble.rng.ReservedStreams} the
 * stream ids, and {@link org.emulens.ensemble.rng.PortableFloatMath} the single-precision functions that C
 * kernels copy line by line. Together they are the contract that the kernels reproduce.
 */
package org.emulens.ensemble.rng;
