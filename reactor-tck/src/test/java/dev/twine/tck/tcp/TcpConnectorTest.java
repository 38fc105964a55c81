package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static dev.twine.tck.tcp.TcpFixtures.refusedPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.error.ConnectBindError;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.error.NotConnectingError;
import dev.twine.internet.error.UserError;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The client connector's state machine and its failures (semantics.md §1.6, semantics.md §1.9 "Client
 * connection, failure").
 */
class TcpConnectorTest {

    /** A client factory that records every factory callback and keeps the failure reasons. */
    private static class RecordingClientFactory extends ClientFactory {
        final Events events = new Events();
        final List<Failure> failures = new ArrayList<>();
        final List<IConnector> connectors = new ArrayList<>();

        @Override
        public void startFactory() {
            events.add("startFactory");
        }

        @Override
        public void startedConnecting(IConnector connector) {
            events.add("startedConnecting");
            connectors.add(connector);
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            events.add("buildProtocol");
            return new Protocol();
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            events.add("clientConnectionFailed " + name(reason));
            failures.add(reason);
            connectors.add(connector);
        }

        @Override
        public void clientConnectionLost(IConnector connector, Failure reason) {
            events.add("clientConnectionLost " + name(reason));
        }

        @Override
        public void stopFactory() {
            events.add("stopFactory");
        }
    }

    @ReactorTest
    void aRefusedConnectionFailsWithConnectionRefusedErrorAfterStartingTheFactory(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        RecordingClientFactory factory = new RecordingClientFactory() {
            @Override
            public void stopFactory() {
                super.stopFactory();
                reactor.stop();
            }
        };
        reactor.connectTCP(LOOPBACK, refusedPort(), factory);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("startFactory", "startedConnecting", "clientConnectionFailed ConnectionRefusedError",
                "stopFactory"), factory.events.list());
        ConnectionRefusedError refused = (ConnectionRefusedError) factory.failures.get(0).value();
        assertEquals("ECONNREFUSED", refused.osError());
    }

    @ReactorTest
    void stopConnectingFailsWithUserErrorSynchronously(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        RecordingClientFactory factory = new RecordingClientFactory();
        IConnector connector = reactor.connectTCP(LOOPBACK, 9, factory);
        connector.stopConnecting();

        assertEquals(List.of("startFactory", "startedConnecting", "clientConnectionFailed UserError", "stopFactory"),
                factory.events.list());
        assertInstanceOf(UserError.class, factory.failures.get(0).value());
        assertThrows(NotConnectingError.class, connector::stopConnecting);
        // Nothing of the abandoned attempt may run later: no timer, no socket.
        reactor.callLater(0.05, reactor::stop);
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(4, factory.events.list().size(), factory.events.toString());
    }

    @ReactorTest
    void disconnectWhileConnectingIsStopConnecting(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        RecordingClientFactory factory = new RecordingClientFactory();
        IConnector connector = reactor.connectTCP(LOOPBACK, 9, factory);
        connector.disconnect();
        assertEquals("clientConnectionFailed UserError", factory.events.list().get(2));
        reactor.callLater(0, reactor::stop);
        builder.runReactor(reactor, TIMEOUT);
    }

    @ReactorTest
    void connectWhileConnectingIsAnError(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        RecordingClientFactory factory = new RecordingClientFactory();
        IConnector connector = reactor.connectTCP(LOOPBACK, 9, factory);
        assertThrows(IllegalStateException.class, connector::connect);
        connector.stopConnecting();
        reactor.callLater(0, reactor::stop);
        builder.runReactor(reactor, TIMEOUT);
    }

    @ReactorTest
    void aFactoryReconnectsFromClientConnectionFailedWithTheSameConnector(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        int refused = refusedPort();
        RecordingClientFactory factory = new RecordingClientFactory() {
            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                super.clientConnectionFailed(connector, reason);
                if (failures.size() < 3) {
                    connector.connect();
                }
            }

            @Override
            public void stopFactory() {
                super.stopFactory();
                reactor.stop();
            }
        };
        IConnector connector = reactor.connectTCP(LOOPBACK, refused, factory);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("startFactory",
                "startedConnecting", "clientConnectionFailed ConnectionRefusedError",
                "startedConnecting", "clientConnectionFailed ConnectionRefusedError",
                "startedConnecting", "clientConnectionFailed ConnectionRefusedError",
                "stopFactory"), factory.events.list(), "started once, stopped once after the last failure");
        for (IConnector c : factory.connectors) {
            assertSame(connector, c);
        }
    }

    @ReactorTest
    void aFactoryReconnectsFromClientConnectionLost(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        int[] accepted = {0};
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                accepted[0]++;
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        RecordingClientFactory factory = new RecordingClientFactory() {
            int lost;

            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                super.clientConnectionLost(connector, reason);
                if (++lost < 2) {
                    connector.connect();
                }
            }

            @Override
            public void stopFactory() {
                super.stopFactory();
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        };
        reactor.connectTCP(LOOPBACK, portOf(port), factory);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("startFactory",
                "startedConnecting", "buildProtocol", "clientConnectionLost ConnectionDone",
                "startedConnecting", "buildProtocol", "clientConnectionLost ConnectionDone",
                "stopFactory"), factory.events.list());
        assertEquals(2, accepted[0]);
    }

    @ReactorTest
    void bindAddressSetsTheClientsLocalAddress(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        IAddress[] seen = new IAddress[2];
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                seen[1] = transport.getPeer();
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        ClientFactory factory = new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                seen[0] = transport.getHost();
            }

            @Override
            public void connectionLost(Failure reason) {
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        });
        reactor.connectTCP(LOOPBACK, portOf(port), factory, 30, new InetSocketAddress(LOOPBACK, 0));
        builder.runReactor(reactor, TIMEOUT);

        assertEquals("127.0.0.1", seen[0].host());
        assertEquals(seen[0], seen[1], "the server sees the bound address as the peer");
    }

    @ReactorTest
    void aBindAddressInUseFailsWithConnectBindErrorOnALaterIteration(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        IListeningPort occupied = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, LOOPBACK);
        RecordingClientFactory factory = new RecordingClientFactory() {
            @Override
            public void stopFactory() {
                super.stopFactory();
                occupied.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        };
        reactor.connectTCP(LOOPBACK, refusedPort(), factory, 30,
                new InetSocketAddress(InetAddress.getByName(LOOPBACK), portOf(occupied)));
        assertEquals(List.of("startFactory", "startedConnecting"), factory.events.list(), "nothing fails inside connectTCP");
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("startFactory", "startedConnecting", "clientConnectionFailed ConnectBindError", "stopFactory"),
                factory.events.list());
        assertEquals("EADDRINUSE", ((ConnectBindError) factory.failures.get(0).value()).osError());
    }

    @ReactorTest
    void aHostNameIsResolvedOffTheReactorThreadAndThePeerIsTheResolvedAddress(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        IAddress[] peer = new IAddress[1];
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        IConnector connector = reactor.connectTCP("localhost", portOf(port), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                peer[0] = transport.getPeer();
            }

            @Override
            public void connectionLost(Failure reason) {
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        }) {
            @Override
            public void clientConnectionFailed(IConnector c, Failure reason) {
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        });
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(new IPv4Address("TCP", "localhost", portOf(port)), connector.getDestination(),
                "the destination is what was asked for");
        assertEquals(new IPv4Address("TCP", "127.0.0.1", portOf(port)), peer[0], "the peer is the resolved address");
    }

    @ReactorTest
    void anIpv6LiteralDestinationIsAnIpv6Address(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        IConnector connector = reactor.connectTCP("::1", 9, new RecordingClientFactory());
        assertEquals(new IPv6Address("TCP", "::1", 9), connector.getDestination());
        connector.stopConnecting();
        reactor.callLater(0, reactor::stop);
        builder.runReactor(reactor, TIMEOUT);
    }
}
