package org.emulens.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.emulens.io.TestFiles;
import org.emulens.io.grid.GeoBox;
import org.emulens.io.grid.GridField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against netCDF4-python on the samples of make_cf_samples.py (committed with its outputs):
 * packing, fill, missing_value, valid_range, valid_min/max, the default fill, unsigned bytes in both
 * NetCDF-4 and NetCDF-3 (_Unsigned), flag masks and flag values, time decoding, a descending latitude
 * axis and a 0..360 longitude axis read across its seam.
 *
 * <p>Tolerance 1e-4 absolute: netCDF4-python unpacks in float32 (the type of scale_factor), this reader
 * in double rounded to float, so results may differ in the last float bit (3e-5 at 300 K); a wrong
 * scale, offset or cell would be off by far more.
 */
class CfSamplesTest {
    private static final GeoBox BOX = GeoBox.of(-10, 10, -60, 60);
    private static final GridRegion REGION = GridRegion.of(BOX)
            .during(Instant.parse("2000-01-01T12:00:00Z"), Instant.parse("2000-02-15T00:00:00Z"));
    private static final List<Map<String, String>> EXPECTED =
            TestFiles.csv(TestFiles.resource(CfSamplesTest.class, "cf_samples_expected.csv"));

    private static Path sample(String tag) {
        return TestFiles.resource(CfSamplesTest.class, "cf_samples_" + tag + ".nc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc4", "nc3"})
    void packedFilledAndRangedValuesMatchNetcdf4Python(String tag) {
        try (NetcdfGridFile f = NetcdfGridFile.open(sample(tag))) {
            compare(tag, "t2m", f.read("t2m", REGION));
            compare(tag, "dbl", f.read("dbl", REGION));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc4", "nc3"})
    void unsignedBytesWithoutTimeAxisMatchNetcdf4Python(String tag) {
        try (NetcdfGridFile f = NetcdfGridFile.open(sample(tag))) {
            GridField frac = f.read("frac", REGION);
            assertTrue(frac.times().isEmpty(), "a variable without time axis has no times");
            compare(tag, "frac", frac);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc4", "nc3"})
    void flagMasksAndFlagValuesMaskAsTheCfMeaningsSay(String tag) {
        try (NetcdfGridFile f = NetcdfGridFile.open(sample(tag))) {
            compare(tag, "t2m_without_snow",
                    f.applyFlags(f.read("t2m", REGION), "qflag", FlagRule.badMeanings("snow"), REGION));
            compare(tag, "dbl_good_only",
                    f.applyFlags(f.read("dbl", REGION), "qclass", FlagRule.goodMeanings("good"), REGION));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc4", "nc3"})
    void axesComeBackAscendingInTheBoxConventionWithDecodedTimes(String tag) {
        try (NetcdfGridFile f = NetcdfGridFile.open(sample(tag))) {
            GridField t2m = f.read("t2m", REGION);
            assertArrayEquals(new double[] {-7.5, -2.5, 2.5, 7.5}, t2m.grid().latitudes());
            assertArrayEquals(new double[] {-45, -15, 15, 45}, t2m.grid().longitudes());
            // edges come from the whole file axis: 5 degree rows, 30 degree columns
            assertEquals(-10, t2m.grid().latEdge(0), 1e-9);
            assertEquals(60, t2m.grid().lonEdge(4), 1e-9);
            // days 1.5 and 31 since 2000-01-01; day 0 is before the range
            assertEquals(List.of(Instant.parse("2000-01-02T12:00:00Z"), Instant.parse("2000-02-01T00:00:00Z")),
                    t2m.times());
            assertEquals("K", t2m.units());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc4", "nc3"})
    void aBoxInZeroTo360ConventionReadsTheSameCells(String tag) {
        GridRegion shifted = GridRegion.of(GeoBox.of(-10, 10, 300, 420)).during(REGION.from(), REGION.to());
        try (NetcdfGridFile f = NetcdfGridFile.open(sample(tag))) {
            GridField a = f.read("t2m", REGION);
            GridField b = f.read("t2m", shifted);
            assertArrayEquals(new double[] {315, 345, 375, 405}, b.grid().longitudes());
            assertArrayEquals(a.values(), b.values());
        }
    }

    private static void compare(String tag, String variable, GridField field) {
        int n = 0;
        for (Map<String, String> row : EXPECTED) {
            if (!row.get("file").equals(tag) || !row.get("variable").equals(variable)) {
                continue;
            }
            int t = row.get("time").isEmpty() ? 0 : field.times().indexOf(Instant.parse(row.get("time")));
            int i = indexOf(field.grid().latitudes(), Double.parseDouble(row.get("lat")));
            int j = indexOf(field.grid().longitudes(), Double.parseDouble(row.get("lon")));
            float expected = TestFiles.value(row);
            float actual = field.value(t, i, j);
            String where = tag + " " + variable + " at " + row;
            if (Float.isNaN(expected)) {
                assertTrue(Float.isNaN(actual), where + ": expected missing, found " + actual);
            } else {
                assertFalse(Float.isNaN(actual), where + ": expected " + expected + ", found missing");
                assertEquals(expected, actual, 1e-4, where);
            }
            n++;
        }
        assertEquals(field.timeCount() * field.grid().cellCount(), n, "every cell is compared once: " + variable);
    }

    private static int indexOf(double[] axis, double value) {
        for (int k = 0; k < axis.length; k++) {
            if (Math.abs(axis[k] - value) < 1e-6) {
                return k;
            }
        }
        throw new AssertionError(value + " not on the axis");
    }
}
