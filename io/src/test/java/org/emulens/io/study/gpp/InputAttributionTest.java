package org.emulens.io.study.gpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.products.LandCoverCrosswalk;
import org.junit.jupiter.api.Test;

class InputAttributionTest {
    private static final List<String> FEATURES = List.of("lst", "ssm", "sw");

    /**
     * Every PFT model is GPP = 0.1 lst + 20 ssm + 0.01 sw (+ a PFT offset), so the mixed GPP is linear in the
     * features with those coefficients whatever the fractions (class 50 gives 90 % broadleaf and 10 % shrub,
     * summing to 1). For a linear model of independent normal inputs S1_i = ST_i = a_i^2 s_i^2 / sum_j a_j^2
     * s_j^2. Cell 0: sds 1, 0.05, 10 give 0.01, 1, 0.01: ssm dominates, S1 = 0.98. Cell 1: sds 1, 0.01, 100
     * give 0.01, 0.04, 1: sw dominates, S1 = 1 / 1.05. The Saltelli estimators on 512 base samples are within
     * 0.03 of these here (their error for a linear model is a few 1/sqrt(N) of the small indices).
     */
    @Test
    void theDominanceMapNamesTheInputBuiltToDominate() {
        List<Emulator> pfts = new ArrayList<>();
        for (JulesPft p : JulesPft.ALL) {
            pfts.add(GppTestModels.linear("gpp_" + p.id(), FEATURES, new float[] {0.1f, 20f, 0.01f}, p.ordinal()));
        }
        Emulator gridBox = GppTestModels.linear("gpp_gridbox", GppTestModels.withFractions(FEATURES),
                new float[8], 0);
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(40, 41, 0, 2), 1.0);
        float[] nominal = {290, 0.25f, 200, 290, 0.25f, 200};
        float[] sdRandom = {1, 0.05f, 10, 1, 0.01f, 100};
        float[] zeros = new float[6];
        GppInputs in = new GppInputs(grid, FEATURES, nominal, sdRandom, zeros, zeros,
                new float[] {Float.NaN, Float.NaN, Float.NaN}, new int[][] {{50}, {50}});
        try (CpuBackend b = new CpuBackend(1); GppModelBundle bundle = GppModelBundle.of(pfts, gridBox, b)) {
            GppResults r = new GppEnsemble(bundle, PftFractions.of(LandCoverCrosswalk.poulter2015(), 0),
                    ClassConfusion.none(), 2000, 3, 512).run(in);
            assertEquals(1, r.dominant(0));
            assertEquals(2, r.dominant(1));
            double[][] s = {{0.01 / 1.02, 1 / 1.02, 0.01 / 1.02}, {0.01 / 1.05, 0.04 / 1.05, 1 / 1.05}};
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(s[c][k], r.s1(c, k), 0.03, "S1 cell " + c + " " + FEATURES.get(k));
                    assertEquals(s[c][k], r.st(c, k), 0.03, "ST cell " + c + " " + FEATURES.get(k));
                    // the gradient of a linear mix is its coefficient: fractions 0.9 + 0.1
                    assertEquals(new double[] {0.1, 20, 0.01}[k], r.gradient(c, k), 1e-5);
                }
            }
            // the members' spread is that of the linear model: sd = sqrt(sum a^2 s^2) = sqrt(1.02) in cell 0; a
            // sample sd of 2000 members has sd 1.01 / sqrt(4000) = 0.016, so 0.08 is 5 of those
            assertEquals(Math.sqrt(1.02), r.sd(GppResults.Quantity.PFT_MIXED, 0), 0.08);
        }
    }
}
