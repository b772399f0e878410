/**
 * Seasonal metrics and the season stepping engine: a time-stepping emulator run through a season for every
 * member, wet-season onset, cessation and length after Dunning, Black and Allan (2016), the harmonic ratio
 * that tells one wet season from two, dry days and dry spells, all kept online with a fixed state per member
 * and folded into per-cell distributions. {@link org.emulens.ensemble.seasonal.SeasonStepper} is the entry
 * point; docs/DROUGHT.md describes the method and its choices.
 */
package org.emulens.ensemble.seasonal;
