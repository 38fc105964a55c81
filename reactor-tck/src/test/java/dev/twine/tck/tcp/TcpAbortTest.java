package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.pattern;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITCPTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.testfixtures.LogCapture;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** {@code abortConnection()} (semantics.md §1.7): a reset now, {@code ConnectionAborted} later, never re-entrantly. */
class TcpAbortTest {

    /**
     * Says one byte, then counts the bytes the peer of an aborting side receives and records how its
     * connection ended.
     */
    private static final class Peer extends Protocol {
        final Events events;
        private final Countdown done;
        int received;

        Peer(Events events, Countdown done) {
            this.events = events;
            this.done = done;
        }

        @Override
        public void connectionMade() {
            transport.write(new byte[] {1});
        }

        @Override
        public void dataReceived(byte[] data) {
            received += data.length;
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("peer lost " + reason.type().getSimpleName() + " after " + received + " bytes");
            done.tick();
        }
    }

    /**
     * A client factory whose connect failure (never expected here) is recorded and ends the test at
     * once, so it shows in the assertion instead of as a timeout.
     */
    private static ClientFactory clients(Supplier<? extends IProtocol> protocol, Events events, Countdown done) {
        return new ClientFactory(protocol) {
            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                events.add("clientConnectionFailed " + reason.getBriefTraceback());
                while (done.remaining() > 0) {
                    done.tick();
                }
            }
        };
    }

    private static Countdown stopAfter(int n, IReactor reactor, IListeningPort[] port) {
        return new Countdown(n, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
    }

    @ReactorTest
    void abortDiscardsBufferedDataAndTheLocalSideSeesConnectionAbortedWhileThePeerSeesConnectionLost(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                // Aborting only once the client has spoken: it surely counts as connected by then.
                ITCPTransport t = (ITCPTransport) transport;
                t.write(pattern(4 * 1024 * 1024, 1));
                t.abortConnection();
                t.write("Y".getBytes(StandardCharsets.US_ASCII));
                t.abortConnection();
                t.loseConnection();
                events.add("abort returned");
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("lost " + name(reason));
                done.tick();
            }
        }), 50, LOOPBACK);
        Peer peer = new Peer(events, done);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), clients(() -> peer, events, done));
        builder.runReactor(reactor, TIMEOUT);

        List<String> seen = events.list();
        assertEquals("abort returned", seen.get(0), "connectionLost is never delivered inside the caller");
        // The two losses happen on the same reactor in either order; nothing else may happen.
        assertEquals(Set.of("abort returned", "lost ConnectionAborted", "peer lost ConnectionLost after 0 bytes"),
                Set.copyOf(seen), "nothing buffered before or written after the abort is sent");
        assertEquals(3, seen.size(), seen.toString());
    }

    @ReactorTest
    void abortInsideDataReceivedDeliversConnectionLostAfterItReturns(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                ((ITCPTransport) transport).abortConnection();
                events.add("dataReceived returns");
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("lost " + name(reason));
                done.tick();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), clients(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write("x".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void connectionLost(Failure reason) {
                done.tick();
            }
        }, events, done));
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("dataReceived returns", "lost ConnectionAborted"), events.list());
    }

    @ReactorTest
    void anExceptionAfterAbortInDataReceivedIsTheReason(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        IllegalStateException boom = new IllegalStateException("boom after abort");
        Failure[] reason = new Failure[1];
        int[] lostCalls = {0};
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                ((ITCPTransport) transport).abortConnection();
                throw boom;
            }

            @Override
            public void connectionLost(Failure r) {
                lostCalls[0]++;
                reason[0] = r;
                // Wait one more iteration so the abort's own delayed connectionLost has had its chance.
                reactor.callLater(0.05, done::tick);
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), clients(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write("x".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void connectionLost(Failure r) {
                done.tick();
            }
        }, new Events(), done));
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            // Expected, and logged: the exception is the connection's reason and is reported once.
            assertEquals(List.of(boom), log.errors(IllegalStateException.class));
        }

        assertSame(boom, reason[0].value(), "Twisted's test_dataReceivedThrows: the exception wins over the abort");
        assertEquals(1, lostCalls[0], "connectionLost runs once");
    }

    @ReactorTest
    void abortAfterLoseConnectionStillAborts(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.write(pattern(4 * 1024 * 1024, 2));
                transport.loseConnection();
                ((ITCPTransport) transport).abortConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("lost " + name(reason));
                done.tick();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), clients(() -> new Peer(new Events(), done), events, done));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("lost ConnectionAborted"), events.list());
    }
}
