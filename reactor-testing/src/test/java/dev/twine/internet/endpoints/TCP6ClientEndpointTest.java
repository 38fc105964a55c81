package dev.twine.internet.endpoints;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.HostnameAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.DNSLookupError;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.MemoryReactor;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCP6ClientEndpoint (semantics.md §1.14.5), after Twisted's {@code TCP6EndpointsTests} and
 * {@code TCP6EndpointNameResolutionTests}: a literal connects at once, a name connects to its first IPv6
 * address.
 */
class TCP6ClientEndpointTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final boolean[] lookupCancelled = {false};
    private final Deferred<List<InetAddress>> lookup = new Deferred<>(d -> lookupCancelled[0] = true);

    @Test
    void anIPv6LiteralConnectsWithoutALookup() {
        HostResolver mustNotRun = name -> {
            throw new AssertionError("looked up " + name);
        };
        new TCP6ClientEndpoint(reactor, mustNotRun, "::1", 8080, 10, null).connect(new Factory(AccumulatingProtocol::new));
        assertEquals("::1", reactor.tcpClients().get(0).host());
        assertEquals(8080, reactor.tcpClients().get(0).port());
        assertEquals(10.0, reactor.tcpClients().get(0).timeout());
    }

    @Test
    void aNameConnectsToItsFirstIPv6Address() throws Exception {
        Deferred<IProtocol> d = new TCP6ClientEndpoint(reactor, name -> lookup, "localhost", 8080, 30, null)
                .connect(new Factory(AccumulatingProtocol::new));
        assertTrue(reactor.tcpClients().isEmpty());
        lookup.callback(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")));
        assertEquals("0:0:0:0:0:0:0:1", reactor.tcpClients().get(0).host());
        assertNoResult(d);
    }

    @Test
    void aNameWithoutAnIPv6AddressIsADNSLookupError() throws Exception {
        Deferred<IProtocol> d = new TCP6ClientEndpoint(reactor, name -> lookup, "v4only.example", 80, 30, null)
                .connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(List.of(InetAddress.getByName("127.0.0.1")));
        failureResultOf(d, DNSLookupError.class);
        assertTrue(reactor.tcpClients().isEmpty());
    }

    @Test
    void cancellingDuringTheLookupFailsWithConnectingCancelledError() {
        Deferred<IProtocol> d = new TCP6ClientEndpoint(reactor, name -> lookup, "localhost", 80, 30, null)
                .connect(new Factory(AccumulatingProtocol::new));
        d.cancel();
        ConnectingCancelledError e = (ConnectingCancelledError) failureResultOf(d, ConnectingCancelledError.class)
                .value();
        assertEquals(new HostnameAddress("localhost", 80), e.address());
        assertTrue(lookupCancelled[0], "the lookup was cancelled");
    }

    @Test
    void cancellingAfterTheLookupStopsTheConnector() throws Exception {
        Deferred<IProtocol> d = new TCP6ClientEndpoint(reactor, name -> lookup, "localhost", 80, 30, null)
                .connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(List.of(InetAddress.getByName("::1")));
        d.cancel();
        failureResultOf(d, ConnectingCancelledError.class);
        assertTrue(reactor.tcpClients().get(0).connector().stoppedConnecting());
    }
}
