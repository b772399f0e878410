package org.emulens.engine.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelSidecar;
import org.emulens.engine.Variable;
import org.emulens.engine.config.YamlNode;
import org.emulens.engine.trees.NodeMode;
import org.emulens.engine.trees.TreeEnsemble;

/**
 * Reads an ONNX-ML {@code TreeEnsembleRegressor} graph (domain {@code ai.onnx.ml}, opsets 1 to 3) into
 * a {@link TreeEnsemble}, as skl2onnx writes random forests and gradient boosting and onnxmltools
 * writes XGBoost and LightGBM models. The graph must be that one node on the float input row.
 * Post-transforms other than NONE, aggregates other than SUM and AVERAGE, and attributes this reader
 * does not know are errors that name the attribute, rather than silently different numbers.
 */
final class TreeEnsembleImporter {
    static final String OP = "TreeEnsembleRegressor";
    /** ONNX metadata key under which an exporter may store the fitting library's feature importances. */
    static final String IMPORTANCES_KEY = "emulens.importances";
    private static final String ML_DOMAIN = "ai.onnx.ml";
    private static final int FLOAT = 1;
    private static final Set<String> KNOWN = Set.of("aggregate_function", "base_values", "base_values_as_tensor",
            "n_targets", "nodes_falsenodeids", "nodes_featureids", "nodes_hitrates", "nodes_hitrates_as_tensor",
            "nodes_missing_value_tracks_true", "nodes_modes", "nodes_nodeids", "nodes_treeids", "nodes_truenodeids",
            "nodes_values", "nodes_values_as_tensor", "post_transform", "target_ids", "target_nodeids",
            "target_treeids", "target_weights", "target_weights_as_tensor");

    private TreeEnsembleImporter() {
    }

    static boolean isTreeGraph(GraphProto g) {
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals(OP) || n.getOpType().equals("TreeEnsemble")
                    || n.getOpType().equals("TreeEnsembleClassifier")) {
                return true;
            }
        }
        return false;
    }

    static Emulator convert(Path file, ModelProto model, ModelSidecar sidecar) {
        GraphProto g = model.getGraph();
        if (g.getNodeCount() != 1 || !g.getNode(0).getOpType().equals(OP)) {
            List<String> ops = new ArrayList<>();
            g.getNodeList().forEach(n -> ops.add(n.getOpType()));
            throw new IllegalArgumentException("a tree-ensemble graph must be a single " + OP + " node (ai.onnx.ml); "
                    + "found nodes " + ops);
        }
        NodeProto node = g.getNode(0);
        String where = "node '" + node.getName() + "' (" + OP + ")";
        if (!ML_DOMAIN.equals(node.getDomain())) {
            throw new IllegalArgumentException(where + ": expected domain " + ML_DOMAIN + ", found '"
                    + node.getDomain() + "'");
        }
        ValueInfoProto input = OnnxImporter.singleInput(g, Set.of());
        if (node.getInputCount() != 1 || !node.getInput(0).equals(input.getName())) {
            throw new IllegalArgumentException(where + " must read the graph input '" + input.getName() + "'");
        }
        if (g.getOutputCount() != 1 || node.getOutputCount() != 1
                || !g.getOutput(0).getName().equals(node.getOutput(0))) {
            throw new IllegalArgumentException(where + " must write the one graph output");
        }
        int width = OnnxImporter.featureCount(input);
        int type = input.getType().getTensorType().getElemType();
        if (type != FLOAT) {
            // Thresholds compared with float inputs can send a row another way than with doubles.
            throw new IllegalArgumentException("input '" + input.getName() + "' has ONNX element type " + type
                    + "; expected 1 (float), the type the engine evaluates trees in");
        }
        Attributes a = new Attributes(node, where);
        TreeEnsemble trees = trees(a, width, where);

        String stem = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        Emulator.Builder b = Emulator.builder().name(stem).trees(trees)
                .metadata("source", file.getFileName().toString());
        if (!model.getProducerName().isEmpty()) {
            b.metadata("producer", (model.getProducerName() + " " + model.getProducerVersion()).trim());
        }
        importances(file, model, width).ifPresent(i -> b.metadata(TreeEnsemble.IMPORTANCE_METADATA_PREFIX + i.getKey(),
                i.getValue()));
        if (sidecar == null) {
            for (int i = 0; i < width; i++) {
                b.input(Variable.of("x" + i, "1"));
            }
            for (int j = 0; j < trees.targets(); j++) {
                b.output(Variable.of("y" + j, "1"));
            }
            b.metadata("sidecar", "none: names x0.., y0.. and units '1' were assumed");
            return b.build();
        }
        if (sidecar.inputNormalisation() != null || sidecar.outputDenormalisation() != null) {
            throw new IllegalArgumentException("the sidecar gives normalisation, but a tree ensemble compares its "
                    + "inputs with thresholds in the units the trees were trained in; expected none");
        }
        if (sidecar.inputs().size() != width || sidecar.outputs().size() != trees.targets()) {
            throw new IllegalArgumentException("the sidecar names " + sidecar.inputs().size() + " inputs and "
                    + sidecar.outputs().size() + " outputs but the trees take " + width + " and give "
                    + trees.targets());
        }
        b.inputs(sidecar.inputs()).outputs(sidecar.outputs());
        if (sidecar.name() != null) {
            b.name(sidecar.name());
        }
        if (!sidecar.description().isEmpty()) {
            b.metadata("description", sidecar.description());
        }
        sidecar.metadata().forEach(b::metadata);
        return b.build();
    }

    /**
     * The fitting library's feature importances, if the exporter stored them under {@value #IMPORTANCES_KEY}
     * ({@code kind: impurity|gain|...} and {@code values: [one per input]}), as (kind, "v0, v1, ...").
     */
    private static java.util.Optional<Map.Entry<String, String>> importances(Path file, ModelProto model, int width) {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (!IMPORTANCES_KEY.equals(e.getKey())) {
                continue;
            }
            YamlNode root = YamlNode.parse(e.getValue(), file + " metadata '" + IMPORTANCES_KEY + "'")
                    .requireKeys(Set.of("kind", "values"));
            float[] values = root.get("values").asFloatArray();
            if (values.length != width) {
                throw root.get("values").error("expected " + width + " importances (one per input), found "
                        + values.length);
            }
            StringBuilder text = new StringBuilder();
            for (float v : values) {
                text.append(text.length() == 0 ? "" : ", ").append(v);
            }
            return java.util.Optional.of(Map.entry(root.get("kind").asString(), text.toString()));
        }
        return java.util.Optional.empty();
    }

    private static TreeEnsemble trees(Attributes a, int width, String where) {
        String post = a.string("post_transform", "NONE");
        if (!post.equals("NONE")) {
            throw new IllegalArgumentException(where + ": post_transform " + post + " is not supported; expected NONE "
                    + "(a regression emulator's raw output)");
        }
        String aggregateName = a.string("aggregate_function", "SUM");
        TreeEnsemble.Aggregate aggregate;
        switch (aggregateName) {
            case "SUM":
                aggregate = TreeEnsemble.Aggregate.SUM;
                break;
            case "AVERAGE":
                aggregate = TreeEnsemble.Aggregate.AVERAGE;
                break;
            default:
                throw new IllegalArgumentException(where + ": aggregate_function " + aggregateName
                        + " is not supported; expected SUM or AVERAGE");
        }
        long[] treeIds = a.ints("nodes_treeids");
        long[] nodeIds = a.ints("nodes_nodeids");
        long[] featureIds = a.ints("nodes_featureids");
        double[] values = a.reals("nodes_values");
        List<String> modeNames = a.strings("nodes_modes");
        long[] trueIds = a.ints("nodes_truenodeids");
        long[] falseIds = a.ints("nodes_falsenodeids");
        long[] missing = a.intsOrZeros("nodes_missing_value_tracks_true", treeIds.length);
        int n = treeIds.length;
        for (Object[] array : new Object[][] {{"nodes_nodeids", nodeIds.length}, {"nodes_featureids", featureIds.length},
            {"nodes_values", values.length}, {"nodes_modes", modeNames.size()}, {"nodes_truenodeids", trueIds.length},
            {"nodes_falsenodeids", falseIds.length}, {"nodes_missing_value_tracks_true", missing.length}}) {
            if ((int) array[1] != n) {
                throw new IllegalArgumentException(where + ": " + array[0] + " has " + array[1] + " entries, "
                        + "nodes_treeids " + n);
            }
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (index.put(key(treeIds[i], nodeIds[i]), i) != null) {
                throw new IllegalArgumentException(where + ": tree " + treeIds[i] + " node " + nodeIds[i]
                        + " appears twice");
            }
        }
        NodeMode[] modes = new NodeMode[n];
        int[] features = new int[n];
        float[] thresholds = new float[n];
        int[] trueChildren = new int[n];
        int[] falseChildren = new int[n];
        boolean[] missingTrue = new boolean[n];
        boolean[] isChild = new boolean[n];
        for (int i = 0; i < n; i++) {
            modes[i] = NodeMode.ofOnnx(modeNames.get(i));
            if (modes[i] == null) {
                throw new IllegalArgumentException(where + ": node " + i + " has mode '" + modeNames.get(i)
                        + "'; expected LEAF or BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, BRANCH_NEQ");
            }
            if (missing[i] != 0 && missing[i] != 1) {
                throw new IllegalArgumentException(where + ": nodes_missing_value_tracks_true[" + i + "] is "
                        + missing[i] + ", expected 0 or 1");
            }
            missingTrue[i] = missing[i] == 1;
            if (modes[i] == NodeMode.LEAF) {
                continue;
            }
            features[i] = Math.toIntExact(featureIds[i]);
            thresholds[i] = (float) values[i];
            trueChildren[i] = child(index, treeIds[i], trueIds[i], where, i);
            falseChildren[i] = child(index, treeIds[i], falseIds[i], where, i);
            isChild[trueChildren[i]] = true;
            isChild[falseChildren[i]] = true;
        }
        // Trees in ascending id: the order the scores are summed in.
        TreeMap<Long, Integer> roots = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (!isChild[i] && roots.put(treeIds[i], i) != null) {
                throw new IllegalArgumentException(where + ": tree " + treeIds[i] + " has more than one root");
            }
        }
        long[] tTree = a.ints("target_treeids");
        long[] tNode = a.ints("target_nodeids");
        long[] tIds = a.ints("target_ids");
        double[] tWeights = a.reals("target_weights");
        if (tNode.length != tTree.length || tIds.length != tTree.length || tWeights.length != tTree.length) {
            throw new IllegalArgumentException(where + ": target_treeids, target_nodeids, target_ids and "
                    + "target_weights differ in length (" + tTree.length + ", " + tNode.length + ", " + tIds.length
                    + ", " + tWeights.length + ")");
        }
        int targets = Math.toIntExact(a.integer("n_targets", 1));
        List<List<Integer>> perLeaf = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perLeaf.add(new ArrayList<>());
        }
        for (int w = 0; w < tTree.length; w++) {
            Integer leaf = index.get(key(tTree[w], tNode[w]));
            if (leaf == null || modes[leaf] != NodeMode.LEAF) {
                throw new IllegalArgumentException(where + ": target weight " + w + " is for tree " + tTree[w]
                        + " node " + tNode[w] + ", which is not a leaf");
            }
            perLeaf.get(leaf).add(w);
        }
        int[] leafFirst = new int[n];
        int[] leafCount = new int[n];
        int[] weightTargets = new int[tTree.length];
        float[] weightValues = new float[tTree.length];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (modes[i] != NodeMode.LEAF) {
                continue;
            }
            leafFirst[i] = at;
            leafCount[i] = perLeaf.get(i).size();
            for (int w : perLeaf.get(i)) {
                weightTargets[at] = Math.toIntExact(tIds[w]);
                weightValues[at] = (float) tWeights[w];
                at++;
            }
        }
        double[] base = a.realsOrNull("base_values");
        float[] baseValues = null;
        if (base != null) {
            if (base.length != targets) {
                throw new IllegalArgumentException(where + ": base_values has " + base.length + " values, n_targets is "
                        + targets);
            }
            baseValues = new float[targets];
            for (int j = 0; j < targets; j++) {
                baseValues[j] = (float) base[j];
            }
        }
        return TreeEnsemble.builder().inputs(width).targets(targets)
                .roots(roots.values().stream().mapToInt(Integer::intValue).toArray())
                .nodes(modes, features, thresholds, trueChildren, falseChildren, missingTrue, leafFirst, leafCount)
                .weights(weightTargets, weightValues).aggregate(aggregate).baseValues(baseValues).build();
    }

    private static int child(Map<Long, Integer> index, long tree, long id, String where, int node) {
        Integer c = index.get(key(tree, id));
        if (c == null) {
            throw new IllegalArgumentException(where + ": node " + node + " of tree " + tree + " points to node " + id
                    + ", which that tree does not have");
        }
        return c;
    }

    private static long key(long tree, long node) {
        return (tree << 32) ^ (node & 0xFFFF_FFFFL);
    }

    /** The node's attributes by name, each read once, unknown names rejected. */
    private static final class Attributes {
        private final Map<String, AttributeProto> byName = new HashMap<>();
        private final String where;

        Attributes(NodeProto node, String where) {
            this.where = where;
            for (AttributeProto a : node.getAttributeList()) {
                if (!KNOWN.contains(a.getName())) {
                    throw new IllegalArgumentException(where + ": attribute '" + a.getName() + "' is not supported");
                }
                byName.put(a.getName(), a);
            }
        }

        String string(String name, String absent) {
            AttributeProto a = byName.get(name);
            return a == null ? absent : a.getS().toStringUtf8();
        }

        long integer(String name, long absent) {
            AttributeProto a = byName.get(name);
            return a == null ? absent : a.getI();
        }

        long[] ints(String name) {
            AttributeProto a = byName.get(name);
            if (a == null) {
                throw new IllegalArgumentException(where + ": attribute '" + name + "' is missing");
            }
            return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }

        long[] intsOrZeros(String name, int n) {
            return byName.containsKey(name) ? ints(name) : new long[n];
        }

        List<String> strings(String name) {
            AttributeProto a = byName.get(name);
            if (a == null) {
                throw new IllegalArgumentException(where + ": attribute '" + name + "' is missing");
            }
            List<String> out = new ArrayList<>();
            a.getStringsList().forEach(s -> out.add(s.toStringUtf8()));
            return out;
        }

        /** A float list, or its {@code NAME_as_tensor} form (float or double). */
        double[] reals(String name) {
            double[] v = realsOrNull(name);
            if (v == null) {
                throw new IllegalArgumentException(where + ": attribute '" + name + "' (or '" + name
                        + "_as_tensor') is missing");
            }
            return v;
        }

        double[] realsOrNull(String name) {
            AttributeProto list = byName.get(name);
            AttributeProto tensor = byName.get(name + "_as_tensor");
            if (list != null && tensor != null) {
                throw new IllegalArgumentException(where + ": both '" + name + "' and '" + name + "_as_tensor' are "
                        + "given; expected one");
            }
            if (tensor != null) {
                return OnnxConstant.decode(tensor.getT(), where + " attribute '" + name + "_as_tensor'").values();
            }
            return list == null ? null : list.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
        }
    }
}
