package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.pattern;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITCPTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.BackgroundReactor;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorPairTest;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The TCP transport across backends: a server on one backend (its reactor on a background thread) and a
 * client on another see the same bytes and Twisted's callback order on each side.
 */
class TcpPairTest {

    /** Echoes every byte; a half-closing client gets the rest of the echo and then the close. */
    private static final class HalfCloseEcho extends Protocol implements IHalfCloseableProtocol {
        final Events events;

        HalfCloseEcho(Events events) {
            this.events = events;
        }

        @Override
        public void connectionMade() {
            events.add("connectionMade");
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
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
        }
    }

    @ReactorPairTest
    void aMebibyteEchoedAcrossBackendsArrivesIntactInTwistedsOrder(ReactorBuilder server, ReactorBuilder client)
            throws Exception {
        byte[] payload = pattern(1024 * 1024, 42);
        Events serverEvents = new Events();
        IReactor serverReactor = server.buildReactor();
        IListeningPort port = serverReactor.listenTCP(0, new ServerFactory(() -> new HalfCloseEcho(serverEvents)),
                50, LOOPBACK);
        BackgroundReactor bg = server.runReactorInBackground(serverReactor, TIMEOUT);

        Events clientEvents = new Events();
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        IReactor clientReactor = client.buildReactor();
        clientReactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory() {
            @Override
            public void startFactory() {
                clientEvents.add("startFactory");
            }

            @Override
            public void startedConnecting(IConnector connector) {
                clientEvents.add("startedConnecting");
            }

            @Override
            public IProtocol buildProtocol(IAddress addr) {
                clientEvents.add("buildProtocol");
                return new Protocol() {
                    @Override
                    public void connectionMade() {
                        clientEvents.add("connectionMade");
                        transport.write(payload);
                        ((ITCPTransport) transport).loseWriteConnection();
                    }

                    @Override
                    public void dataReceived(byte[] data) {
                        echoed.write(data, 0, data.length);
                    }

                    @Override
                    public void connectionLost(Failure reason) {
                        clientEvents.add("connectionLost " + name(reason));
                    }
                };
            }

            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                clientEvents.add("clientConnectionLost " + name(reason));
            }

            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                clientEvents.add("clientConnectionFailed " + reason.getBriefTraceback());
            }

            @Override
            public void stopFactory() {
                clientEvents.add("stopFactory");
                clientReactor.stop();
            }
        });
        client.runReactor(clientReactor, TIMEOUT);
        bg.call(() -> port.stopListening());
        bg.stopAndJoin();

        assertArrayEquals(payload, echoed.toByteArray());
        assertEquals(List.of("startFactory", "startedConnecting", "buildProtocol", "connectionMade",
                "connectionLost ConnectionDone", "clientConnectionLost ConnectionDone", "stopFactory"),
                clientEvents.list());
        assertEquals(List.of("connectionMade", "readConnectionLost", "connectionLost ConnectionDone"),
                serverEvents.list());
    }

    @ReactorPairTest
    void anAbortOnOneBackendIsAConnectionLostOnTheOther(ReactorBuilder server, ReactorBuilder client)
            throws Exception {
        Events serverEvents = new Events();
        IReactor serverReactor = server.buildReactor();
        IListeningPort port = serverReactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                // Aborting only once the client has spoken: it surely counts as connected by then.
                transport.write(pattern(1024 * 1024, 7));
                ((ITCPTransport) transport).abortConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                serverEvents.add("connectionLost " + name(reason));
            }
        }), 50, LOOPBACK);
        BackgroundReactor bg = server.runReactorInBackground(serverReactor, TIMEOUT);

        Events clientEvents = new Events();
        IReactor clientReactor = client.buildReactor();
        ClientFactory factory = new ClientFactory(() -> new Protocol() {
            int received;

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
                clientEvents.add("connectionLost " + name(reason) + " after " + received + " bytes");
                clientReactor.stop();
            }
        }) {
            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                // Never expected; reported by the assertion below instead of a timeout.
                clientEvents.add("clientConnectionFailed " + reason.getBriefTraceback());
                clientReactor.stop();
            }
        };
        clientReactor.connectTCP(LOOPBACK, portOf(port), factory);
        client.runReactor(clientReactor, TIMEOUT);
        bg.call(() -> port.stopListening());
        bg.stopAndJoin();

        assertEquals(List.of("connectionLost ConnectionLost after 0 bytes"), clientEvents.list());
        assertEquals(List.of("connectionLost ConnectionAborted"), serverEvents.list());
    }
}
