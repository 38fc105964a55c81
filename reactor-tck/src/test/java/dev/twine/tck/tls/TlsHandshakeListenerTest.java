package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IHandshakeListener;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.SSL4ClientEndpoint;
import dev.twine.internet.endpoints.TCP4ClientEndpoint;
import dev.twine.internet.endpoints.TLSWrapClientEndpoint;
import dev.twine.protocols.policies.TimeoutFactory;
import dev.twine.protocols.tls.TLSMemoryBIOFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import dev.twine.testfixtures.LogCapture;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link IHandshakeListener} (semantics.md §4.1, Twisted's {@code IHandshakeListener} and
 * {@code test_tls.py} {@code TLSMemoryBIOTests.test_handshakeNotification}): a listening protocol hears
 * {@code handshakeCompleted} once, after {@code connectionMade} and before the first plaintext that came
 * through TLS, however TLS began and through every wrapper in between; a plaintext connection never hears
 * it; an exception from it closes that connection.
 *
 * <p>In each case the client writes {@code hello} from {@code connectionMade}, before the handshake, and the
 * server closes the connection when the hello arrives.
 */
class TlsHandshakeListenerTest {

    /** Records {@code who made}, {@code who handshake VERSION}, {@code who data TEXT}, {@code who lost NAME}. */
    private static class Listening extends TlsFixtures.Recording implements IHandshakeListener {
        private final boolean greets;

        Listening(Events events, String who, Runnable onLost, boolean greets) {
            super(events, who, onLost);
            this.greets = greets;
        }

        @Override
        public void connectionMade() {
            super.connectionMade();
            if (greets) {
                transport.write(ascii("hello"));
            }
        }

        @Override
        public void handshakeCompleted() {
            events.add(who + " handshake " + ssl(transport).tlsVersion());
        }

        @Override
        public void dataReceived(byte[] data) {
            super.dataReceived(data);
            if (!greets) {
                transport.loseConnection();
            }
        }
    }

    private static Listening server(Events events, Countdown done) {
        return new Listening(events, "server", done::tick, false);
    }

    private static Listening client(Events events, Countdown done) {
        return new Listening(events, "client", done::tick, true);
    }

    private static List<String> of(Events events, String who) {
        return events.list().stream().filter(e -> e.startsWith(who + " ")).toList();
    }

    private static void assertBothHeardTheHandshakeOnceBeforeData(Events events) {
        assertEquals(List.of("server made", "server handshake TLSv1.3", "server data hello", "server lost ConnectionDone"),
                of(events, "server"), events.toString());
        assertEquals(List.of("client made", "client handshake TLSv1.3", "client lost ConnectionDone"),
                of(events, "client"), events.toString());
    }

    @ReactorTest
    void listenSslAndConnectSslTellBothSidesOnceBeforeTheFirstData(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> server(events, done)), serverOptions(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client(events, done)), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertBothHeardTheHandshakeOnceBeforeData(events);
    }

    @ReactorTest
    void startTlsTellsBothSidesOnce(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Listening(events, "server", done::tick, false) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                ssl(transport).startTLS(serverOptions());
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Listening(events, "client", done::tick,
                false) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                ssl(transport).startTLS(clientOptions());
                transport.write(ascii("hello"));
            }
        }), 30, null);
        builder.runReactor(reactor, TIMEOUT);

        assertBothHeardTheHandshakeOnceBeforeData(events);
    }

    @ReactorTest
    void aPlaintextConnectionNeverTellsIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> server(events, done)), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client(events, done)), 30, null);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("server made", "server data hello", "server lost ConnectionDone"), of(events, "server"),
                events.toString());
        assertEquals(List.of("client made", "client lost ConnectionDone"), of(events, "client"), events.toString());
    }

    /** A TimeoutFactory on the server (a ProtocolWrapper), an SSL client endpoint on the client. */
    @ReactorTest
    void aTimeoutWrapperAndAClientEndpointPassItOn(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenSSL(0, new TimeoutFactory(reactor, new ServerFactory(() -> server(events, done)), 30),
                serverOptions(), 50, LOOPBACK);
        connectThrough(new SSL4ClientEndpoint(reactor, LOOPBACK, portOf(port[0]), clientOptions()),
                () -> client(events, done), events);
        builder.runReactor(reactor, TIMEOUT);

        assertBothHeardTheHandshakeOnceBeforeData(events);
    }

    /** TLSMemoryBIOFactory on the server, wrapClientTLS over a TCP endpoint on the client. */
    @ReactorTest
    void tlsUnderAnyFactoryAndWrapClientTlsPassItOn(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new TLSMemoryBIOFactory(serverOptions(), false,
                new ServerFactory(() -> server(events, done))), 50, LOOPBACK);
        connectThrough(TLSWrapClientEndpoint.wrapClientTLS(clientOptions(),
                new TCP4ClientEndpoint(reactor, LOOPBACK, portOf(port[0]))), () -> client(events, done), events);
        builder.runReactor(reactor, TIMEOUT);

        assertBothHeardTheHandshakeOnceBeforeData(events);
    }

    @ReactorTest
    void anExceptionFromHandshakeCompletedClosesThatConnection(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        TlsFixtures.Recording[] refusing = new TlsFixtures.Recording[1];
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> refusing[0] = new Listening(events, "server", done::tick,
                false) {
            @Override
            public void handshakeCompleted() {
                events.add("server refuses");
                throw new IllegalStateException("refused by handshakeCompleted");
            }
        }), serverOptions(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client(events, done)), clientOptions());
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(1, log.errors().size(), "logged once, as an exception from dataReceived is: " + log.errors());
        }

        assertEquals(List.of("server made", "server refuses", "server lost IllegalStateException"),
                of(events, "server"), events.toString());
        assertTrue(refusing[0].reason.getErrorMessage().contains("refused by handshakeCompleted"),
                refusing[0].reason.toString());
        assertEquals(0, events.count("server data hello"), events.toString());
    }

    private static void connectThrough(dev.twine.internet.endpoints.IStreamClientEndpoint endpoint,
            Supplier<IProtocol> protocol, Events events) {
        endpoint.connect(Factory.forProtocol(protocol)).addErrback(f -> {
            events.add("client failed " + f.getErrorMessage());
            return null;
        });
    }
}
