package org.emulens.io.study.gpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.io.study.StudyConfigException;

/**
 * A model bundle: one GPP emulator per {@link JulesPft} and one for the grid box, all over the same
 * features, compiled on one backend and evaluated on the same members. The PFT models take the features;
 * the grid-box model takes the features followed by the five fractions {@code frac_<pft>}. Closing the
 * bundle releases the compiled models (not the backend).
 */
public final class GppModelBundle implements AutoCloseable {
    private final List<String> features;
    private final List<Emulator> pftModels;
    private final Emulator gridBoxModel;
    private final List<CompiledEmulator> pftCompiled = new ArrayList<>();
    private final CompiledEmulator gridBoxCompiled;

    private GppModelBundle(List<String> features, List<Emulator> pftModels, Emulator gridBoxModel, Backend backend) {
        this.features = List.copyOf(features);
        this.pftModels = List.copyOf(pftModels);
        this.gridBoxModel = gridBoxModel;
        try {
            for (Emulator e : pftModels) {
                pftCompiled.add(backend.compile(e, TanhMode.EXACT));
            }
            this.gridBoxCompiled = backend.compile(gridBoxModel, TanhMode.EXACT);
        } catch (RuntimeException ex) {
            pftCompiled.forEach(CompiledEmulator::close);
            throw ex;
        }
    }

    /**
     * The bundle {@code gpp_<pft>_<featureSet>.onnx} and {@code gpp_gridbox_<featureSet>.onnx} from
     * {@code folder} (as written by {@code scripts/train/train_gpp_pft.py}).
     */
    public static GppModelBundle load(Path folder, String featureSet, Backend backend) {
        List<Emulator> pfts = new ArrayList<>();
        for (JulesPft p : JulesPft.ALL) {
            pfts.add(read(folder.resolve("gpp_" + p.id() + "_" + featureSet + ".onnx")));
        }
        return of(pfts, read(folder.resolve("gpp_gridbox_" + featureSet + ".onnx")), backend);
    }

    /**
     * A bundle from models in memory.
     *
     * @throws StudyConfigException naming the model and input if the inputs do not line up
     */
    public static GppModelBundle of(List<Emulator> pftModels, Emulator gridBoxModel, Backend backend) {
        if (pftModels.size() != JulesPft.ALL.size()) {
            throw new StudyConfigException("model bundle: expected " + JulesPft.ALL.size() + " PFT models, found "
                    + pftModels.size());
        }
        List<String> features = names(pftModels.get(0));
        for (Emulator e : pftModels) {
            requireOutputs(e);
            if (!names(e).equals(features)) {
                throw new StudyConfigException("model bundle: model '" + e.name() + "' has inputs " + names(e)
                        + ", expected the same as '" + pftModels.get(0).name() + "': " + features);
            }
        }
        requireOutputs(gridBoxModel);
        List<String> expected = new ArrayList<>(features);
        for (JulesPft p : JulesPft.ALL) {
            expected.add("frac_" + p.id());
        }
        if (!names(gridBoxModel).equals(expected)) {
            throw new StudyConfigException("model bundle: grid-box model '" + gridBoxModel.name() + "' has inputs "
                    + names(gridBoxModel) + ", expected " + expected);
        }
        return new GppModelBundle(features, pftModels, gridBoxModel, backend);
    }

    public List<String> features() {
        return features;
    }

    public List<Emulator> pftModels() {
        return pftModels;
    }

    public Emulator gridBoxModel() {
        return gridBoxModel;
    }

    /**
     * Evaluates every model on {@code members} rows. {@code features} is row-major {@code [members][F]},
     * {@code fractions} row-major {@code [members][5]}. Writes {@code pft[p * members + m]} (GPP of PFT
     * p), {@code mixed[m] = sum_p fractions[m][p] * pft[p][m]} and {@code gridBox[m]}.
     */
    public void evaluate(float[] features, float[] fractions, int members, float[] pft, float[] mixed,
            float[] gridBox) {
        int f = this.features.size();
        int n = JulesPft.ALL.size();
        float[] one = new float[members];
        for (int p = 0; p < n; p++) {
            pftCompiled.get(p).evaluate(features, one, members);
            System.arraycopy(one, 0, pft, p * members, members);
        }
        for (int m = 0; m < members; m++) {
            // summed in double in PFT order, so the mix is the same whatever the backend's row order
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += (double) fractions[m * n + p] * pft[p * members + m];
            }
            mixed[m] = (float) s;
        }
        if (gridBox != null) {
            float[] rows = new float[members * (f + n)];
            for (int m = 0; m < members; m++) {
                System.arraycopy(features, m * f, rows, m * (f + n), f);
                System.arraycopy(fractions, m * n, rows, m * (f + n) + f, n);
            }
            gridBoxCompiled.evaluate(rows, gridBox, members);
        }
    }

    @Override
    public void close() {
        pftCompiled.forEach(CompiledEmulator::close);
        gridBoxCompiled.close();
    }

    private static Emulator read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StudyConfigException("model bundle: " + file + ": no such file");
        }
        return ModelFiles.read(file);
    }

    private static List<String> names(Emulator e) {
        return e.inputs().stream().map(Variable::name).toList();
    }

    private static void requireOutputs(Emulator e) {
        if (e.family() != ModelFamily.MLP) {
            throw new StudyConfigException("model bundle: model '" + e.name() + "' is a " + e.family().description()
                    + "; the GPP study's gradient maps need multilayer perceptrons");
        }
        if (e.outputCount() != 1) {
            throw new StudyConfigException("model bundle: model '" + e.name() + "' has " + e.outputCount()
                    + " outputs, expected 1 (GPP)");
        }
    }
}
