package org.emulens.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    /** The first report comes after the first chunk, JIT warm-up included: no estimate is made from it. */
    @Test
    void noTimeEstimateFromTheFirstChunk() {
        StringWriter text = new StringWriter();
        RunCommand.ProgressLine p = new RunCommand.ProgressLine(new PrintWriter(text), false);
        p.update(64_096, 1_086_140_000L);
        assertTrue(text.toString().contains("ETA estimating"), text.toString());
        p.update(1_086_140_000L, 1_086_140_000L);
        assertTrue(text.toString().contains("100% (1,086,140,000 of 1,086,140,000 member evaluations)")
                && text.toString().trim().endsWith("ETA 0 s"), text.toString());
    }
}
