package dev.twine.internet.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twisted's description grammar (semantics.md §1.14.1), after Twisted's {@code test_endpoints.ParserTests}:
 * colon-separated fields, {@code key=value} fields, backslash escaping, and {@code quoteStringArgument}.
 */
class DescriptionTest {

    @Test
    void aBarePrefixHasNoFields() {
        assertEquals(new Description("hello", List.of(), Map.of()), Description.parse("hello"));
    }

    @Test
    void positionalFieldsKeepTheirOrder() {
        Description d = Description.parse("tcp:example.com:80:x");
        assertEquals("tcp", d.prefix());
        assertEquals(List.of("example.com", "80", "x"), d.args());
    }

    @Test
    void keywordFieldsAreSplitAtTheirFirstEquals() {
        Description d = Description.parse("tcp:80:interface=127.0.0.1:expr=a=b=c");
        assertEquals(List.of("80"), d.args());
        assertEquals(Map.of("interface", "127.0.0.1", "expr", "a=b=c"), d.kwargs());
    }

    @Test
    void positionalAndKeywordFieldsMayInterleave() {
        Description d = Description.parse("p:a:k=v:b:j=w");
        assertEquals(List.of("a", "b"), d.args());
        assertEquals(List.of("k", "j"), List.copyOf(d.kwargs().keySet()));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValue() {
        assertEquals(Map.of("k", "2"), Description.parse("p:k=1:k=2").kwargs());
    }

    @Test
    void emptyFieldsAndEmptyValuesAreKept() {
        Description d = Description.parse("p::x=:");
        assertEquals(List.of("", ""), d.args());
        assertEquals(Map.of("x", ""), d.kwargs());
    }

    @Test
    void backslashMakesColonEqualsAndBackslashLiteral() {
        Description d = Description.parse("p:a\\:b:k\\=ey=v\\:1\\\\:\\x");
        assertEquals(List.of("a:b", "x"), d.args());
        assertEquals(Map.of("k=ey", "v:1\\"), d.kwargs());
    }

    @Test
    void anEscapedIPv6AddressIsOneField() {
        assertEquals(Map.of("interface", "::1"), Description.parse("tcp6:0:interface=\\:\\:1").kwargs());
    }

    @Test
    void aTrailingLoneBackslashIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Description.parse("p:a\\"));
        assertEquals("the description ends in a lone backslash", e.getMessage());
    }

    @Test
    void aDescriptionMustStartWithAPrefix() {
        assertThrows(IllegalArgumentException.class, () -> Description.parse("k=v:80"));
    }

    @Test
    void quoteStringArgumentEscapesBackslashesAndColonsOnly() {
        // Twisted's test_quoteStringArgument.
        assertEquals("some \\: stuff \\\\ = x", Endpoints.quoteStringArgument("some : stuff \\ = x"));
    }

    @Test
    void aQuotedArgumentReadsBackAsOneField() {
        String[] values = {"", "plain", "a:b", "c:\\d\\", "\\\\::", "/path/with:colon\\and back\\:slash"};
        for (String value : values) {
            Description d = Description.parse("p:k=" + Endpoints.quoteStringArgument(value) + ":"
                    + Endpoints.quoteStringArgument(value));
            assertEquals(Map.of("k", value), d.kwargs(), value);
            assertEquals(List.of(value), d.args(), value);
        }
    }
}
