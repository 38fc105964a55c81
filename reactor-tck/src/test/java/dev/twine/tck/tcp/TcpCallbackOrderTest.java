package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.tcp.Connection;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The order of factory and protocol callbacks for one server and one client connection (semantics.md §1.9,
 * semantics.md experiment E0): the exact sequence is the specification.
 */
class TcpCallbackOrderTest {

    /** A server protocol that records its callbacks, including whether it was reading at connectionMade. */
    private static final class RecordingServerProtocol extends Protocol {
        private final Events events;
        private final Runnable onLost;

        RecordingServerProtocol(Events events, Runnable onLost) {
            this.events = events;
            this.onLost = onLost;
        }

        @Override
        public void connectionMade() {
            events.add("connectionMade reading=" + ((Connection) transport).isReading());
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("dataReceived " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("connectionLost " + name(reason));
            onLost.run();
        }
    }

    @ReactorTest
    void serverCallbacksRunInTwistedsOrder(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        ServerFactory factory = new ServerFactory() {
            @Override
            public void startFactory() {
                events.add("startFactory");
            }

            @Override
            public void stopFactory() {
                events.add("stopFactory");
            }

            @Override
            public IProtocol buildProtocol(IAddress addr) {
                events.add("buildProtocol " + addr.host());
                return new RecordingServerProtocol(events, () -> port[0].stopListening()
                        .addCallback(ignored -> {
                            events.add("stopListening fired");
                            reactor.stop();
                            return null;
                        }));
            }
        };
        port[0] = reactor.listenTCP(0, factory, 50, LOOPBACK);
        assertEquals(List.of("startFactory"), events.list(), "listenTCP starts the factory synchronously");

        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write("hello".getBytes(StandardCharsets.US_ASCII));
                transport.loseConnection();
            }
        }));
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of(
                "startFactory",
                "buildProtocol 127.0.0.1",
                "connectionMade reading=true",
                "dataReceived hello",
                "connectionLost ConnectionDone",
                "stopFactory",
                "stopListening fired"), events.list());
    }

    @ReactorTest
    void clientCallbacksRunInTwistedsOrder(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.loseConnection();
            }
        }), 50, LOOPBACK);

        IConnector[] connector = new IConnector[1];
        ClientFactory factory = new ClientFactory() {
            @Override
            public void startFactory() {
                events.add("startFactory");
            }

            @Override
            public void startedConnecting(IConnector c) {
                events.add("startedConnecting same=" + (c == connector[0] || connector[0] == null));
            }

            @Override
            public IProtocol buildProtocol(IAddress addr) {
                events.add("buildProtocol " + addr.host() + ":" + (addr.port() == portOf(port)));
                return new Protocol() {
                    @Override
                    public void connectionMade() {
                        events.add("connectionMade reading=" + ((Connection) transport).isReading());
                        transport.write(new byte[] {1});
                    }

                    @Override
                    public void connectionLost(Failure reason) {
                        events.add("connectionLost " + name(reason));
                    }
                };
            }

            @Override
            public void clientConnectionLost(IConnector c, Failure reason) {
                events.add("clientConnectionLost " + name(reason) + " same=" + (c == connector[0]));
            }

            @Override
            public void clientConnectionFailed(IConnector c, Failure reason) {
                events.add("clientConnectionFailed " + name(reason));
            }

            @Override
            public void stopFactory() {
                events.add("stopFactory");
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        };
        connector[0] = reactor.connectTCP(LOOPBACK, portOf(port), factory);
        assertEquals(List.of("startFactory", "startedConnecting same=true"), events.list(),
                "connectTCP starts the factory and reports startedConnecting before it returns");
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of(
                "startFactory",
                "startedConnecting same=true",
                "buildProtocol 127.0.0.1:true",
                "connectionMade reading=true",
                "connectionLost ConnectionDone",
                "clientConnectionLost ConnectionDone same=true",
                "stopFactory"), events.list());
    }

    @ReactorTest
    void pauseProducingInConnectionMadeSticksOnBothSides(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events server = new Events();
        Events client = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown bothDone = new Countdown(2, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        class PausingProtocol extends Protocol {
            private final String side;
            private final Events events;

            PausingProtocol(String side, Events events) {
                this.side = side;
                this.events = events;
            }

            @Override
            public void connectionMade() {
                transport.pauseProducing();
                transport.write(side.getBytes(StandardCharsets.US_ASCII));
                // The peer's bytes arrive long before this fires; none may be delivered while paused.
                reactor.callLater(0.3, () -> {
                    events.add("resume: reading=" + ((Connection) transport).isReading()
                            + " registered=" + reactor.getReaders().contains(transport));
                    transport.resumeProducing();
                });
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add("got " + new String(data, StandardCharsets.US_ASCII));
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("lost " + name(reason));
                bothDone.tick();
            }
        }
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new PausingProtocol("server", server)), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new PausingProtocol("client", client)));
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("resume: reading=false registered=false", "got client", "lost ConnectionDone"), server.list());
        assertEquals(List.of("resume: reading=false registered=false", "got server", "lost ConnectionDone"), client.list());
    }
}
