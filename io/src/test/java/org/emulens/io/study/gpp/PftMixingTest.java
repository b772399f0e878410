package org.emulens.io.study.gpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.cpu.CpuBackend;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.products.LandCoverCrosswalk;
import org.junit.jupiter.api.Test;

class PftMixingTest {
    private static final List<String> FEATURES = List.of("a", "b");

    /**
     * Rows of Poulter et al. (2015), Table 3, in percent (tree_be, tree_bd, ..., natural_grass, managed_grass):
     * 50 = 90 tree_be, 5 shrub_be, 5 shrub_bd; 60 = 70 tree_bd, 15 shrub_bd, 15 natural_grass;
     * 130 = 60 natural_grass, 40 bare; 10 = 100 managed_grass. Four pixels, one of each, with a C4 share of
     * grass of 0.25, by hand: bt = (0.9 + 0.7) / 4 = 0.4; nt = 0; grass = (0.15 + 0.6 + 1) / 4 = 0.4375, so
     * c3 = 0.328125 and c4 = 0.109375; shrub = (0.1 + 0.15) / 4 = 0.0625.
     */
    private static final double[] HAND_FRACTIONS = {0.4, 0, 0.328125, 0.109375, 0.0625};

    @Test
    void fractionsOfTheCrossWalkRowsMatchAHandComputation() {
        PftFractions f = PftFractions.of(LandCoverCrosswalk.poulter2015(), 0.25);
        assertArrayEquals(new double[] {0.9, 0, 0, 0, 0.1}, f.of(50), 1e-12);
        assertArrayEquals(new double[] {0, 0.7, 0.1125, 0.0375, 0.15}, f.of(70), 1e-12);
        double[] sum = new double[5];
        for (int c : new int[] {50, 60, 130, 10}) {
            f.addTo(c, 0.25, sum);
        }
        assertArrayEquals(HAND_FRACTIONS, sum, 1e-12);
    }

    /**
     * PFT GPPs fixed at bt 5, nt 4, c3 3, c4 6, shrub 2 (constant models): the mixed GPP is
     * 0.4 * 5 + 0 * 4 + 0.328125 * 3 + 0.109375 * 6 + 0.0625 * 2 = 3.765625, exactly in float. The grid-box
     * model is the same sum written as a linear function of its fraction inputs, so it gives the same value
     * only if the fractions reach it in PFT order.
     */
    @Test
    void mixedAndGridBoxGppMatchTheHandSum() {
        float[] gpp = {5, 4, 3, 6, 2};
        List<Emulator> pfts = new ArrayList<>();
        for (JulesPft p : JulesPft.ALL) {
            pfts.add(GppTestModels.linear("gpp_" + p.id(), FEATURES, new float[] {0, 0}, gpp[p.ordinal()]));
        }
        Emulator gridBox = GppTestModels.linear("gpp_gridbox", GppTestModels.withFractions(FEATURES),
                new float[] {0, 0, 5, 4, 3, 6, 2}, 0);
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(40, 41, 0, 2), 1.0);
        float[] zeros = new float[4];
        GppInputs in = new GppInputs(grid, FEATURES, new float[] {1, 2, 1, 2}, zeros, zeros, zeros,
                new float[] {Float.NaN, Float.NaN}, new int[][] {{50, 60, 130, 10}, {}});
        try (CpuBackend b = new CpuBackend(1); GppModelBundle bundle = GppModelBundle.of(pfts, gridBox, b)) {
            GppResults r = new GppEnsemble(bundle, PftFractions.of(LandCoverCrosswalk.poulter2015(), 0.25),
                    ClassConfusion.none(), 8, 1, 16).run(in);
            assertEquals(3.765625f, r.mean(GppResults.Quantity.PFT_MIXED, 0), 1e-6f);
            assertEquals(3.765625f, r.mean(GppResults.Quantity.GRID_BOX, 0), 1e-6f);
            assertEquals(0f, r.sd(GppResults.Quantity.PFT_MIXED, 0), 1e-6f);
            for (JulesPft p : JulesPft.ALL) {
                assertEquals(HAND_FRACTIONS[p.ordinal()], r.fraction(0, p), 1e-7, p.id());
            }
            // a cell without land-cover pixels has no result rather than a GPP of bare ground
            assertEquals(Float.NaN, r.mean(GppResults.Quantity.PFT_MIXED, 1));
            assertEquals(InputAttribution.NONE, r.dominant(1));
        }
    }
}
