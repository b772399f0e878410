package org.emulens.io.study.gpp;

import java.util.ArrayList;
import java.util.List;
import org.emulens.engine.Activation;
import org.emulens.engine.DenseLayer;
import org.emulens.engine.Emulator;
import org.emulens.engine.Variable;

/** Hand-built linear GPP models whose outputs and sensitivities can be worked out by hand. */
final class GppTestModels {
    private GppTestModels() {
    }

    /** {@code y = bias + sum_k weights[k] * x_k} over inputs named {@code names}. */
    static Emulator linear(String name, List<String> names, float[] weights, float bias) {
        Emulator.Builder b = Emulator.builder().name(name);
        for (String n : names) {
            b.input(Variable.of(n, "1"));
        }
        return b.output(Variable.of("gpp", "g C m-2 d-1"))
                .layer(new DenseLayer(names.size(), 1, weights, new float[] {bias}, Activation.IDENTITY)).build();
    }

    /** The grid-box input names: the features, then frac_bt .. frac_sh. */
    static List<String> withFractions(List<String> features) {
        List<String> all = new ArrayList<>(features);
        for (JulesPft p : JulesPft.ALL) {
            all.add("frac_" + p.id());
        }
        return all;
    }
}
