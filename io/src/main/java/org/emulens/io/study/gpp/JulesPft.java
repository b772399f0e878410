package org.emulens.io.study.gpp;

import java.util.List;

/** The five JULES plant functional types of the GPP study, in the order models and fractions use. */
public enum JulesPft {
    BROADLEAF_TREE("bt", "broadleaf tree"),
    NEEDLELEAF_TREE("nt", "needleleaf tree"),
    C3_GRASS("c3", "C3 grass"),
    C4_GRASS("c4", "C4 grass"),
    SHRUB("sh", "shrub");

    /** The PFTs in model and fraction order. */
    public static final List<JulesPft> ALL = List.of(values());

    private final String id;
    private final String label;

    JulesPft(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Short name used in model files ({@code gpp_<id>_<features>.onnx}) and output variables. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
