package org.emulens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFamily;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.RunProvenance;
import org.emulens.io.products.LandCoverCrosswalk;
import org.emulens.io.study.gpp.ClassConfusion;
import org.emulens.io.study.gpp.GppEnsemble;
import org.emulens.io.study.gpp.GppInputFiles;
import org.emulens.io.study.gpp.GppInputs;
import org.emulens.io.study.gpp.GppModelBundle;
import org.emulens.io.study.gpp.GppReport;
import org.emulens.io.study.gpp.GppResults;
import org.emulens.io.study.gpp.PftFractions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The European GPP study: PFT and grid-box GPP emulators on EO inputs, land-cover mixing, explainability maps. */
@Command(name = "gpp", mixinStandardHelpOptions = true,
        description = {"GPP study: per-PFT and grid-box GPP emulators driven by EO inputs (LST min/max, surface "
                + "soil moisture, VIS/NIR white-sky albedo, shortwave), PFT fractions from ESA CCI land cover with "
                + "classification uncertainty, and per-cell input gradients, Sobol' indices and the dominant input.",
                "Writes gpp.nc (CF-1.8), PNG quick-looks and summary.csv to --out. See docs/GPP.md."})
final class GppCommand implements Runnable {
    @Option(names = "--inputs", required = true, paramLabel = "DIR",
            description = "Folder with lst.nc, ssm.nc, albedo.nc, sw.nc and landcover.nc.")
    Path inputs;

    @Option(names = "--models", defaultValue = "models/gpp_pft", paramLabel = "DIR",
            description = "Folder of the model bundle gpp_<pft>_eo.onnx. Default: ${DEFAULT-VALUE}.")
    Path models;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--region", defaultValue = "35,70,-10,30", split = ",", paramLabel = "S,N,W,E",
            description = "Study region in degrees. Default: ${DEFAULT-VALUE}.")
    double[] region;

    @Option(names = "--step", defaultValue = "1.0", paramLabel = "DEG",
            description = "Study grid spacing in degrees. Default: ${DEFAULT-VALUE}.")
    double step;

    @Option(names = {"-m", "--members"}, defaultValue = "256", description = "Members per cell. Default: ${DEFAULT-VALUE}.")
    int members;

    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sobol-samples", defaultValue = "64", paramLabel = "N",
            description = "Saltelli base samples per cell (power of two). Default: ${DEFAULT-VALUE}.")
    int sobolSamples;

    @Option(names = "--c4-grass-share", defaultValue = "0.1", paramLabel = "F",
            description = "Share of the cross-walk's grass that is C4. Default: ${DEFAULT-VALUE}.")
    double c4Share;

    @Option(names = "--land-cover-accuracy", defaultValue = "0.8", paramLabel = "P",
            description = "Probability that a pixel's mapped class is right; 1 turns confusion off. Default: ${DEFAULT-VALUE}.")
    double accuracy;

    @Option(names = "--lst-length-km", defaultValue = "100", paramLabel = "KM",
            description = "Length scale of LST's locally correlated errors. Default: ${DEFAULT-VALUE}.")
    double lstLengthKm;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", description = "Backend. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (region.length != 4) {
            throw new ParameterException(spec.commandLine(), "--region: expected S,N,W,E, found " + region.length
                    + " numbers");
        }
        PrintWriter err = spec.commandLine().getErr();
        LatLonGrid grid = LatLonGrid.regular(GeoBox.of(region[0], region[1], region[2], region[3]), step);
        GppInputs in = GppInputFiles.readEo(inputs, grid, lstLengthKm);
        PftFractions fractions = PftFractions.of(LandCoverCrosswalk.poulter2015(), c4Share);
        ClassConfusion confusion = accuracy == 1 ? ClassConfusion.none()
                : ClassConfusion.ofAccuracy(classesIn(in), accuracy);
        try (Backend b = Backends.open(backend, BackendOptions.defaults(), ModelFamily.MLP);
             GppModelBundle bundle = GppModelBundle.load(models, "eo", b)) {
            err.printf("gpp: %d cells, %d members, backend %s (%s)%n", grid.cellCount(), members, b.name(), b.device());
            long t0 = System.nanoTime();
            GppResults r = new GppEnsemble(bundle, fractions, confusion, members, seed, sobolSamples).run(in);
            err.printf(Locale.ROOT, "gpp: ran in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            for (Path p : GppReport.write(r, provenance(b, bundle), out)) {
                err.println("wrote " + p);
            }
        }
        err.flush();
    }

    /** Every class present in the inputs: the confusion spreads a wrong classification over them. */
    private static List<Integer> classesIn(GppInputs in) {
        java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
        for (int c = 0; c < in.grid().cellCount(); c++) {
            for (int k : in.pixelClasses(c)) {
                set.add(k);
            }
        }
        return List.copyOf(set);
    }

    private Map<String, String> provenance(Backend b, GppModelBundle bundle) {
        Map<String, String> p = RunProvenance.of(b);
        p.put("emulens_seed", Long.toString(seed));
        p.put("emulens_members", Integer.toString(members));
        StringBuilder hashes = new StringBuilder();
        for (Emulator e : bundle.pftModels()) {
            hashes.append(e.name()).append(": ").append(e.hash()).append('\n');
        }
        hashes.append(bundle.gridBoxModel().name()).append(": ").append(bundle.gridBoxModel().hash());
        p.put("emulens_model_sha256", hashes.toString());
        p.put("emulens_features", String.join(" ", bundle.features()));
        p.put("emulens_inputs", inputs.toAbsolutePath().toString());
        p.put("emulens_land_cover", "Poulter et al. (2015) cross-walk, C4 share of grass " + c4Share
                + ", classification accuracy " + accuracy);
        p.put("emulens_sobol_base_samples", Integer.toString(sobolSamples));
        p.put("emulens_lst_correlation_length_km", Double.toString(lstLengthKm));
        return p;
    }
}
