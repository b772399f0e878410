package org.emulens.ensemble.design;

import java.util.Arrays;

/** Random permutations built from addressable uniforms, for the Latin hypercube and Morris designs. */
final class RandomPermutation {
    private RandomPermutation() {
    }

    /**
     * The rank of each key among all keys (ties broken by position): for independent uniform keys, a uniformly
     * random permutation of {@code 0 .. n-1}. Sorting keys, rather than shuffling, keeps the permutation a pure
     * function of addressable uniforms.
     */
    static int[] fromKeys(double[] keys) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
        int[] rank = new int[keys.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
