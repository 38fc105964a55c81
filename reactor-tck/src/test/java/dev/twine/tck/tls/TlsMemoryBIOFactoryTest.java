package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.protocols.policies.WrappingFactory;
import dev.twine.protocols.tls.TLSMemoryBIOFactory;
import dev.twine.protocols.tls.TLSMemoryBIOProtocol;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import dev.twine.testfixtures.LogCapture;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLEngine;

/**
 * {@code TLSMemoryBIOFactory} on real sockets (semantics.md §4.10): it gives TLS to plain
 * {@code listenTCP} and {@code connectTCP}, talking to {@code connectSSL} and {@code listenSSL} ends; the
 * wrapped protocol's transport is the wrapper and answers the {@code ISSLTransport} calls; the role is the
 * factory's, not the connection's side; and a connection whose TLS cannot start is dropped, logged, and
 * never reaches the wrapped protocol, while the next one is served.
 */
class TlsMemoryBIOFactoryTest {
    private static final String LOGGER = "dev.twine.protocols.tls";

    /**
     * A protocol that greets in {@code connectionMade} (before the handshake, so the greeting must wait for
     * it), records what it receives with the TLS facts of its transport, and closes after {@code replies}
     * messages.
     */
    private static TlsFixtures.Recording greeter(Events events, String who, String greeting, int replies,
            Runnable onLost) {
        return new TlsFixtures.Recording(events, who, onLost) {
            private int received;

            @Override
            public void connectionMade() {
                super.connectionMade();
                events.add(who + " transport is the wrapper: " + (transport instanceof TLSMemoryBIOProtocol));
                if (greeting != null) {
                    transport.write(ascii(greeting));
                }
            }

            @Override
            public void dataReceived(byte[] data) {
                super.dataReceived(data);
                events.add(who + " saw " + peerName(transport) + " on " + ssl(transport).tlsVersion());
                if (++received == replies) {
                    transport.loseConnection();
                } else {
                    transport.write(ascii("reply from " + who));
                }
            }
        };
    }

    /** What a test does on a running reactor: listen, connect, and return the port. */
    private interface Scenario {
        IListeningPort start(IReactor reactor, Runnable lost);
    }

    /**
     * Runs {@code scenario} on a fresh reactor until {@code losses} connections have been lost (each
     * protocol reports its loss through {@code lost}), then stops listening and ends the run.
     */
    private static void run(ReactorBuilder builder, int losses, Scenario scenario) {
        IReactor reactor = builder.buildReactor();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(losses, reactor, port);
        builder.needsRunningReactor(reactor, () -> port[0] = scenario.start(reactor, done::tick));
        builder.runReactor(reactor, TIMEOUT);
    }

    @ReactorTest
    void aWrappedListenTcpServesAConnectSslClientAndItsProtocolSeesTheTlsTransport(ReactorBuilder builder) {
        Events events = new Events();
        run(builder, 2, (reactor, lost) -> {
            IListeningPort port = reactor.listenTCP(0, new TLSMemoryBIOFactory(serverOptions(), false,
                    new ServerFactory(() -> greeter(events, "server", "hello before the handshake", 1, lost))),
                    50, LOOPBACK);
            reactor.connectSSL(LOOPBACK, portOf(port), new ClientFactory(
                    () -> greeter(events, "client", null, 2, lost)), clientOptions());
            return port;
        });

        assertEquals(1, events.count("server transport is the wrapper: true"), events.toString());
        assertEquals(1, events.count("client data hello before the handshake"), events.toString());
        assertEquals(1, events.count("client saw CN=localhost on TLSv1.3"), events.toString());
        // The client presents no certificate; the server still sees the TLS version through the wrapper.
        assertEquals(1, events.count("server saw null on TLSv1.3"), events.toString());
        assertEquals(1, events.count("server lost ConnectionDone"), events.toString());
    }

    @ReactorTest
    void aWrappedConnectTcpIsTheTlsClientOfAListenSslServer(ReactorBuilder builder) {
        Events events = new Events();
        run(builder, 2, (reactor, lost) -> {
            IListeningPort port = reactor.listenSSL(0, new ServerFactory(
                    () -> greeter(events, "server", null, 2, lost)), serverOptions(), 50, LOOPBACK);
            reactor.connectTCP(LOOPBACK, portOf(port), new TLSMemoryBIOFactory(clientOptions(), true,
                    new ClientFactory(() -> greeter(events, "client", "hello from the wrapper", 2, lost))));
            return port;
        });

        assertEquals(1, events.count("client transport is the wrapper: true"), events.toString());
        assertEquals(1, events.count("server data hello from the wrapper"), events.toString());
        assertEquals(1, events.count("client saw CN=localhost on TLSv1.3"), events.toString());
    }

    @ReactorTest
    void theRoleIsTheFactorysSoAnAcceptedConnectionCanBeTheTlsClient(ReactorBuilder builder) {
        Events events = new Events();
        run(builder, 2, (reactor, lost) -> {
            // The accepting side sends the ClientHello and checks the connecting side's certificate.
            IListeningPort port = reactor.listenTCP(0, new TLSMemoryBIOFactory(clientOptions(), true,
                    new ServerFactory(() -> greeter(events, "acceptor", "hello", 2, lost))), 50, LOOPBACK);
            reactor.connectTCP(LOOPBACK, portOf(port), new TLSMemoryBIOFactory(serverOptions(), false,
                    new ClientFactory(() -> greeter(events, "connector", null, 2, lost))));
            return port;
        });

        assertEquals(1, events.count("connector data hello"), events.toString());
        assertEquals(1, events.count("acceptor saw CN=localhost on TLSv1.3"), events.toString());
        // The connector read twice (the greeting, then the reply), and never saw a certificate.
        assertEquals(2, events.count("connector saw null on TLSv1.3"), events.toString());
    }

    /** Refuses to make the first engine, as a misconfigured or exhausted context factory would. */
    private static final class FailsOnce implements IContextFactory {
        private final IContextFactory delegate = serverOptions();
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public SSLEngine createEngine(boolean clientMode, String peerHost, int peerPort) {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("no engine for the first client");
            }
            return delegate.createEngine(clientMode, peerHost, peerPort);
        }
    }

    @ReactorTest
    void aContextFactoryThatThrowsDropsThatConnectionAloneAndItsProtocolHearsNothing(ReactorBuilder builder) {
        Events events = new Events();
        AtomicInteger built = new AtomicInteger();
        try (LogCapture log = LogCapture.of(LOGGER)) {
            // The refused client's loss, then the served client's and its server's.
            run(builder, 3, (reactor, lost) -> {
                IListeningPort port = reactor.listenTCP(0, new TLSMemoryBIOFactory(new FailsOnce(), false,
                        new ServerFactory(() -> {
                            built.incrementAndGet();
                            return greeter(events, "server", "served", 1, lost);
                        })), 50, LOOPBACK);
                reactor.connectSSL(LOOPBACK, portOf(port), new ClientFactory(
                        () -> new TlsFixtures.Recording(events, "refused", () -> {
                            lost.run();
                            reactor.connectSSL(LOOPBACK, portOf(port), new ClientFactory(
                                    () -> greeter(events, "served", null, 1, lost)), clientOptions());
                        })), clientOptions());
                return port;
            });
            List<LogRecord> logged = log.containing("no engine for the first client");
            assertEquals(1, logged.size(), "logged once: " + log.records());
        }

        assertEquals(2, built.get(), "the wrapped factory built a protocol for each connection");
        assertEquals(1, events.count("server made"), "only the served connection reached the protocol: " + events);
        assertEquals(1, events.count("server lost ConnectionDone"), events.toString());
        assertEquals(1, events.count("served data served"), events.toString());
        assertTrue(events.list().stream().anyMatch(e -> e.startsWith("refused lost ")), events.toString());
    }

    @ReactorTest
    void insideAnotherWrapperItCannotStartTlsAndSaysSoNamingTheCause(ReactorBuilder builder) {
        Events events = new Events();
        try (LogCapture log = LogCapture.of(LOGGER)) {
            run(builder, 1, (reactor, lost) -> {
                // The wrong nesting: the TLS wrapper's transport is another wrapper, not the reactor's transport.
                IListeningPort port = reactor.listenTCP(0, new WrappingFactory(new TLSMemoryBIOFactory(
                        serverOptions(), false, new ServerFactory(() -> greeter(events, "server", "never", 1, () -> { })))),
                        50, LOOPBACK);
                reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Protocol() {
                    @Override
                    public void connectionLost(Failure reason) {
                        events.add("client lost " + TlsFixtures.name(reason));
                        lost.run();
                    }
                }));
                return port;
            });
            assertEquals(1, log.containing("make TLSMemoryBIOFactory the outermost factory").size(),
                    "the cause is logged: " + log.records());
        }
        assertEquals(0, events.count("server made"), events.toString());
        assertEquals(1, events.list().size(), "only the client's loss: " + events);
    }

    @ReactorTest
    void startTlsOnTheWrapperIsRefusedBecauseTlsAlreadyRuns(ReactorBuilder builder) {
        Events events = new Events();
        run(builder, 2, (reactor, lost) -> {
            IListeningPort port = reactor.listenTCP(0, new TLSMemoryBIOFactory(serverOptions(), false,
                    new ServerFactory(() -> new TlsFixtures.Recording(events, "server", lost) {
                        @Override
                        public void connectionMade() {
                            IllegalStateException refused = assertThrows(IllegalStateException.class,
                                    () -> ssl(transport).startTLS(serverOptions()));
                            events.add("second startTLS: " + refused.getMessage().startsWith("TLS was already started"));
                            transport.loseConnection();
                        }
                    })), 50, LOOPBACK);
            reactor.connectSSL(LOOPBACK, portOf(port), new ClientFactory(
                    () -> new TlsFixtures.Recording(events, "client", lost)), clientOptions());
            return port;
        });
        assertEquals(1, events.count("second startTLS: true"), events.toString());
        assertEquals(1, events.count("server lost ConnectionDone"), events.toString());
    }
}
