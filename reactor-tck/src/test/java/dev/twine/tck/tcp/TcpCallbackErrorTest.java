package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * What happens when application callbacks throw (semantics.md §1.10): the exception is logged, only the connection
 * it came from is affected, and the reactor keeps serving everybody else.
 */
class TcpCallbackErrorTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.US_ASCII);
    }

    /** Echoes, except that "boom" makes dataReceived throw. */
    private static final class Touchy extends Protocol {
        private final Events events;
        private final RuntimeException boom;
        private final Countdown done;

        Touchy(Events events, RuntimeException boom, Countdown done) {
            this.events = events;
            this.boom = boom;
            this.done = done;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (text(data).equals("boom")) {
                throw boom;
            }
            transport.write(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("server lost " + (reason.value() == boom ? "with the thrown exception" : name(reason)));
            done.tick();
        }
    }

    @ReactorTest
    void anExceptionInDataReceivedClosesOnlyThatConnectionWithTheExceptionAsReason(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        RuntimeException boom = new IllegalStateException("protocol bug");
        ITransport[] healthyTransport = new ITransport[1];
        IListeningPort[] port = new IListeningPort[1];
        // Both server connections and the healthy client must have ended before the reactor stops.
        Countdown done = new Countdown(3, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Touchy(events, boom, done)), 50, LOOPBACK);
        ClientFactory troublemaker = new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(ascii("boom"));
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("troublemaker lost " + name(reason));
                healthyTransport[0].write(ascii("still there?"));
            }
        });
        // The healthy client connects first and talks only after the other connection is gone, so the
        // server must still be serving at that point.
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                healthyTransport[0] = transport;
                reactor.connectTCP(LOOPBACK, portOf(port[0]), troublemaker);
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add("healthy got " + text(data));
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("healthy lost " + name(reason));
                done.tick();
            }
        }));
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(List.of(boom), log.errors(), "logged once");
        }

        List<String> seen = events.list();
        assertEquals(List.of("server lost with the thrown exception", "troublemaker lost ConnectionDone",
                "healthy got still there?"), seen.subList(0, 3), seen.toString());
        // The healthy connection's two ends close on the same reactor, in either order.
        assertEquals(Set.of("server lost ConnectionDone", "healthy lost ConnectionDone"),
                Set.copyOf(seen.subList(3, seen.size())), seen.toString());
        assertEquals(5, seen.size(), seen.toString());
    }

    @ReactorTest
    void anExceptionInServerConnectionMadeIsLoggedAndTheConnectionStaysOpen(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        RuntimeException boom = new IllegalStateException("connectionMade bug");
        Events events = new Events();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                throw boom;
            }

            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(ascii("ping"));
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add("echo " + text(data));
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        }));
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(List.of(boom), log.errors());
        }
        assertEquals(List.of("echo ping"), events.list(), "Experiment E5");
    }

    @ReactorTest
    void aServerFactoryThatBuildsNoProtocolClosesTheConnectionAndOneThatThrowsOnlyLosesThatClient(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        RuntimeException boom = new IllegalStateException("buildProtocol bug");
        int[] built = {0};
        Events events = new Events();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                switch (++built[0]) {
                    case 1:
                        return null;
                    case 2:
                        throw boom;
                    default:
                        return new Protocol() {
                            @Override
                            public void connectionMade() {
                                transport.write(ascii("welcome"));
                                transport.loseConnection();
                            }
                        };
                }
            }
        }, 50, LOOPBACK);
        Countdown done = new Countdown(3, () -> port.stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        ClientFactory clients = new ClientFactory(() -> new Protocol() {
            private final StringBuilder got = new StringBuilder();

            @Override
            public void dataReceived(byte[] data) {
                got.append(text(data));
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add(name(reason) + " '" + got + "'");
                done.tick();
            }
        }) {
            private int started;

            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                // Connect one after another, so that the factory sees them in order.
                if (++started < 3) {
                    reactor.connectTCP(LOOPBACK, portOf(port), this);
                }
            }
        };
        reactor.connectTCP(LOOPBACK, portOf(port), clients);
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(List.of(boom), log.errors());
        }
        assertEquals(List.of("ConnectionDone ''", "ConnectionDone ''", "ConnectionDone 'welcome'"), events.list());
    }

    @ReactorTest
    void anExceptionInClientConnectionMadeClosesTheClientConnectionWithIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        RuntimeException boom = new IllegalStateException("client connectionMade bug");
        Events events = new Events();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                throw boom;
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("lost " + (reason.value() == boom ? "with the thrown exception" : name(reason)));
            }
        }) {
            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                assertSame(boom, reason.value());
                events.add("clientConnectionLost");
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        });
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(List.of(boom), log.errors());
        }
        assertEquals(List.of("lost with the thrown exception", "clientConnectionLost"), events.list(),
                "Twisted's reactor closes a client whose connectionMade raised");
    }

    @ReactorTest
    void aClientFactoryThatBuildsNoProtocolClosesTheConnection(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                events.add("server lost " + name(reason));
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                events.add("buildProtocol");
                return null;
            }

            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                events.add("clientConnectionLost " + name(reason));
                reactor.callLater(0.1, () -> port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                }));
            }
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("buildProtocol", "clientConnectionLost ConnectionDone", "server lost ConnectionDone"),
                events.list(), "test_buildProtocolReturnsNone");
    }
}
