package org.emulens.engine.cpu;

import org.emulens.engine.trees.TreeEnsemble;

/**
 * Tree ensembles on the CPU: each row walks the flat node array of every tree in tree order
 * ({@link TreeEnsemble#evaluate}), the order and float arithmetic that the kernels use as well.
 */
final class CpuTreePass implements CpuBlockPass {
    private final TreeEnsemble trees;
    private final int inputs;
    private final int outputs;

    CpuTreePass(TreeEnsemble trees) {
        this.trees = trees;
        this.inputs = trees.inputs();
        this.outputs = trees.targets();
    }

    @Override
    public float[][] newScratch() {
        return new float[0][];
    }

    @Override
    public void evaluateBlock(float[] x, float[] y, int first, int count, float[][] scratch) {
        for (int r = first; r < first + count; r++) {
            trees.evaluate(x, r * inputs, y, r * outputs);
        }
    }
}
