/**
 * Seasonal (drought) studies: the study file, and the runner that reads the initial state and forcing,
 * steps the season on a backend and writes CF NetCDF of per-cell metric distributions with quick-look maps.
 */
package org.emulens.io.season;
