package dev.twine.internet.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import dev.twine.protocols.haproxy.HAProxyWrappingFactory;
import org.junit.jupiter.api.Test;

/**
 * The {@code haproxy:} description prefix (semantics.md §3.18; Twisted's {@code HAProxyServerParser},
 * {@code test_parser.py}): the fields after it describe the endpoint to wrap, written back with Twisted's
 * {@code unparseEndpoint} and parsed again.
 */
class HAProxyFromStringTest {
    private final IReactor reactor = NoCallReactor.create();

    @Test
    void theRestOfTheDescriptionIsTheEndpointToWrap() {
        HAProxyWrappingFactory.ProxyEndpoint e = assertInstanceOf(HAProxyWrappingFactory.ProxyEndpoint.class,
                Endpoints.serverFromString(reactor, "haproxy:tcp:8443:interface=127.0.0.1:backlog=7"));
        TCP4ServerEndpoint tcp = assertInstanceOf(TCP4ServerEndpoint.class, e.wrappedEndpoint());
        assertEquals(8443, tcp.port());
        assertEquals("127.0.0.1", tcp.iface());
        assertEquals(7, tcp.backlog());
    }

    @Test
    void escapedFieldsStayEscapedOnTheWayThrough() {
        HAProxyWrappingFactory.ProxyEndpoint e = assertInstanceOf(HAProxyWrappingFactory.ProxyEndpoint.class,
                Endpoints.serverFromString(reactor, "haproxy:unix:address=/run/a\\:b.sock"));
        assertEquals("/run/a:b.sock", assertInstanceOf(UNIXServerEndpoint.class, e.wrappedEndpoint()).address());
    }

    @Test
    void aBarePrefixIsRefusedWithAnExample() {
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.serverFromString(reactor, "haproxy"));
        assertTrue(bare.getMessage().contains("haproxy:tcp:8080"), bare.getMessage());
    }
}
