package org.emulens.engine;

/**
 * The kinds of function an {@link Emulator} can hold. Every family maps a row of named inputs to a row
 * of named outputs, so studies, designs and statistics treat them alike; backends say which families
 * they compile.
 */
public enum ModelFamily {
    /** A stack of dense layers with element-wise activations ({@link DenseLayer}). */
    MLP("multilayer perceptron"),
    /** Regression trees summed or averaged ({@link org.emulens.engine.trees.TreeEnsemble}). */
    TREE_ENSEMBLE("tree ensemble"),
    /** A Gaussian-process posterior with its predictive variance ({@link org.emulens.engine.gp.GaussianProcess}). */
    GAUSSIAN_PROCESS("Gaussian process");

    private final String description;

    ModelFamily(String description) {
        this.description = description;
    }

    /** The family in words, for {@code emulens info} and reports. */
    public String description() {
        return description;
    }
}
