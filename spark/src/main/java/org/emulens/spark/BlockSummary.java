package org.emulens.spark;

import java.io.Serializable;
import java.util.Set;

/**
 * A cell block's output values after its partials are merged, {@code stride} per cell, and the backends
 * and devices that computed them.
 */
record BlockSummary(float[] values, Set<String> backends, Set<String> devices) implements Serializable {
}
