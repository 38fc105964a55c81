package dev.twine.tck.endpoints;

import static dev.twine.tck.endpoints.EndpointFixtures.finish;
import static dev.twine.tck.endpoints.EndpointFixtures.outcome;
import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.hasIpv6Loopback;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static dev.twine.tck.tcp.TcpFixtures.refusedPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import dev.twine.internet.endpoints.TCP4ClientEndpoint;
import dev.twine.internet.endpoints.TCP4ServerEndpoint;
import dev.twine.internet.endpoints.TCP6ClientEndpoint;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.endpoints.EndpointFixtures.Echo;
import dev.twine.tck.endpoints.EndpointFixtures.Greeter;
import org.junit.jupiter.api.Assumptions;

/**
 * TCP server and client endpoints and the description strings over real loopback sockets on every backend
 * (semantics.md §1.14.2 to §1.14.5).
 */
class TcpEndpointsTest {

    @ReactorTest
    void endpointsFromStringsListenConnectAndExchangeBytes(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        Object[] port = outcome(Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1")
                .listen(new ServerFactory(Echo::new)));
        IListeningPort listening = assertInstanceOf(IListeningPort.class, port[0], "a TCP listen completes at once");
        assertEquals(new IPv4Address("TCP", LOOPBACK, portOf(listening)), listening.getHost());
        Greeter greeter = new Greeter();
        int[] madeWhenFired = {-1};
        b.needsRunningReactor(reactor, () -> Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + portOf(listening))
                .connect(new Factory(() -> greeter))
                .addCallback(p -> {
                    assertSame(greeter, p);
                    madeWhenFired[0] = greeter.made;
                    return null;
                }));
        greeter.lost.addCallback(ignored -> {
            finish(reactor, listening);
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(1, madeWhenFired[0], "the Deferred fires after connectionMade");
        assertEquals("hello", greeter.received.toString());
        assertInstanceOf(ConnectionDone.class, greeter.lostReason.value());
    }

    @ReactorTest
    void tcp6EndpointsWorkOverTheIPv6Loopback(ReactorBuilder b) {
        Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback on this machine");
        IReactor reactor = b.buildReactor();
        IListeningPort listening = (IListeningPort) outcome(Endpoints.serverFromString(reactor, "tcp6:0:interface=\\:\\:1")
                .listen(new ServerFactory(Echo::new)))[0];
        assertInstanceOf(IPv6Address.class, listening.getHost());
        Greeter greeter = new Greeter();
        b.needsRunningReactor(reactor, () -> new TCP6ClientEndpoint(reactor, "::1", portOf(listening))
                .connect(new Factory(() -> greeter)));
        greeter.lost.addCallback(ignored -> {
            finish(reactor, listening);
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals("hello", greeter.received.toString());
    }

    @ReactorTest
    void aRefusedConnectFailsWithConnectionRefusedError(ReactorBuilder b) throws Exception {
        IReactor reactor = b.buildReactor();
        int refused = refusedPort();
        Object[] result = new Object[1];
        b.needsRunningReactor(reactor, () -> new TCP4ClientEndpoint(reactor, LOOPBACK, refused)
                .connect(new Factory(Protocol::new))
                .addBoth(r -> {
                    result[0] = r;
                    reactor.stop();
                    return null;
                }));
        b.runReactor(reactor, TIMEOUT);
        assertInstanceOf(ConnectionRefusedError.class, ((Failure) result[0]).value());
    }

    @ReactorTest
    void cancellingAConnectInProgressStopsItWithConnectingCancelledError(ReactorBuilder b) throws Exception {
        IReactor reactor = b.buildReactor();
        IListeningPort listening = reactor.listenTCP(0, new ServerFactory(Echo::new), 50, LOOPBACK);
        int[] built = {0};
        Object[] result = new Object[1];
        b.needsRunningReactor(reactor, () -> {
            var d = new TCP4ClientEndpoint(reactor, LOOPBACK, portOf(listening)).connect(new Factory(() -> {
                built[0]++;
                return new Protocol();
            }));
            d.addBoth(r -> {
                result[0] = r;
                return null;
            });
            d.cancel();
            // Later iterations must bring nothing of the abandoned attempt.
            reactor.callLater(0.1, () -> finish(reactor, listening));
        });
        b.runReactor(reactor, TIMEOUT);
        ConnectingCancelledError e = assertInstanceOf(ConnectingCancelledError.class, ((Failure) result[0]).value());
        assertEquals(new IPv4Address("TCP", LOOPBACK, portOf(listening)), e.address());
        assertEquals(0, built[0]);
    }

    @ReactorTest
    void listeningOnAPortInUseIsAFailedDeferredWithCannotListenError(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort taken = reactor.listenTCP(0, new ServerFactory(Echo::new), 50, LOOPBACK);
        Object[] second = outcome(new TCP4ServerEndpoint(reactor, portOf(taken), 50, LOOPBACK)
                .listen(new ServerFactory(Echo::new)));
        assertInstanceOf(CannotListenError.class, ((Failure) second[0]).value());
        b.needsRunningReactor(reactor, () -> finish(reactor, taken));
        b.runReactor(reactor, TIMEOUT);
    }

    @ReactorTest
    void connectProtocolConnectsTheGivenInstance(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort listening = reactor.listenTCP(0, new ServerFactory(Echo::new), 50, LOOPBACK);
        Greeter greeter = new Greeter();
        IStreamClientEndpoint endpoint = new TCP4ClientEndpoint(reactor, LOOPBACK, portOf(listening));
        Object[] result = new Object[1];
        b.needsRunningReactor(reactor, () -> Endpoints.connectProtocol(endpoint, greeter).addCallback(p -> {
            result[0] = p;
            return null;
        }));
        greeter.lost.addCallback(ignored -> {
            finish(reactor, listening);
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertSame(greeter, result[0]);
        assertEquals("hello", greeter.received.toString());
    }
}
