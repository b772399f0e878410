/**
 * Per-cell ensemble statistics that merge exactly or to rounding: every statistic accepts values one at a
 * time and combines with a partial result over other members, so members can be split across threads, GPU
 * chunks or tasks in any way and merged in any order.
 *
 * <p>{@link org.emulens.ensemble.stats.MergeableMoments} (mean to kurtosis, min, max),
 * {@link org.emulens.ensemble.stats.QuantileSketch} (relative-error quantiles in bounded memory),
 * {@link org.emulens.ensemble.stats.ExactQuantiles} (small ensembles and reference),
 * {@link org.emulens.ensemble.stats.ExceedanceCounter}, {@link org.emulens.ensemble.stats.FixedBinHistogram},
 * bundled per cell by {@link org.emulens.ensemble.stats.CellStatistics} as a
 * {@link org.emulens.ensemble.stats.StatisticsSpec} chooses. NaN values are counted, never averaged in.
 */
package org.emulens.ensemble.stats;
