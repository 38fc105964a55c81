package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITCPTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.testfixtures.LogCapture;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Half-close (semantics.md §1.7 loseWriteConnection and peer half-close): one direction ends while the other keeps
 * working, for protocols that are {@link IHalfCloseableProtocol}s.
 */
class TcpHalfCloseTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A half-closeable protocol that records everything. When the peer has shut its side it closes the
     * connection itself: a half-closeable protocol must always end the connection eventually.
     */
    private static class HalfCloser extends Protocol implements IHalfCloseableProtocol {
        final Events events;
        private final Runnable onLost;

        HalfCloser(Events events, Runnable onLost) {
            this.events = events;
            this.onLost = onLost;
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void readConnectionLost() {
            events.add("readConnectionLost");
            transport.loseConnection();
        }

        @Override
        public void writeConnectionLost() {
            events.add("writeConnectionLost");
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("connectionLost " + name(reason));
            onLost.run();
        }
    }

    private static Countdown stopAfter(int n, IReactor reactor, IListeningPort[] port) {
        return new Countdown(n, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
    }

    @ReactorTest
    void eachSideCanShutItsWriteSideAndStillHearTheOther(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events server = new Events();
        Events client = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new HalfCloser(server, done::tick) {
            @Override
            public void readConnectionLost() {
                events.add("readConnectionLost");
                // The client can no longer send, but it can still hear us.
                transport.write(ascii("pong"));
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new HalfCloser(client, done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("ping"));
                ((ITCPTransport) transport).loseWriteConnection();
                transport.write(ascii("!")); // still before the shutdown: the buffer drains first
            }

            @Override
            public void writeConnectionLost() {
                super.writeConnectionLost();
                transport.write(ascii("dropped")); // the write side is shut: silently ignored
            }
        }));
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("data ping!", "readConnectionLost", "connectionLost ConnectionDone"), server.list());
        assertEquals(List.of("writeConnectionLost", "data pong", "readConnectionLost", "connectionLost ConnectionDone"),
                client.list());
    }

    @ReactorTest
    void thePeersHalfCloseIsAPlainConnectionDoneForOtherProtocols(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events server = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                server.add("connectionLost " + name(reason));
                done.tick();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new HalfCloser(new Events(), done::tick) {
            @Override
            public void connectionMade() {
                ((ITCPTransport) transport).loseWriteConnection();
            }
        }));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("connectionLost ConnectionDone"), server.list());
    }

    @ReactorTest
    void anExceptionInReadConnectionLostClosesTheConnectionWithIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        IllegalStateException boom = new IllegalStateException("readConnectionLost broke");
        Failure[] reason = new Failure[1];
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new HalfCloser(new Events(), done::tick) {
            @Override
            public void readConnectionLost() {
                throw boom;
            }

            @Override
            public void connectionLost(Failure r) {
                reason[0] = r;
                super.connectionLost(r);
            }
        }), 50, LOOPBACK);
        Events client = new Events();
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new HalfCloser(client, done::tick) {
            @Override
            public void connectionMade() {
                ((ITCPTransport) transport).loseWriteConnection();
            }
        }));
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            // Expected, and logged: the exception is the connection's reason and is reported once.
            assertEquals(List.of(boom), log.errors(IllegalStateException.class));
        }

        assertSame(boom, reason[0].value());
        assertEquals(List.of("writeConnectionLost", "readConnectionLost", "connectionLost ConnectionDone"),
                client.list(), "the peer sees an orderly close");
    }

    @ReactorTest
    void anExceptionInWriteConnectionLostClosesTheConnectionWithIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        IllegalStateException boom = new IllegalStateException("writeConnectionLost broke");
        Failure[] reason = new Failure[1];
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new HalfCloser(new Events(), done::tick)), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new HalfCloser(new Events(), done::tick) {
            @Override
            public void connectionMade() {
                ((ITCPTransport) transport).loseWriteConnection();
            }

            @Override
            public void writeConnectionLost() {
                throw boom;
            }

            @Override
            public void connectionLost(Failure r) {
                reason[0] = r;
                super.connectionLost(r);
            }
        }));
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            // Expected, and logged: the exception is the connection's reason and is reported once.
            assertEquals(List.of(boom), log.errors(IllegalStateException.class));
        }
        assertSame(boom, reason[0].value());
    }

    @ReactorTest
    void loseConnectionAfterTheWriteSideIsShutClosesAtOnce(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events client = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new HalfCloser(new Events(), done::tick)), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new HalfCloser(client, done::tick) {
            @Override
            public void connectionMade() {
                ((ITCPTransport) transport).loseWriteConnection();
            }

            @Override
            public void writeConnectionLost() {
                super.writeConnectionLost();
                transport.loseConnection();
                events.add("loseConnection returned");
            }
        }));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("writeConnectionLost", "connectionLost ConnectionDone", "loseConnection returned"),
                client.list(), "with the write side shut there is nothing to flush: Twisted closes synchronously");
    }

    @ReactorTest
    void loseWriteConnectionAfterThePeerClosedPassesSilently(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events client = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                done.tick();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                ((ITCPTransport) transport).loseWriteConnection();
                transport.loseConnection();
                client.add("connectionLost " + name(reason));
                done.tick();
            }
        }));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("connectionLost ConnectionDone"), client.list());
    }
}
