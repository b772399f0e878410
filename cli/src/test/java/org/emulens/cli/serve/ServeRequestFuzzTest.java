package org.emulens.cli.serve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.emulens.engine.EmulensException;
import org.emulens.engine.Emulator;

/**
 * What a client sends to {@code emulens serve}: mutated request bodies and query strings (seeded in
 * ServeRequestFuzzTestInputs) are either accepted within the limits or refused with a
 * {@link BadRequestException}, whose one-line message is what the client sees in the 400.
 */
class ServeRequestFuzzTest {
    private static final Emulator MODEL = LinearModel.emulator();
    private static final long MAX_MEMBERS = 100_000;

    @FuzzTest(maxDuration = "10s")
    void requestsFailOnlyWithBadRequest(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            EnsembleRequest r = EnsembleRequest.parse(text, MODEL, 1000, MAX_MEMBERS);
            assertTrue(r.members() >= 2 && r.members() <= MAX_MEMBERS, "members " + r.members());
        } catch (BadRequestException ex) {
            assertOneLine(ex);
        } catch (EmulensException ex) {
            throw new AssertionError("expected a BadRequestException, got " + ex, ex);
        }
        try {
            WebServer.query(text);
        } catch (BadRequestException ex) {
            assertOneLine(ex);
        }
    }

    private static void assertOneLine(BadRequestException ex) {
        String m = ex.getMessage();
        assertFalse(m == null || m.isBlank() || m.contains("\n"), "not a one-line message: " + m);
    }
}
