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

    /** One case's server and client: listens, connects to the port it listened on, returns that port. */
    private interface Pair {
        IListeningPort start(IReactor reactor, Events events, Countdown done);
    }

    /** Runs {@code pair} on a new reactor until both sides have lost their connection; returns the events. */
    private static Events run(ReactorBuilder builder, Pair pair) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = pair.start(reactor, events, done);
        builder.runReactor(reactor, TIMEOUT);
        return events;
    }

    @ReactorTest
    void listenSslAndConnectSslTellBothSidesOnceBeforeTheFirstData(ReactorBuilder builder) {
        assertBothHeardTheHandshakeOnceBeforeData(run(builder, (reactor, events, done) -> {
            IListeningPort port = reactor.listenSSL(0, new ServerFactory(() -> server(events, done)), serverOptions(),
                    50, LOOPBACK);
            reactor.connectSSL(LOOPBACK, portOf(port), new ClientFactory(() -> client(events, done)), clientOptions());
            return port;
        }));
    }

    @ReactorTest
    void startTlsTellsBothSidesOnce(ReactorBuilder builder) {
        assertBothHeardTheHandshakeOnceBeforeData(run(builder, (reactor, events, done) -> {
            IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Listening(events, "server",
                    done::tick, false) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    ssl(transport).startTLS(serverOptions());
                }
            }), 50, LOOPBACK);
            reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Listening(events, "client",
                    done::tick, false) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    ssl(transport).startTLS(clientOptions());
                    transport.write(ascii("hello"));
                }
            }), 30, null);
            return port;
        }));
    }

    @ReactorTest
    void aPlaintextConnectionNeverTellsIt(ReactorBuilder builder) {
        Events events = run(builder, (reactor, ev, done) -> {
            IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> server(ev, done)), 50, LOOPBACK);
            reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> client(ev, done)), 30, null);
            return port;
        });
        assertEquals(List.of("server made", "server data hello", "server lost ConnectionDone"), of(events, "server"),
                events.toString());
        assertEquals(List.of("client made", "client lost ConnectionDone"), of(events, "client"), events.toString());
    }

    /** A TimeoutFactory on the server (a ProtocolWrapper), an SSL client endpoint on the client. */
    @ReactorTest
    void aTimeoutWrapperAndAClientEndpointPassItOn(ReactorBuilder builder) {
        assertBothHeardTheHandshakeOnceBeforeData(run(builder, (reactor, events, done) -> {
            IListeningPort port = reactor.listenSSL(0, new TimeoutFactory(reactor,
                    new ServerFactory(() -> server(events, done)), 30), serverOptions(), 50, LOOPBACK);
            connectThrough(new SSL4ClientEndpoint(reactor, LOOPBACK, portOf(port), clientOptions()),
                    () -> client(events, done), events);
            return port;
        }));
    }

    /** TLSMemoryBIOFactory on the server, wrapClientTLS over a TCP endpoint on the client. */
    @ReactorTest
    void tlsUnderAnyFactoryAndWrapClientTlsPassItOn(ReactorBuilder builder) {
        assertBothHeardTheHandshakeOnceBeforeData(run(builder, (reactor, events, done) -> {
            IListeningPort port = reactor.listenTCP(0, new TLSMemoryBIOFactory(serverOptions(), false,
                    new ServerFactory(() -> server(events, done))), 50, LOOPBACK);
            connectThrough(TLSWrapClientEndpoint.wrapClientTLS(clientOptions(),
                    new TCP4ClientEndpoint(reactor, LOOPBACK, portOf(port))), () -> client(events, done), events);
            return port;
        }));
    }

    @ReactorTest
    void anExceptionFromHandshakeCompletedClosesThatConnection(ReactorBuilder builder) {
        TlsFixtures.Recording[] refusing = new TlsFixtures.Recording[1];
        Events events;
        try (LogCapture log = LogCapture.reactor()) {
            events = run(builder, (reactor, ev, done) -> {
                IListeningPort port = reactor.listenSSL(0, new ServerFactory(() -> refusing[0] = new Listening(ev,
                        "server", done::tick, false) {
                    @Override
                    public void handshakeCompleted() {
                        ev.add("server refuses");
                        throw new IllegalStateException("refused by handshakeCompleted");
                    }
                }), serverOptions(), 50, LOOPBACK);
                reactor.connectSSL(LOOPBACK, portOf(port), new ClientFactory(() -> client(ev, done)), clientOptions());
                return port;
            });
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
