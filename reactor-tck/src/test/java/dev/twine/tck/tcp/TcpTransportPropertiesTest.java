package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.ILoggingContext;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITCPTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.util.List;

/**
 * Addresses, log prefixes and socket options of TCP transports (semantics.md §1.5 logstr, semantics.md §1.6
 * addresses, semantics.md §1.7 options).
 */
class TcpTransportPropertiesTest {

    /** A protocol class with a recognisable simple name for the log prefix. */
    private static final class Greeter extends Protocol {
        private final List<Object> seen;
        private final Runnable whenDone;

        Greeter(List<Object> seen, Runnable whenDone) {
            this.seen = seen;
            this.whenDone = whenDone;
        }

        @Override
        public void connectionMade() {
            ITCPTransport t = (ITCPTransport) transport;
            seen.add(t.getHost());
            seen.add(t.getPeer());
            seen.add(((ILoggingContext) t).logPrefix());
            seen.add("nodelay " + t.getTcpNoDelay() + " keepalive " + t.getTcpKeepAlive());
            t.setTcpNoDelay(true);
            t.setTcpKeepAlive(true);
            seen.add("nodelay " + t.getTcpNoDelay() + " keepalive " + t.getTcpKeepAlive());
            t.setTcpNoDelay(false);
            t.setTcpKeepAlive(false);
            seen.add("nodelay " + t.getTcpNoDelay() + " keepalive " + t.getTcpKeepAlive());
            transport.loseConnection();
        }

        @Override
        public void connectionLost(Failure reason) {
            whenDone.run();
        }
    }

    @ReactorTest
    void bothEndsAgreeOnAddressesAndNameThemselvesLikeTwisted(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        List<Object> server = new java.util.ArrayList<>();
        List<Object> client = new java.util.ArrayList<>();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(2, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Greeter(server, done::tick)), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Greeter(client, done::tick)));
        builder.runReactor(reactor, TIMEOUT);

        IAddress serverHost = (IAddress) server.get(0);
        IAddress serverPeer = (IAddress) server.get(1);
        IAddress clientHost = (IAddress) client.get(0);
        IAddress clientPeer = (IAddress) client.get(1);
        assertEquals(port[0].getHost().port(), serverHost.port());
        assertEquals(serverHost, clientPeer, "test_hostAddress: the server's host is the client's peer");
        assertEquals(clientHost, serverPeer, "and the other way round");
        assertEquals("Greeter,0,127.0.0.1", server.get(2), "<protocol>,<sessionno>,<peer host>");
        assertEquals("Greeter,client", client.get(2), "test_logstrClientSetup");
        for (List<Object> side : List.of(server, client)) {
            assertEquals(List.of("nodelay false keepalive false", "nodelay true keepalive true",
                    "nodelay false keepalive false"), side.subList(3, 6), "OS defaults, then set and read back");
        }
    }

    @ReactorTest
    void aProtocolWithItsOwnLogPrefixNamesTheTransport(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        String[] prefix = new String[1];
        IListeningPort[] port = new IListeningPort[1];
        class Named extends Protocol implements ILoggingContext {
            @Override
            public String logPrefix() {
                return "Custom";
            }

            @Override
            public void connectionMade() {
                prefix[0] = ((ILoggingContext) transport).logPrefix();
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                port[0].stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        }
        port[0] = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(Named::new));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals("Custom,client", prefix[0]);
    }

    @ReactorTest
    void sessionNumbersCountTheConnectionsAPortAccepted(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        List<String> prefixes = new java.util.ArrayList<>();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(3, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                prefixes.add(((ILoggingContext) transport).logPrefix().replaceFirst("^[^,]*,", ""));
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        ClientFactory clients = new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                done.tick();
                if (done.remaining() > 0) {
                    reactor.connectTCP(LOOPBACK, portOf(port[0]), factory());
                }
            }

            private ClientFactory factory() {
                return (ClientFactory) factory;
            }
        });
        reactor.connectTCP(LOOPBACK, portOf(port[0]), clients);
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("0,127.0.0.1", "1,127.0.0.1", "2,127.0.0.1"), prefixes);
    }
}
