package org.emulens.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulens.engine.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a model-page request can be wrong is refused with a message that says what and where. */
class EnsembleRequestTest {
    private static final Emulator MODEL = LinearModel.emulator();

    private static EnsembleRequest parse(String body) {
        return EnsembleRequest.parse(body, MODEL, 1000, 50_000);
    }

    @Test
    void aGoodRequestKeepsItsNumbersAndDefaults() {
        EnsembleRequest r = parse(LinearModel.request(4, 0.5, -1.25, 0, ""));
        assertArrayEquals(new double[] {4, -1.25}, r.values());
        assertArrayEquals(new double[] {0.5, 0}, r.sds());
        assertEquals(1000, r.members());
        assertEquals(0, r.output());
        assertFalse(r.truncate());
        assertTrue(r.sensitivity());
        r = parse(LinearModel.request(0, 10, 5, 10, "\"members\":5e4,\"output\":\"y\",\"truncate\":true,"
                + "\"sensitivity\":false"));
        assertEquals(50_000, r.members());
        assertTrue(r.truncate());
        assertFalse(r.sensitivity());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "[]|request body: expected a JSON object, found an array",
        "{}|inputs: missing",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0}}}|inputs.b: missing",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0},\"b\":{\"value\":1,\"sd\":0},\"c\":{}}}|unknown input \"c\"; the model's inputs are [a, b]",
        "{\"inputs\":{\"a\":{\"value\":11,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a.value: expected a value within the valid range [0.0, 10.0] m, found 11.0",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":-0.1},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a.sd: expected a standard deviation >= 0, found -0.1",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":1e999},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a.sd: expected a finite number, found 1e999",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":10.5},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a.sd: expected at most the width of the valid range, 10.0 m",
        "{\"inputs\":{\"a\":{\"value\":\"1\",\"sd\":0},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a.value: expected a number, found \"1\"",
        "{\"inputs\":{\"a\":{\"value\":null,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a.value: expected a number, found null",
        "{\"inputs\":{\"a\":{\"sd\":0},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a.value: missing",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0,\"mean\":1},\"b\":{\"value\":1,\"sd\":0}}}|inputs.a: unknown field \"mean\"",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}},\"members\":50001}|members: expected a whole number from 2 to 50000, found 50001",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}},\"members\":100.5}|members: expected a whole number from 2 to 50000, found 100.5",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}},\"members\":1}|members: expected a whole number from 2 to 50000, found 1",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}},\"output\":\"z\"}|output: expected one of the model's outputs [y], found \"z\"",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}},\"truncate\":1}|truncate: expected true or false, found 1",
        "{\"inputs\":{\"a\":{\"value\":1,\"sd\":0},\"b\":{\"value\":1,\"sd\":0}},\"seed\":3}|unknown field \"seed\"",
    })
    void aBadRequestSaysWhatIsWrong(String body, String message) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> parse(body));
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aHugeNumberIsNotEchoedWhole() {
        String digits = "9".repeat(500);
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> parse(LinearModel.request(1, 0, 1, 0, "\"members\":" + digits)));
        assertTrue(e.getMessage().endsWith("found a number written with 500 characters"), e.getMessage());
    }
}
