package dev.twine.internet.endpoints;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IFileDescriptorReceiver;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.error.NoProtocol;
import dev.twine.internet.error.UserError;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TcpClient;
import dev.twine.testing.TcpServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * TCP endpoints over a {@link MemoryReactor} (semantics.md §1.14.3 and §1.14.4), after Twisted's
 * {@code test_endpoints.TCP4EndpointsTests} and {@code WrappingFactoryTests}: what reaches the reactor, and
 * every way a connect's Deferred can end.
 */
class TCPEndpointsTest {
    private static final IPv4Address PEER = new IPv4Address("TCP", "10.0.0.2", 80);

    private final MemoryReactor reactor = new MemoryReactor();

    private TcpClient connectWith(IProtocolFactory factory, Deferred<IProtocol>[] result) {
        result[0] = new TCP4ClientEndpoint(reactor, "example.com", 80, 7, new InetSocketAddress("127.0.0.1", 0))
                .connect(factory);
        return reactor.tcpClients().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Deferred<IProtocol>[] holder() {
        return new Deferred[1];
    }

    @Test
    void serverListenPassesPortBacklogAndInterfaceAndFiresWithThePort() {
        Factory factory = Factory.forProtocol(AccumulatingProtocol::new);
        IListeningPort port = successResultOf(new TCP4ServerEndpoint(reactor, 8123, 7, "127.0.0.1").listen(factory));
        TcpServer listened = reactor.tcpServers().get(0);
        assertEquals(8123, listened.port());
        assertEquals(7, listened.backlog());
        assertEquals("127.0.0.1", listened.iface());
        assertSame(factory, listened.factory());
        assertSame(listened.fakePort(), port);
    }

    @Test
    void tcp6ServerListensOnTheIPv6WildcardByDefault() {
        successResultOf(new TCP6ServerEndpoint(reactor, 0).listen(Factory.forProtocol(AccumulatingProtocol::new)));
        assertEquals("::", reactor.tcpServers().get(0).iface());
        assertEquals(50, reactor.tcpServers().get(0).backlog());
    }

    @Test
    void aListenErrorIsAFailedDeferredNotAThrow() {
        CannotListenError refused = new CannotListenError("127.0.0.1", 80, new RuntimeException("EADDRINUSE"));
        MemoryReactor failing = new MemoryReactor() {
            @Override
            public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
                throw refused;
            }
        };
        Failure f = failureResultOf(new TCP4ServerEndpoint(failing, 80).listen(new Factory()), CannotListenError.class);
        assertSame(refused, f.value());
    }

    @Test
    void connectPassesHostPortTimeoutAndBindAddressAndWaitsForTheConnection() {
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(Factory.forProtocol(AccumulatingProtocol::new), d);
        assertEquals("example.com", c.host());
        assertEquals(80, c.port());
        assertEquals(7.0, c.timeout());
        assertEquals(new InetSocketAddress("127.0.0.1", 0), c.bindAddress());
        assertNoResult(d[0]);
    }

    @Test
    void connectFiresWithTheFactorysProtocolAfterItsConnectionMade() {
        AccumulatingProtocol user = new AccumulatingProtocol();
        int[] madeWhenFired = {-1};
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(Factory.forProtocol(() -> user), d);
        d[0].addCallback(p -> {
            madeWhenFired[0] = ((AccumulatingProtocol) p).made;
            return p;
        });
        IProtocol wrapper = c.factory().buildProtocol(PEER);
        assertNoResult(d[0]);
        StringTransport transport = new StringTransport();
        wrapper.makeConnection(transport);
        assertSame(user, successResultOf(d[0]));
        assertEquals(1, madeWhenFired[0]);
        assertSame(transport, user.transport);
    }

    @Test
    void theWrapperPassesDataAndConnectionLostToTheProtocol() {
        AccumulatingProtocol user = new AccumulatingProtocol();
        Deferred<IProtocol>[] d = holder();
        IProtocol wrapper = connectWith(Factory.forProtocol(() -> user), d).factory().buildProtocol(PEER);
        wrapper.makeConnection(new StringTransport());
        wrapper.dataReceived(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        wrapper.connectionLost(new Failure(new ConnectionDone()));
        assertEquals("hello", user.dataAsString());
        assertEquals(1, user.closed);
        assertInstanceOf(ConnectionDone.class, user.closedReason.value());
    }

    @Test
    void theWrapperIsHalfCloseableExactlyWhenTheProtocolIs() {
        Deferred<IProtocol>[] d = holder();
        IProtocol plain = connectWith(Factory.forProtocol(AccumulatingProtocol::new), d).factory().buildProtocol(PEER);
        assertFalse(plain instanceof IHalfCloseableProtocol);

        HalfCloser user = new HalfCloser();
        new TCP4ClientEndpoint(reactor, "h", 1).connect(Factory.forProtocol(() -> user));
        IProtocol wrapper = reactor.tcpClients().get(1).factory().buildProtocol(PEER);
        IHalfCloseableProtocol half = assertInstanceOf(IHalfCloseableProtocol.class, wrapper);
        half.readConnectionLost();
        half.writeConnectionLost();
        assertEquals("read,write", user.calls);
    }

    @Test
    void aConnectFailureIsTheDeferredsFailure() {
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(new Factory(), d);
        ConnectionRefusedError refused = new ConnectionRefusedError();
        c.factory().clientConnectionFailed(c.connector(), new Failure(refused));
        assertSame(refused, failureResultOf(d[0], ConnectionRefusedError.class).value());
    }

    @Test
    void aFactoryThatBuildsNoProtocolFailsWithNoProtocolAndTheConnectionIsRefused() {
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(new Factory(() -> null), d);
        assertNull(c.factory().buildProtocol(PEER));
        failureResultOf(d[0], NoProtocol.class);
    }

    @Test
    void anExceptionFromBuildProtocolIsTheDeferredsFailure() {
        IllegalStateException boom = new IllegalStateException("no protocol for you");
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(new Factory(() -> {
            throw boom;
        }), d);
        assertNull(c.factory().buildProtocol(PEER));
        assertSame(boom, failureResultOf(d[0], IllegalStateException.class).value());
    }

    @Test
    void anExceptionFromConnectionMadeFailsTheDeferredAndReachesTheTransport() {
        IllegalStateException boom = new IllegalStateException("refusing in connectionMade");
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(new Factory(() -> new AccumulatingProtocol() {
            @Override
            public void connectionMade() {
                throw boom;
            }
        }), d);
        IProtocol wrapper = c.factory().buildProtocol(PEER);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> wrapper.makeConnection(new StringTransport())));
        assertSame(boom, failureResultOf(d[0], IllegalStateException.class).value());
    }

    @Test
    void cancellingStopsTheConnectorAndFailsWithConnectingCancelledErrorNamingTheDestination() {
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(new Factory(), d);
        d[0].cancel();
        assertTrue(c.connector().stoppedConnecting());
        ConnectingCancelledError e = (ConnectingCancelledError) failureResultOf(d[0], ConnectingCancelledError.class)
                .value();
        assertEquals(new IPv4Address("TCP", "example.com", 80), e.address());
        // The reactor then reports the stop as a UserError; it must not fire the Deferred a second time.
        c.factory().clientConnectionFailed(c.connector(), new Failure(new UserError()));
    }

    @Test
    void aConnectTCPThatThrowsIsAFailedDeferred() {
        IllegalArgumentException bad = new IllegalArgumentException("port out of range");
        MemoryReactor failing = new MemoryReactor() {
            @Override
            public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
                    InetSocketAddress bindAddress) {
                throw bad;
            }
        };
        assertSame(bad, failureResultOf(new TCP4ClientEndpoint(failing, "h", 70000).connect(new Factory()),
                IllegalArgumentException.class).value());
    }

    @Test
    void theUserFactoryIsStartedAndStoppedWithTheAttempt() {
        int[] counts = new int[2];
        Factory user = new Factory(AccumulatingProtocol::new) {
            @Override
            public void startFactory() {
                counts[0]++;
            }

            @Override
            public void stopFactory() {
                counts[1]++;
            }
        };
        Deferred<IProtocol>[] d = holder();
        TcpClient c = connectWith(user, d);
        // The real reactor's connectTCP starts the factory; MemoryReactor leaves it to the test.
        c.factory().doStart();
        assertEquals(1, counts[0]);
        c.factory().clientConnectionFailed(c.connector(), new Failure(new ConnectionRefusedError()));
        c.factory().doStop();
        assertEquals(1, counts[1]);
        failureResultOf(d[0], ConnectionRefusedError.class);
    }

    /** Records the half-close calls. */
    /**
     * The transport reads passed descriptors only for a protocol that is an {@link IFileDescriptorReceiver}, so
     * the endpoint's wrapper is one exactly when the user's protocol is, as Twisted's {@code _WrappingProtocol}
     * provides it (semantics.md §8.8); half-closing is kept alongside.
     */
    @Test
    void theWrapperReceivesDescriptorsExactlyWhenTheProtocolDoes() {
        Deferred<IProtocol>[] d = holder();
        IProtocol plain = connectWith(Factory.forProtocol(AccumulatingProtocol::new), d).factory().buildProtocol(PEER);
        assertFalse(plain instanceof IFileDescriptorReceiver);

        DescriptorTaker taker = new DescriptorTaker();
        new TCP4ClientEndpoint(reactor, "h", 1).connect(Factory.forProtocol(() -> taker));
        IProtocol wrapper = reactor.tcpClients().get(1).factory().buildProtocol(PEER);
        assertInstanceOf(IFileDescriptorReceiver.class, wrapper).fileDescriptorReceived(7);
        assertFalse(wrapper instanceof IHalfCloseableProtocol);
        assertEquals("fd 7", taker.calls);

        HalfClosingTaker both = new HalfClosingTaker();
        new TCP4ClientEndpoint(reactor, "h", 1).connect(Factory.forProtocol(() -> both));
        IProtocol bothWrapper = reactor.tcpClients().get(2).factory().buildProtocol(PEER);
        assertInstanceOf(IFileDescriptorReceiver.class, bothWrapper).fileDescriptorReceived(8);
        assertInstanceOf(IHalfCloseableProtocol.class, bothWrapper).readConnectionLost();
        assertEquals("fd 8,read", both.calls);
    }

    private static class DescriptorTaker extends AccumulatingProtocol implements IFileDescriptorReceiver {
        String calls = "";

        void record(String call) {
            calls += calls.isEmpty() ? call : "," + call;
        }

        @Override
        public void fileDescriptorReceived(int descriptor) {
            record("fd " + descriptor);
        }
    }

    private static final class HalfClosingTaker extends DescriptorTaker implements IHalfCloseableProtocol {
        @Override
        public void readConnectionLost() {
            record("read");
        }

        @Override
        public void writeConnectionLost() {
            record("write");
        }
    }

    private static final class HalfCloser extends AccumulatingProtocol implements IHalfCloseableProtocol {
        String calls = "";

        @Override
        public void readConnectionLost() {
            calls += calls.isEmpty() ? "read" : ",read";
        }

        @Override
        public void writeConnectionLost() {
            calls += calls.isEmpty() ? "write" : ",write";
        }
    }
}
