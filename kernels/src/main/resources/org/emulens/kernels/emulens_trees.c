/*
 * Tree-ensemble forward function for the fused kernels (ONNX-ML TreeEnsembleRegressor, post-transform NONE).
 * emulens_fused.c includes this file and calls emu_forward_trees from emu_forward when the descriptor's
 * family is EMU_FAMILY_TREES, so trees run inside the same passes as MLPs: draws -> perturbation -> model ->
 * statistics.
 *
 * Layout, written by org.emulens.kernels.internal.PackedTrees (change both sides together): the model
 * descriptor's EMU_DESC_TREES field is the index in desc of a tree header of EMU_TREE_FIELDS ints; nodes are
 * EMU_NODE_FIELDS ints each, children are node indices in the same flat array (a GPU-friendly layout: no
 * pointers, one int load per field), thresholds, leaf weights and base values are floats in params.
 *
 * Arithmetic, as org.emulens.engine.trees.TreeEnsemble (the CPU reference) does it, so both give the same
 * bits: the comparisons are exact; weights are summed in float in tree order, then divided by the tree
 * count (AVERAGE) and added to the base value, each operation rounded on its own.
 */
#include "emulens_portability.h"

#ifndef EMULENS_TREES_C
#define EMULENS_TREES_C

#define EMU_FAMILY_MLP 0
#define EMU_FAMILY_TREES 1

#define EMU_TREE_COUNT 0        /* number of trees */
#define EMU_TREE_AGGREGATE 1    /* 0 SUM, 1 AVERAGE */
#define EMU_TREE_ROOTS 2        /* desc offset of the trees' root node indices */
#define EMU_TREE_NODES 3        /* desc offset of the node records */
#define EMU_TREE_THRESHOLDS 4   /* params offset of one threshold per node */
#define EMU_TREE_WEIGHT_IDS 5   /* desc offset of the leaf weights' target indices */
#define EMU_TREE_WEIGHTS 6      /* params offset of the leaf weights */
#define EMU_TREE_BASE 7         /* params offset of the k base values */
#define EMU_TREE_FIELDS 8

#define EMU_NODE_MODE 0         /* EMU_NODE_* mode, plus EMU_NODE_MISSING_TRUE */
#define EMU_NODE_FEATURE 1      /* input index tested */
#define EMU_NODE_TRUE 2         /* branch: true child; leaf: first weight */
#define EMU_NODE_FALSE 3        /* branch: false child; leaf: weight count */
#define EMU_NODE_FIELDS 4

/* org.emulens.engine.trees.NodeMode codes. */
#define EMU_NODE_LEAF 0
#define EMU_NODE_LEQ 1
#define EMU_NODE_LT 2
#define EMU_NODE_GTE 3
#define EMU_NODE_GT 4
#define EMU_NODE_EQ 5
#define EMU_NODE_NEQ 6
#define EMU_NODE_MODE_MASK 0xff
#define EMU_NODE_MISSING_TRUE 0x100 /* a missing (NaN) input goes to the true child */

/* Whether a branch node sends x to its true child: the comparison (IEEE, so only NEQ holds for NaN), or a
 * missing value on a node whose missing values track true. */
EMU_FN int emu_tree_goes_true(int mode, float x, float threshold) {
    int holds;
    switch (mode & EMU_NODE_MODE_MASK) {
        case EMU_NODE_LEQ:
            holds = x <= threshold;
            break;
        case EMU_NODE_LT:
            holds = x < threshold;
            break;
        case EMU_NODE_GTE:
            holds = x >= threshold;
            break;
        case EMU_NODE_GT:
            holds = x > threshold;
            break;
        case EMU_NODE_EQ:
            holds = x == threshold;
            break;
        default: /* EMU_NODE_NEQ */
            holds = x != threshold;
            break;
    }
    return holds || ((mode & EMU_NODE_MISSING_TRUE) != 0 && x != x);
}

/* Evaluates one member whose raw inputs are in a[0 .. d); writes its k outputs to b and returns b. */
EMU_FN float* emu_forward_trees(EMU_PSPACE const float* p, EMU_PSPACE const int* desc, int trees_at, int k,
                                float* a, float* b) {
    EMU_PSPACE const int* t = desc + trees_at;
    int count = t[EMU_TREE_COUNT];
    EMU_PSPACE const int* roots = desc + t[EMU_TREE_ROOTS];
    EMU_PSPACE const int* nodes = desc + t[EMU_TREE_NODES];
    EMU_PSPACE const float* thresholds = p + t[EMU_TREE_THRESHOLDS];
    EMU_PSPACE const int* weight_ids = desc + t[EMU_TREE_WEIGHT_IDS];
    EMU_PSPACE const float* weights = p + t[EMU_TREE_WEIGHTS];
    EMU_PSPACE const float* base = p + t[EMU_TREE_BASE];
    for (int j = 0; j < k; j++) {
        b[j] = 0.0f;
    }
    for (int tree = 0; tree < count; tree++) {
        int n = roots[tree];
        EMU_PSPACE const int* node = nodes + n * EMU_NODE_FIELDS;
        int mode = node[EMU_NODE_MODE];
        while ((mode & EMU_NODE_MODE_MASK) != EMU_NODE_LEAF) {
            float x = a[node[EMU_NODE_FEATURE]];
            n = emu_tree_goes_true(mode, x, thresholds[n]) ? node[EMU_NODE_TRUE] : node[EMU_NODE_FALSE];
            node = nodes + n * EMU_NODE_FIELDS;
            mode = node[EMU_NODE_MODE];
        }
        int first = node[EMU_NODE_TRUE];
        int end = first + node[EMU_NODE_FALSE];
        for (int w = first; w < end; w++) {
            int j = weight_ids[w];
            b[j] = b[j] + weights[w];
        }
    }
    int average = t[EMU_TREE_AGGREGATE] == 1;
    for (int j = 0; j < k; j++) {
        float s = b[j];
        if (average) {
            s = s / (float) count;
        }
        b[j] = s + base[j];
    }
    return b;
}

#endif /* EMULENS_TREES_C */
