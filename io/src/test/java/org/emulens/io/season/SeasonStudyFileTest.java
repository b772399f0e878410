package org.emulens.io.season;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.emulens.engine.config.ConfigException;
import org.emulens.ensemble.seasonal.SeasonMetric;
import org.emulens.ensemble.seasonal.WeatherNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeasonStudyFileTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "drought-africa.yaml");

    @Test
    void readsTheExample() {
        SeasonStudy s = SeasonStudyFile.read(EXAMPLE);
        assertEquals("drought-africa", s.name());
        assertEquals(2, s.lags());
        assertEquals(LocalDate.of(2016, 12, 27), s.start());
        assertEquals(365, s.days());
        assertEquals(WeatherNoise.PER_MEMBER, s.weather());
        assertEquals(0.2f, s.rainSd());
        assertEquals(0.12, s.rules().dryThreshold());
        assertEquals(0.03, s.rules().minAmplitude());
        assertArrayEquals(new double[] {120, 180}, s.probabilities().get(SeasonMetric.ONSET));
        assertArrayEquals(new double[] {150, 240}, s.probabilities().get(SeasonMetric.DRY_DAYS));
        assertTrue(s.model().endsWith(Path.of("models", "soil_moisture_step.onnx")), s.model().toString());
        assertTrue(Files.isRegularFile(s.initialFile()), s.initialFile().toString());
    }

    @Test
    void errorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        String good = Files.readString(EXAMPLE).replace("../../shared/", EXAMPLE.toAbsolutePath().getParent()
                .resolve("../../shared/").normalize() + "/");
        assertBad(dir, good.replace("weather: per-member", "weather: sometimes"), "expected none, shared or per-member");
        assertBad(dir, good.replace("probabilities:", "probabilities:\n  onsett: [3]"), "unknown season metric 'onsett'");
        assertBad(dir, good.replace("members: 100", "members: 100\nmembrs: 3"), "unknown key 'membrs'");
        assertBad(dir, good.replace("synthetic: monsoon", "synthetic: storms"), "expected 'synthetic: monsoon' or 'files:");
        assertBad(dir, good.replace("start: 2016-12-27", "start: 27/12/2016"), "expected a date YYYY-MM-DD");
        assertBad(dir, good.replace("dry: {variable: state, below: 0.12}", "dry: {variable: beta, below: 0.2}"),
                "missing required key 'theta_wilt'");
        assertBad(dir, good.replace("dry: {variable: state, below: 0.12}",
                "dry: {variable: beta, below: 0.2, theta_wilt: 0.3, theta_crit: 0.1}"), "expected theta_crit > theta_wilt");
        String synthetic = "forcing: {synthetic: monsoon, weather: per-member, rain_sd: 0.2}";
        assertBad(dir, good.replace(synthetic, "forcing: {files: {precip: {files: " + "../".repeat(64) + "}}}"),
                "expected FOLDER/PATTERN such as data/sm_*.nc, found /");
        assertBad(dir, good.replace(synthetic, "forcing: {files: {precip: {files: 'pr_[2017.nc'}}}"),
                "'pr_[2017.nc' is not a file-name pattern: the set opened by '[' at position 3 is not closed");
    }

    private static void assertBad(Path dir, String text, String message) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), text);
        ConfigException ex = assertThrows(ConfigException.class, () -> SeasonStudyFile.read(f));
        assertTrue(ex.getMessage().contains(message) && ex.getMessage().contains("bad.yaml"), ex.getMessage());
        assertTrue(ex.getMessage().matches("(?s).*bad\\.yaml:\\d+.*"), "names the line: " + ex.getMessage());
    }
}
