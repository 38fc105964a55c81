package dev.twine.internet.endpoints;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TcpClient;
import org.junit.jupiter.api.Test;

/** connectProtocol (semantics.md §1.14.5), after Twisted's {@code ConnectProtocolTests}. */
class ConnectProtocolTest {
    private static final IPv4Address PEER = new IPv4Address("TCP", "127.0.0.1", 80);

    private final MemoryReactor reactor = new MemoryReactor();

    @Test
    void theFactoryBuildsTheGivenInstanceAndTheDeferredFiresWithIt() {
        AccumulatingProtocol protocol = new AccumulatingProtocol();
        Deferred<AccumulatingProtocol> d = Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "h", 80), protocol);
        TcpClient c = reactor.tcpClients().get(0);
        c.factory().buildProtocol(PEER).makeConnection(new StringTransport());
        assertSame(protocol, successResultOf(d));
        assertEquals(1, protocol.made);
    }

    @Test
    void theInstanceIsGivenToOneConnectionOnly() {
        AccumulatingProtocol protocol = new AccumulatingProtocol();
        IProtocol[] built = new IProtocol[2];
        IStreamClientEndpoint twice = factory -> {
            built[0] = factory.buildProtocol(PEER);
            built[1] = factory.buildProtocol(PEER);
            return Deferred.succeed(built[0]);
        };
        Endpoints.connectProtocol(twice, protocol);
        assertSame(protocol, built[0]);
        assertNull(built[1]);
    }

    @Test
    void cancellingCancelsTheEndpointsConnect() {
        Deferred<AccumulatingProtocol> d = Endpoints.connectProtocol(new TCP4ClientEndpoint(reactor, "h", 80),
                new AccumulatingProtocol());
        assertNoResult(d);
        d.cancel();
        failureResultOf(d, ConnectingCancelledError.class);
        assertTrue(reactor.tcpClients().get(0).connector().stoppedConnecting());
    }
}
