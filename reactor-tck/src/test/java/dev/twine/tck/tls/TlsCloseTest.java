package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.pattern;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITCPTransport;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.util.List;

/**
 * How TLS connections end (semantics.md §4.6, Twisted's {@code twisted.protocols.tls} rules):
 * {@code loseConnection} flushes then sends close_notify, {@code abortConnection} resets at once, the
 * peer's close_notify is {@code ConnectionDone}, a TCP end of stream without it is {@code ConnectionLost}
 * naming the truncation, and {@code loseWriteConnection} sends close_notify and keeps reading.
 */
class TlsCloseTest {

    @ReactorTest
    void loseConnectionBeforeTheHandshakeStillDeliversEverythingThenClosesCleanly(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        byte[] payload = pattern(200_000, 3);
        TlsFixtures.Bytes received = new TlsFixtures.Bytes();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
            @Override
            public void connectionMade() {
                // Written and closed before the client's hello has even arrived.
                transport.write(payload);
                transport.loseConnection();
            }
        }), serverOptions(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "client", done::tick) {
            @Override
            public void connectionMade() {
            }

            @Override
            public void dataReceived(byte[] data) {
                received.add(data);
            }
        }), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertArrayEquals(payload, received.toArray());
        assertEquals(1, events.count("server lost ConnectionDone"), events.toString());
        assertEquals(1, events.count("client lost ConnectionDone"), events.toString());
    }

    @ReactorTest
    void abortConnectionIsConnectionAbortedHereAndConnectionLostAtThePeer(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
            @Override
            public void connectionMade() {
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add("server data " + new String(data, java.nio.charset.StandardCharsets.US_ASCII));
                transport.write(ascii("never sent"));
                ((ITCPTransport) transport).abortConnection();
            }
        }), serverOptions(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "client", done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("hello"));
            }
        }), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("server data hello"), events.toString());
        assertEquals(1, events.count("server lost ConnectionAborted"), events.toString());
        assertEquals(1, events.count("client lost ConnectionLost"), events.toString());
        assertEquals(0, events.count("client data never sent"), "an abort discards what was buffered");
    }

    @ReactorTest
    void aTcpEndOfStreamWithoutCloseNotifyIsConnectionLostNamingTheTruncation(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] ports = new IListeningPort[2];
        Countdown done = stopAfter(2, reactor, ports);
        TlsFixtures.Recording[] client = new TlsFixtures.Recording[1];
        TlsFixtures.Recording[] server = new TlsFixtures.Recording[1];
        ports[0] = reactor.listenSSL(0, new ServerFactory(() -> server[0] = new TlsFixtures.Recording(events, "server", done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("hello"));
            }
        }), serverOptions(), 50, LOOPBACK);
        TlsProxy proxy = new TlsProxy(reactor, portOf(ports[0]));
        ports[1] = proxy.port;
        reactor.connectSSL(LOOPBACK, proxy.port(), new ClientFactory(() -> client[0] = new TlsFixtures.Recording(events, "client", done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("hi"));
            }

            @Override
            public void dataReceived(byte[] data) {
                super.dataReceived(data);
                // An attacker (here, the relay) ends the TCP stream; no TLS side said goodbye.
                proxy.cut();
            }
        }), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("client data hello"), events.toString());
        assertEquals(1, events.count("client lost ConnectionLost"), events.toString());
        assertEquals(1, events.count("server lost ConnectionLost"), events.toString());
        assertTrue(client[0].reason.value().getMessage().contains("without sending close_notify"),
                client[0].reason.value().getMessage());
        assertTrue(client[0].reason.check(ConnectionLost.class) != null);
    }

    @ReactorTest
    void loseWriteConnectionSendsCloseNotifyAndTheOtherDirectionStaysOpen(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new HalfCloser(events, "server", done::tick) {
            @Override
            public void readConnectionLost() {
                events.add("server readConnectionLost");
                // The client can no longer send, but it can still hear us.
                transport.write(ascii("pong"));
                transport.loseConnection();
            }
        }), serverOptions(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new HalfCloser(events, "client", done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("ping"));
                ((ITCPTransport) transport).loseWriteConnection();
            }
        }), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("client writeConnectionLost", "client data pong", "client readConnectionLost",
                "client lost ConnectionDone"), events.list().stream().filter(e -> e.startsWith("client")).toList());
        assertEquals(List.of("server data ping", "server readConnectionLost", "server lost ConnectionDone"),
                events.list().stream().filter(e -> e.startsWith("server")).toList());
    }

    /** A half-closeable recorder that closes when the peer has shut its side. */
    private static class HalfCloser extends TlsFixtures.Recording implements IHalfCloseableProtocol {
        HalfCloser(Events events, String who, Runnable onLost) {
            super(events, who, onLost);
        }

        @Override
        public void connectionMade() {
        }

        @Override
        public void readConnectionLost() {
            events.add(who + " readConnectionLost");
            transport.loseConnection();
        }

        @Override
        public void writeConnectionLost() {
            events.add(who + " writeConnectionLost");
        }
    }
}
