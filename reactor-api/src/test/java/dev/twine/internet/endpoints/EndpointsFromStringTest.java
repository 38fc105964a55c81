package dev.twine.internet.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code serverFromString} and {@code clientFromString} with Twine's {@code tcp:} and {@code tcp6:} parsers
 * (semantics.md §1.14.2), after Twisted's {@code test_endpoints.ServerStringTests} and
 * {@code ClientStringTests}. Parsing only records; no socket is opened.
 */
class EndpointsFromStringTest {
    private final IReactor reactor = NoCallReactor.create();

    private TCP4ServerEndpoint server(String description) {
        return assertInstanceOf(TCP4ServerEndpoint.class, Endpoints.serverFromString(reactor, description));
    }

    private TCP4ClientEndpoint client(String description) {
        return assertInstanceOf(TCP4ClientEndpoint.class, Endpoints.clientFromString(reactor, description));
    }

    private static String refusal(Runnable parse) {
        return assertThrows(IllegalArgumentException.class, parse::run).getMessage();
    }

    @Test
    void tcpServerTakesPortInterfaceAndBacklog() {
        TCP4ServerEndpoint e = server("tcp:1234:backlog=12:interface=10.0.0.1");
        assertEquals(1234, e.port());
        assertEquals(12, e.backlog());
        assertEquals("10.0.0.1", e.iface());
    }

    @Test
    void tcpServerDefaultsToEveryIPv4InterfaceAndBacklog50() {
        TCP4ServerEndpoint e = server("tcp:0");
        assertEquals(0, e.port());
        assertEquals(50, e.backlog());
        assertEquals("", e.iface());
    }

    @Test
    void tcpServerFieldsMayBePositionalInTwistedsOrder() {
        TCP4ServerEndpoint e = server("tcp:80:127.0.0.1:7");
        assertEquals("127.0.0.1", e.iface());
        assertEquals(7, e.backlog());
        assertEquals(80, server("tcp:port=80").port());
    }

    @Test
    void tcp6ServerDefaultsToTheIPv6WildcardAndTakesAnEscapedInterface() {
        TCP6ServerEndpoint any = assertInstanceOf(TCP6ServerEndpoint.class, Endpoints.serverFromString(reactor, "tcp6:8080"));
        assertEquals("::", any.iface());
        assertEquals(50, any.backlog());
        TCP6ServerEndpoint one = assertInstanceOf(TCP6ServerEndpoint.class,
                Endpoints.serverFromString(reactor, "tcp6:8080:interface=\\:\\:1:backlog=3"));
        assertEquals("::1", one.iface());
        assertEquals(3, one.backlog());
    }

    @Test
    void prefixesAreMatchedWithoutRegardToCase() {
        assertEquals(443, server("TCP:443").port());
        assertEquals(443, client("Tcp:example.com:443").port());
    }

    @Test
    void tcpClientTakesHostAndPortByNamePositionOrBoth() {
        for (String d : List.of("tcp:host=example.com:port=80", "tcp:example.com:80", "tcp:example.com:port=80",
                "tcp:host=example.com:80", "tcp:port=80:host=example.com")) {
            TCP4ClientEndpoint e = client(d);
            assertEquals("example.com", e.host(), d);
            assertEquals(80, e.port(), d);
        }
    }

    @Test
    void tcpClientDefaultsToA30SecondTimeoutAndNoBindAddress() {
        TCP4ClientEndpoint e = client("tcp:localhost:80");
        assertEquals(30.0, e.timeout());
        assertNull(e.bindAddress());
    }

    @Test
    void tcpClientTakesTimeoutAndBindAddressWithPortZero() {
        TCP4ClientEndpoint e = client("tcp:host=\\:\\:1:port=80:timeout=7:bindAddress=127.0.0.2");
        assertEquals("::1", e.host());
        assertEquals(7.0, e.timeout());
        assertEquals(new InetSocketAddress("127.0.0.2", 0), e.bindAddress());
    }

    @Test
    void anUnknownPrefixIsRefusedNamingTheDescriptionAndTheKnownTypes() {
        String server = refusal(() -> Endpoints.serverFromString(reactor, "bogus:80"));
        assertTrue(server.contains("'bogus:80'") && server.contains("unknown endpoint type 'bogus'")
                && server.contains("tcp6"), server);
        String client = refusal(() -> Endpoints.clientFromString(reactor, "tcp6:host:80"));
        assertTrue(client.contains("'tcp6:host:80'") && client.contains("unknown endpoint type 'tcp6'"), client);
    }

    @Test
    void badFieldsAreRefusedNamingTheDescriptionAndTheField() {
        String notANumber = refusal(() -> Endpoints.serverFromString(reactor, "tcp:http"));
        assertTrue(notANumber.contains("'tcp:http'") && notANumber.contains("'port' must be an integer"), notANumber);
        String outOfRange = refusal(() -> Endpoints.serverFromString(reactor, "tcp:65536"));
        assertTrue(outOfRange.contains("from 0 to 65535"), outOfRange);
        String unknown = refusal(() -> Endpoints.serverFromString(reactor, "tcp:80:colour=blue"));
        assertTrue(unknown.contains("no parameter 'colour'"), unknown);
        String twice = refusal(() -> Endpoints.serverFromString(reactor, "tcp:80:port=81"));
        assertTrue(twice.contains("'port' both as a positional field and as a keyword"), twice);
        String missing = refusal(() -> Endpoints.serverFromString(reactor, "tcp"));
        assertTrue(missing.contains("needs 'port'"), missing);
        String tooMany = refusal(() -> Endpoints.serverFromString(reactor, "tcp:1:a:2:x"));
        assertTrue(tooMany.contains("at most 3 positional"), tooMany);
    }

    @Test
    void badClientFieldsAreRefused() {
        assertTrue(refusal(() -> Endpoints.clientFromString(reactor, "tcp:example.com")).contains("needs 'port'"));
        assertTrue(refusal(() -> Endpoints.clientFromString(reactor, "tcp:port=80")).contains("needs 'host'"));
        assertTrue(refusal(() -> Endpoints.clientFromString(reactor, "tcp:h:80:x")).contains("at most 2 positional"));
        assertTrue(refusal(() -> Endpoints.clientFromString(reactor, "tcp:h:80:timeout=soon"))
                .contains("'timeout' must be an integer"));
        assertTrue(refusal(() -> Endpoints.clientFromString(reactor, "tcp:h:80:bindAddress=not an address"))
                .contains("'bindAddress' is not an address"));
    }

    @Test
    void anEmptyDescriptionAndATrailingBackslashAreRefused() {
        assertTrue(refusal(() -> Endpoints.serverFromString(reactor, "")).contains("unknown endpoint type ''"));
        assertTrue(refusal(() -> Endpoints.clientFromString(reactor, "tcp:h:80\\")).contains("lone backslash"));
    }

    @Test
    void twinesParsersAreFoundAsServices() {
        assertTrue(Endpoints.serverPrefixes().containsAll(List.of("tcp", "tcp6")), Endpoints.serverPrefixes().toString());
        assertTrue(Endpoints.clientPrefixes().contains("tcp"), Endpoints.clientPrefixes().toString());
    }
}
