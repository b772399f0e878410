/**
 * Onto the study grid: area-weighted aggregation from finer products, with coverage and uncertainty
 * aggregation by error correlation, and nearest or bilinear interpolation from coarser ones.
 */
package org.emulens.io.regrid;
