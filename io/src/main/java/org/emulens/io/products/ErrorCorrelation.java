package org.emulens.io.products;

/**
 * How the errors behind an uncertainty component are correlated between cells, which decides how the
 * uncertainty of an average over many cells follows from the uncertainty of each (the ESA CCI
 * uncertainty vocabulary: random, locally correlated, systematic).
 */
public enum ErrorCorrelation {
    /** Independent from cell to cell: averages down with the effective number of cells. */
    RANDOM,
    /** Shared by cells closer than a length scale: averages down only between independent patches. */
    LOCALLY_CORRELATED,
    /** The same error everywhere: an average is as uncertain as its cells. */
    SYSTEMATIC
}
