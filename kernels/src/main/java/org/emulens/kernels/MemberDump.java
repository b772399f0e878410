package org.emulens.kernels;

/**
 * The members of a DEBUG run, exactly as the device computed them: perturbed inputs row-major
 * {@code [cell][member][input]} and outputs {@code [cell][member][output]}. Only for checking the kernels:
 * the fused pass itself never sends members back.
 */
public record MemberDump(int cells, int members, int inputCount, int outputCount, float[] inputs, float[] outputs) {

    public float input(int cell, int member, int input) {
        return inputs[(cell * members + member) * inputCount + input];
    }

    public float output(int cell, int member, int output) {
        return outputs[(cell * members + member) * outputCount + output];
    }
}
