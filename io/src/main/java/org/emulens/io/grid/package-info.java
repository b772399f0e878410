/**
 * The values the rest of Emulens works with once a file is read: {@link org.emulens.io.grid.LatLonGrid}
 * (cell centres ascending, edges, exact spherical areas), {@link org.emulens.io.grid.GridField} (float
 * values with NaN for missing) and {@link org.emulens.io.grid.GeoBox}. Nothing here knows about files.
 */
package org.emulens.io.grid;
