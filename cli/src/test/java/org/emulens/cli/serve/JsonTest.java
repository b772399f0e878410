package org.emulens.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON subset: what RFC 8259 allows is read as written, anything else is refused with its position. */
class JsonTest {

    @Test
    void aDocumentReadsAsMapsListsAndNumbersAsWritten() {
        Object v = Json.parse(" {\"a\": [1, -0.5e-3, true, false, null], \"b\": {\"c\": \"x\\u00e9\\n\\\"\"}} ");
        Map<?, ?> root = (Map<?, ?>) v;
        assertEquals(List.of("a", "b"), List.copyOf(root.keySet()));
        List<?> a = (List<?>) root.get("a");
        assertEquals(new Json.Number("1"), a.get(0));
        assertEquals(-0.5e-3, ((Json.Number) a.get(1)).doubleValue());
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(Boolean.FALSE, a.get(3));
        assertSame(Json.NULL, a.get(4));
        assertEquals("x\u00e9\n\"", ((Map<?, ?>) root.get("b")).get("c"));
    }

    @Test
    void wholeNumbersAreRecognisedWhateverTheirSpelling() {
        assertEquals(100000L, new Json.Number("100000").wholeValue());
        assertEquals(100000L, new Json.Number("1e5").wholeValue());
        assertEquals(100000L, new Json.Number("100000.000").wholeValue());
        assertNull(new Json.Number("1.5").wholeValue());
        assertNull(new Json.Number("1e400").wholeValue(), "beyond the long range");
        assertNull(new Json.Number("1e-400").wholeValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\" 1}", "NaN", "Infinity", "+1", "01",
            "1.", ".5", "1e", "-", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "{\"a\":1}{", "[1] 2", "tru", "nul",
            "{\"a\":1,\"a\":2}", "\"unterminated"})
    void malformedDocumentsAreRefusedWithWhere(String text) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().startsWith("malformed JSON at character "), e.getMessage());
        assertTrue(e.getMessage().contains("found"), e.getMessage());
    }

    @Test
    void aDuplicateKeyIsNamed() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertTrue(e.getMessage().contains("key \"a\" given twice"), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedBeforeTheStackIs() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        BadRequestException e = assertThrows(BadRequestException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than " + Json.MAX_DEPTH), e.getMessage());
    }

    @Test
    void writtenTextParsesBackToTheSameValues() {
        String weird = "quote \" backslash \\ newline \n tab \t control \u0001 </script> \u2028";
        String json = Json.object().put("s", weird).put("x", 0.1).put("nan", Double.NaN).put("n", 7L)
                .put("t", true).raw("a", Json.array(new double[] {1.5, Double.POSITIVE_INFINITY})).toString();
        assertTrue(!json.contains("</script>"), "'<' is escaped: " + json);
        Map<?, ?> back = (Map<?, ?>) Json.parse(json);
        assertEquals(weird, back.get("s"));
        assertEquals(0.1, ((Json.Number) back.get("x")).doubleValue());
        assertSame(Json.NULL, back.get("nan"), "JSON has no NaN: null");
        assertEquals(7L, ((Json.Number) back.get("n")).wholeValue());
        assertEquals(Boolean.TRUE, back.get("t"));
        assertEquals(List.of(new Json.Number("1.5"), Json.NULL), back.get("a"));
    }
}
