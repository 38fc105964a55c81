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

    @ReactorTest
    void aWrappedListenTcpServesAConnectSslClientAndItsProtocolSeesTheTlsTransport(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenTCP(0, new TLSMemoryBIOFactory(serverOptions(), false,
                    new ServerFactory(() -> greeter(events, "server", "hello before the handshake", 1, done::tick))),
                    50, LOOPBACK);
            reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(
                    () -> greeter(events, "client", null, 2, done::tick)), clientOptions());
        });
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("server transport is the wrapper: true"), events.toString());
        assertEquals(1, events.count("client data hello before the handshake"), events.toString());
        assertEquals(1, events.count("client saw CN=localhost on TLSv1.3"), events.toString());
        // The client presents no certificate; the server still sees the TLS version through the wrapper.
        assertEquals(1, events.count("server saw null on TLSv1.3"), events.toString());
        assertEquals(1, events.count("server lost ConnectionDone"), events.toString());
    }

    @ReactorTest
    void aWrappedConnectTcpIsTheTlsClientOfAListenSslServer(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenSSL(0, new ServerFactory(
                    () -> greeter(events, "server", null, 2, done::tick)), serverOptions(), 50, LOOPBACK);
            reactor.connectTCP(LOOPBACK, portOf(port[0]), new TLSMemoryBIOFactory(clientOptions(), true,
                    new ClientFactory(() -> greeter(events, "client", "hello from the wrapper", 2, done::tick))));
        });
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("client transport is the wrapper: true"), events.toString());
        assertEquals(1, events.count("server data hello from the wrapper"), events.toString());
        assertEquals(1, events.count("client saw CN=localhost on TLSv1.3"), events.toString());
    }

    @ReactorTest
    void theRoleIsTheFactorysSoAnAcceptedConnectionCanBeTheTlsClient(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        builder.needsRunningReactor(reactor, () -> {
            // The accepting side sends the ClientHello and checks the connecting side's certificate.
            port[0] = reactor.listenTCP(0, new TLSMemoryBIOFactory(clientOptions(), true,
                    new ServerFactory(() -> greeter(events, "acceptor", "hello", 2, done::tick))), 50, LOOPBACK);
            reactor.connectTCP(LOOPBACK, portOf(port[0]), new TLSMemoryBIOFactory(serverOptions(), false,
                    new ClientFactory(() -> greeter(events, "connector", null, 2, done::tick))));
        });
        builder.runReactor(reactor, TIMEOUT);

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
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        AtomicInteger built = new AtomicInteger();
        IListeningPort[] port = new IListeningPort[1];
        // The refused client's loss, then the served client's and its server's.
        Countdown done = stopAfter(3, reactor, port);
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenTCP(0, new TLSMemoryBIOFactory(new FailsOnce(), false, new ServerFactory(() -> {
                built.incrementAndGet();
                return greeter(events, "server", "served", 1, done::tick);
            })), 50, LOOPBACK);
            reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(
                    () -> new TlsFixtures.Recording(events, "refused", () -> {
                        done.tick();
                        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(
                                () -> greeter(events, "served", null, 1, done::tick)), clientOptions());
                    })), clientOptions());
        });
        try (LogCapture log = LogCapture.of(LOGGER)) {
            builder.runReactor(reactor, TIMEOUT);
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
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(1, reactor, port);
        builder.needsRunningReactor(reactor, () -> {
            // The wrong nesting: the TLS wrapper's transport is another wrapper, not the reactor's transport.
            port[0] = reactor.listenTCP(0, new WrappingFactory(new TLSMemoryBIOFactory(serverOptions(), false,
                    new ServerFactory(() -> greeter(events, "server", "never", 1, () -> { })))), 50, LOOPBACK);
            reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
                @Override
                public void connectionLost(Failure reason) {
                    events.add("client lost " + TlsFixtures.name(reason));
                    done.tick();
                }
            }));
        });
        try (LogCapture log = LogCapture.of(LOGGER)) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(1, log.containing("make TLSMemoryBIOFactory the outermost factory").size(),
                    "the cause is logged: " + log.records());
        }
        assertEquals(0, events.count("server made"), events.toString());
        assertEquals(1, events.list().size(), "only the client's loss: " + events);
    }

    @ReactorTest
    void startTlsOnTheWrapperIsRefusedBecauseTlsAlreadyRuns(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenTCP(0, new TLSMemoryBIOFactory(serverOptions(), false,
                    new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
                        @Override
                        public void connectionMade() {
                            IllegalStateException refused = assertThrows(IllegalStateException.class,
                                    () -> ssl(transport).startTLS(serverOptions()));
                            events.add("second startTLS: " + refused.getMessage().startsWith("TLS was already started"));
                            transport.loseConnection();
                        }
                    })), 50, LOOPBACK);
            reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(
                    () -> new TlsFixtures.Recording(events, "client", done::tick)), clientOptions());
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(1, events.count("second startTLS: true"), events.toString());
        assertEquals(1, events.count("server lost ConnectionDone"), events.toString());
    }
}
