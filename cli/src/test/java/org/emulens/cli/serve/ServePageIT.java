package org.emulens.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.emulens.engine.Emulator;
import org.emulens.engine.ModelFiles;
import org.emulens.engine.Variable;
import org.emulens.engine.backend.Backend;
import org.emulens.engine.backend.BackendOptions;
import org.emulens.engine.backend.Backends;
import org.emulens.engine.backend.CompiledEmulator;
import org.emulens.engine.backend.TanhMode;
import org.emulens.ensemble.design.Problem;
import org.emulens.ensemble.design.SaltelliDesign;
import org.emulens.ensemble.propagation.EnsemblePropagator;
import org.emulens.ensemble.propagation.MemberInputs;
import org.emulens.ensemble.sensitivity.BatchModel;
import org.emulens.ensemble.sensitivity.Bootstrap;
import org.emulens.ensemble.sensitivity.SobolAnalysis;
import org.emulens.ensemble.sensitivity.SobolIndices;
import org.emulens.ensemble.stats.CellStatistics;
import org.emulens.ensemble.stats.FixedBinHistogram;
import org.emulens.ensemble.stats.MergeableMoments;
import org.emulens.ensemble.stats.QuantileSketch;
import org.emulens.ensemble.stats.StatisticsSpec;
import org.emulens.ensemble.uncertainty.CellUncertainty;
import org.emulens.ensemble.uncertainty.ErrorShape;
import org.emulens.ensemble.uncertainty.MemberPerturber;
import org.emulens.ensemble.uncertainty.UncertaintyModel;
import org.emulens.io.grid.GridField;
import org.emulens.io.grid.LatLonGrid;
import org.emulens.io.netcdf.GridRegion;
import org.emulens.io.netcdf.NetcdfGridFile;
import org.emulens.io.study.Study;
import org.emulens.io.study.StudyFile;
import org.emulens.io.study.StudyRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code emulens serve} in a real headless Chromium: the model page follows a slider with the numbers the
 * engine computes, the study page shows the statistics of the cell clicked, and bad requests get 400s.
 *
 * <p>Expected values are computed here from the ensemble classes directly, with the page's documented
 * recipe (pilot of 2048 members, histogram over its range widened by a quarter each side, 60 bins), but
 * with another chunk size and thread count than the server's, which the propagator promises not to matter.
 */
class ServePageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path PROJECT = Path.of(System.getProperty("emulens.project.dir", "../..")).toAbsolutePath()
            .normalize();
    private static final Path SHARED = Path.of(System.getProperty("emulens.shared.dir", "../../shared"))
            .toAbsolutePath().normalize();
    private static final long SEED = 11;
    private static final long MEMBERS = 100_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final StringWriter log = new StringWriter();
    private EmulensServer server;
    private WebDriver browser;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        assertFalse(log.toString().contains("failed"), "the server logged a failure: " + log);
    }

    /** A fresh headless Chromium, or the test is skipped (with the reason printed) where there is none. */
    private WebDriver browser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.out.println("ServePageIT: skipped a browser test: no " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (scripts/setup.sh installs chromium and chromium-driver)");
        }
        assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1100",
                "--user-data-dir=" + Files.createDirectory(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(tmp.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        return browser;
    }

    private static InetSocketAddress anyFreePort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    // ---------------------------------------------------------------- model page

    @Test
    void theModelPageFollowsASliderWithTheEnginesNumbers() throws Exception {
        Emulator model = ModelFiles.read(PROJECT.resolve("models/gpp_lue.onnx"));
        server = EmulensServer.model(model, new EmulensServer.Options(anyFreePort(), "cpu", TanhMode.FAST, MEMBERS,
                1_000_000, SEED, 2, 2), new PrintWriter(log, true));
        WebDriver b = browser();
        b.get(server.address().toString());
        String first = settled(b, null);
        Map<?, ?> firstRequest = (Map<?, ?>) Json.parse(first);
        checkAgainstEngine(b, model, firstRequest);
        String firstMean = b.findElement(By.id("stat-mean")).getDomAttribute("data-value");
        List<String> firstCounts = counts(b);

        WebElement slider = b.findElement(By.id("slider-fapar"));
        double before = Double.parseDouble(slider.getDomProperty("value"));
        new Actions(b).clickAndHold(slider).moveByOffset(70, 0).release().perform();
        double after = Double.parseDouble(slider.getDomProperty("value"));
        assertTrue(after > before, "the slider moved right: " + before + " -> " + after);
        assertEquals(String.valueOf(after), String.valueOf(Double.parseDouble(
                b.findElement(By.id("value-fapar")).getDomProperty("value"))), "the value box follows the slider");

        String moved = settled(b, r -> inputValue(r, "fapar") == after);
        Map<?, ?> request = (Map<?, ?>) Json.parse(moved);
        assertEquals(after, inputValue(request, "fapar"));
        checkAgainstEngine(b, model, request);
        assertNotEquals(firstMean, b.findElement(By.id("stat-mean")).getDomAttribute("data-value"));
        assertNotEquals(firstCounts, counts(b), "the histogram changed");
    }

    /** Waits until the page shows the answer to a request that {@code accept}s, and returns that request. */
    private static String settled(WebDriver b, Function<Map<?, ?>, Boolean> accept) {
        return new WebDriverWait(b, WAIT).until(d -> {
            WebElement results = d.findElement(By.id("results"));
            String request = results.getDomAttribute("data-request");
            if (!"ready".equals(results.getDomAttribute("data-state")) || request == null) {
                return null;
            }
            assertEquals(null, results.getDomAttribute("data-error"), "the server refused the page's request");
            return accept == null || accept.apply((Map<?, ?>) Json.parse(request)) ? request : null;
        });
    }

    private static double inputValue(Map<?, ?> request, String input) {
        Map<?, ?> in = (Map<?, ?>) ((Map<?, ?>) request.get("inputs")).get(input);
        return ((Json.Number) in.get("value")).doubleValue();
    }

    private static double inputSd(Map<?, ?> request, String input) {
        Map<?, ?> in = (Map<?, ?>) ((Map<?, ?>) request.get("inputs")).get(input);
        return ((Json.Number) in.get("sd")).doubleValue();
    }

    private static List<String> counts(WebDriver b) {
        List<String> out = new ArrayList<>();
        for (WebElement bar : b.findElements(By.cssSelector("#histogram rect.bar"))) {
            out.add(bar.getDomAttribute("data-count"));
        }
        return out;
    }

    private static double shown(WebDriver b, String id) {
        return Double.parseDouble(b.findElement(By.id(id)).getDomAttribute("data-value"));
    }

    /** The page's numbers for {@code request} against the engine's, computed here. */
    private static void checkAgainstEngine(WebDriver b, Emulator model, Map<?, ?> request) {
        int d = model.inputCount();
        double[] values = new double[d];
        double[] sds = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = inputValue(request, model.inputs().get(i).name());
            sds[i] = inputSd(request, model.inputs().get(i).name());
        }
        assertEquals(MEMBERS, ((Json.Number) request.get("members")).wholeValue());
        assertEquals(Boolean.FALSE, request.get("truncate"));
        try (Backend backend = Backends.open("cpu", new BackendOptions(1, 0));
                CompiledEmulator c = backend.compile(model, TanhMode.FAST)) {
            CellStatistics s = ensemble(c, values, sds);
            MergeableMoments m = s.moments();
            QuantileSketch q = s.quantileSketch();
            assertEquals(m.mean(), shown(b, "stat-mean"), "mean");
            assertEquals(Math.sqrt(m.sampleVariance()), shown(b, "stat-sd"), "sd");
            assertEquals(q.quantile(0.05), shown(b, "stat-p05"), "5 %");
            assertEquals(q.quantile(0.5), shown(b, "stat-p50"), "median");
            assertEquals(q.quantile(0.95), shown(b, "stat-p95"), "95 %");
            assertEquals(m.min(), shown(b, "stat-min"), "min");
            assertEquals(m.max(), shown(b, "stat-max"), "max");
            FixedBinHistogram h = s.histogram();
            WebElement svg = b.findElement(By.id("histogram"));
            assertEquals(h.lo(), Double.parseDouble(svg.getDomAttribute("data-lo")));
            assertEquals(h.hi(), Double.parseDouble(svg.getDomAttribute("data-hi")));
            List<String> expected = new ArrayList<>();
            for (long n : h.binCounts()) {
                expected.add(Long.toString(n));
            }
            assertEquals(expected, counts(b), "histogram counts");

            SobolIndices sobol = sobol(c, model, values, sds);
            for (int i = 0; i < d; i++) {
                String name = model.inputs().get(i).name();
                WebElement row = b.findElement(By.cssSelector("#sensitivity tr[data-input='" + name + "']"));
                assertEquals(sobol.s1(i), Double.parseDouble(row.findElement(By.className("s1")).getDomAttribute(
                        "data-value")), "S1 of " + name);
                assertEquals(sobol.st(i), Double.parseDouble(row.findElement(By.className("st")).getDomAttribute(
                        "data-value")), "ST of " + name);
            }
        }
    }

    /** The output's statistics by the page's recipe, from the perturbation and propagation classes. */
    private static CellStatistics ensemble(CompiledEmulator c, double[] values, double[] sds) {
        Emulator model = c.emulator();
        int d = model.inputCount();
        UncertaintyModel.Builder ub = UncertaintyModel.builder(model.inputs().stream().map(Variable::name).toList());
        model.inputs().forEach(v -> ub.input(v.name(), ErrorShape.gaussian()));
        UncertaintyModel um = ub.build();
        float[] nominal = new float[d];
        float[] sd = new float[d];
        for (int i = 0; i < d; i++) {
            nominal[i] = (float) values[i];
            sd[i] = (float) sds[i];
        }
        CellUncertainty cell = CellUncertainty.of(um, 0, 0f, 0f, sd, new float[d], new float[d]);
        MemberPerturber perturber = new MemberPerturber(um);
        MemberInputs inputs = (k, first, count, rows, offset) -> {
            for (int m = 0; m < count; m++) {
                perturber.perturb(SEED, cell, first + m, nominal, 0, rows, (offset + m) * d);
            }
        };
        double lo;
        double hi;
        try (EnsemblePropagator pilot = new EnsemblePropagator(c, StatisticsSpec.builder().moments().build(), 1000, 1)) {
            MergeableMoments m = pilot.runCell(0, 2048, inputs, null)[0].moments();
            double span = m.max() - m.min();
            assertTrue(span > 0, "every input has an sd, so the pilot members differ");
            lo = m.min() - span / 4;
            hi = m.max() + span / 4;
        }
        StatisticsSpec spec = StatisticsSpec.builder().moments().quantileSketch(QuantileSketch.DEFAULT_RELATIVE_ACCURACY)
                .histogram(lo, hi, 60).build();
        try (EnsemblePropagator full = new EnsemblePropagator(c, spec, 30_000, 1)) {
            return full.runCell(0, MEMBERS, inputs, null)[0];
        }
    }

    /** Sobol' indices around the point: each input Normal(value, sd), 1024 base samples, the server's seed. */
    private static SobolIndices sobol(CompiledEmulator c, Emulator model, double[] values, double[] sds) {
        Problem.Builder p = Problem.builder();
        for (int i = 0; i < model.inputCount(); i++) {
            p.normal(model.inputs().get(i).name(), values[i], sds[i]);
        }
        Problem problem = p.build();
        int d = model.inputCount();
        BatchModel f = (rows, out) -> {
            float[] x = new float[rows.length * d];
            for (int r = 0; r < rows.length; r++) {
                for (int i = 0; i < d; i++) {
                    x[r * d + i] = (float) rows[r][i];
                }
            }
            float[] y = new float[rows.length * model.outputCount()];
            c.evaluate(x, y, rows.length);
            for (int r = 0; r < rows.length; r++) {
                out[r] = y[r * model.outputCount()];
            }
        };
        return SobolAnalysis.run(problem, f, SaltelliDesign.scrambledSobol(d, 1024, false, SEED),
                Bootstrap.of(100, 0.95, SEED));
    }

    // ---------------------------------------------------------------- bad requests

    @Test
    void badRequestsGet400sUnknownPaths404OtherMethods405() throws Exception {
        Emulator model = ModelFiles.read(PROJECT.resolve("models/beta.onnx"));
        server = EmulensServer.model(model, new EmulensServer.Options(anyFreePort(), "cpu", TanhMode.FAST, 10_000,
                100_000, SEED, 1, 1), new PrintWriter(log, true));
        HttpClient client = HttpClient.newHttpClient();
        String good = "\"theta\":{\"value\":0.3,\"sd\":0.02},\"theta_wilt\":{\"value\":0.1,\"sd\":0.01},"
                + "\"theta_crit\":{\"value\":0.3,\"sd\":0.01}";
        Map<String, String> bad = Map.of(
                "{\"inputs\":{" + good + ",\"porosity\":{\"value\":0.4,\"sd\":0}}}", "unknown input \"porosity\"",
                "{\"inputs\":{" + good.replace("0.3,", "0.7,") + "}}", "inputs.theta.value: expected a value within",
                "{\"inputs\":{" + good.replace("0.02", "-0.02") + "}}", "inputs.theta.sd: expected a standard deviation >= 0",
                "{\"inputs\":{" + good.replace("0.02", "1e400") + "}}", "inputs.theta.sd: expected a finite number",
                "{\"inputs\":{" + good + "},\"members\":100001}", "members: expected a whole number from 2 to 100000",
                "{\"inputs\":{" + good + "}", "malformed JSON");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.address().resolve("/api/ensemble"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(e.getKey())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), e.getKey());
            String message = (String) ((Map<?, ?>) Json.parse(r.body())).get("error");
            assertTrue(message.contains(e.getValue()), "expected '" + e.getValue() + "' in " + message);
        }
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(server.address().resolve("/api/ensemble"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":{" + good + "}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        HttpResponse<String> big = client.send(HttpRequest.newBuilder(server.address().resolve("/api/ensemble"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[" + "0,".repeat(50_000) + "0]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, big.statusCode());
        assertTrue(big.body().contains("request body: expected at most"), big.body());
        assertEquals(404, client.send(HttpRequest.newBuilder(server.address().resolve("/admin")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(405, client.send(HttpRequest.newBuilder(server.address().resolve("/api/ensemble")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(405, client.send(HttpRequest.newBuilder(server.address().resolve("/api/model"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
    }

    // ---------------------------------------------------------------- study page

    @Test
    void theStudyPageShowsTheClickedCellsStatisticsAsTheFileHasThem() throws Exception {
        Path data = SHARED.resolve("data/esa-cci-sm");
        assumeTrue(Files.isDirectory(data), "skipped: no ESA CCI soil moisture in " + data);
        Path studyFile = tmp.resolve("study.yaml");
        Path out = tmp.resolve("out.nc");
        Files.writeString(studyFile, "model: " + PROJECT.resolve("models/beta.onnx") + "\n"
                + "region: {lat: [10, 14], lon: [-2, 4]}\n"
                + "inputs:\n  theta:\n    product: esa-cci-sm\n"
                + "    files: " + data + "/*2016122[78]*.nc\n"
                + "    error: {shape: truncated-gaussian, bounds: [0, 0.6]}\n"
                + "  theta_wilt: {value: 0.1, error: {shape: gaussian, sd: 0.01}}\n"
                + "  theta_crit: {value: 0.3}\n"
                + "members: 1000\nseed: 3\nbackend: cpu\ntanh: fast\n"
                + "statistics: {quantiles: [0.05, 0.5, 0.95], exceedance: [0.5]}\n"
                + "output: " + out + "\nplot: false\n");
        Emulator beta = ModelFiles.read(PROJECT.resolve("models/beta.onnx"));
        Study study = StudyFile.read(studyFile, beta);
        try (Backend backend = Backends.open("cpu", new BackendOptions(1, 0))) {
            new StudyRunner(study, beta, backend, "ServePageIT").run(false, null);
        }
        server = EmulensServer.study(out, anyFreePort(), new PrintWriter(log, true));
        WebDriver b = browser();
        b.get(server.address().toString());
        WebElement img = b.findElement(By.id("map"));
        new WebDriverWait(b, WAIT).until(d -> img.getDomAttribute("data-loaded") != null);
        assertTrue(img.getDomProperty("src").contains("map=beta_mean"), img.getDomProperty("src"));

        try (NetcdfGridFile f = NetcdfGridFile.open(out)) {
            // the whole field, read independently of the page's one-cell reads
            GridField mean = f.read("beta_mean", GridRegion.everywhere());
            GridField sd = f.read("beta_sd", GridRegion.everywhere());
            GridField p95 = f.read("beta_percentile", GridRegion.everywhere(), "percentile", 2);
            GridField exceed = f.read("beta_exceedance", GridRegion.everywhere(), "threshold_beta", 0);
            LatLonGrid g = mean.grid();
            int target = -1;
            for (int c = g.cellCount() / 3; c < g.cellCount() && target < 0; c++) {
                if (!Float.isNaN(mean.slice(1)[c]) && !Float.isNaN(mean.slice(0)[c])) {
                    target = c;
                }
            }
            assertTrue(target >= 0, "some cell has a value on both days");
            int i = target / g.lonCount();
            int j = target % g.lonCount();
            // QuickLookPng's layout: map 64 px from the left and 48 from the top, 720 px wide for this wide box
            int mapW = 720;
            int mapH = (int) Math.round(720 * (g.latEdge(g.latCount()) - g.latEdge(0))
                    / (g.lonEdge(g.lonCount()) - g.lonEdge(0)));
            assertEquals(64 + mapW + 120, ((Number) ((org.openqa.selenium.JavascriptExecutor) b)
                    .executeScript("return arguments[0].naturalWidth;", img)).intValue());
            double px = 64 + (j + 0.5) * mapW / g.lonCount();
            double py = 48 + (g.latCount() - i - 0.5) * mapH / g.latCount();
            double scale = img.getSize().getWidth() / (double) (64 + mapW + 120);
            new Actions(b).moveToElement(img, (int) Math.round(px * scale - img.getSize().getWidth() / 2.0),
                    (int) Math.round(py * scale - img.getSize().getHeight() / 2.0)).click().perform();
            checkCell(b, g, i, j, target, mean, sd, p95, exceed, 0);

            new Select(b.findElement(By.id("time-select"))).selectByIndex(1);
            new WebDriverWait(b, WAIT).until(d -> img.getDomAttribute("data-loaded") != null
                    && img.getDomAttribute("data-loaded").endsWith("t=1"));
            checkCell(b, g, i, j, target, mean, sd, p95, exceed, 1);
            assertNotEquals(mean.slice(0)[target], mean.slice(1)[target], "the two days differ in this cell");
        }
    }

    private static void checkCell(WebDriver b, LatLonGrid g, int i, int j, int cell, GridField mean, GridField sd,
            GridField p95, GridField exceed, int t) {
        String stat = "#cell-values table[data-quantity='beta'] td[data-stat='%s']";
        new WebDriverWait(b, WAIT).until(d -> {
            if (!"ready".equals(d.findElement(By.id("cell")).getDomAttribute("data-state"))) {
                return false;
            }
            List<WebElement> m = d.findElements(By.cssSelector(String.format(stat, "mean")));
            return !m.isEmpty() && Double.parseDouble(m.get(0).getDomAttribute("data-value")) == mean.slice(t)[cell];
        });
        WebElement where = b.findElement(By.id("cell-where"));
        assertEquals(g.lat(i), Double.parseDouble(where.getDomAttribute("data-lat")));
        assertEquals(g.lon(j), Double.parseDouble(where.getDomAttribute("data-lon")));
        Function<String, Double> value = key -> Double.parseDouble(
                b.findElement(By.cssSelector(String.format(stat, key))).getDomAttribute("data-value"));
        assertEquals(sd.slice(t)[cell], value.apply("sd"), 0.0);
        assertEquals(p95.slice(t)[cell], value.apply("p95"), 0.0);
        assertEquals(exceed.slice(t)[cell], value.apply("exceed0.5"), 0.0);
        assertTrue(value.apply("p5") <= value.apply("p50") && value.apply("p50") <= value.apply("p95"));
    }

    // ---------------------------------------------------------------- the command

    /** Whether this JVM, and so a process it starts, has SIGINT ignored (the SigIgn mask of /proc). */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void theCommandPrintsItsAddressAndStopsCleanlyOnCtrlC() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.emulens.cli.EmulensCommand", "serve", "--port", "0", PROJECT.resolve("models/beta.onnx").toString());
        Process p = new ProcessBuilder(command).redirectError(tmp.resolve("stderr.txt").toFile()).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("emulens: serving model beta on cpu"), String.valueOf(line));
            String address = line.replaceAll(".* at (http://\\S+) .*", "$1");
            assertTrue(address.startsWith("http://127.0.0.1:"), "localhost by default: " + line);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create(address + "api/model")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            // Ctrl-C is SIGINT; a runner started in the background passes SIGINT on ignored, and then the JVM
            // never sees it. SIGTERM takes the same path through the shutdown hooks, so it stands in there.
            String signal = sigintIgnored() ? "-TERM" : "-INT";
            Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stopped after kill " + signal);
            String err = Files.readString(tmp.resolve("stderr.txt"));
            assertTrue(err.contains("emulens: serve: stopped"), err);
            assertFalse(err.contains("Exception"), err);
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create(address + "api/model")).build(), HttpResponse.BodyHandlers.ofString()));
        } finally {
            p.destroyForcibly();
        }
    }
}
