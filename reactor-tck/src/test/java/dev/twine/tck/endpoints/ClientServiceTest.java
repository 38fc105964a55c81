package dev.twine.tck.endpoints;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.refusedPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.twine.application.ClientService;
import dev.twine.defer.CancelledError;
import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.TCP4ClientEndpoint;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.util.ArrayList;
import java.util.List;

/**
 * ClientService over real loopback sockets on every backend (semantics.md §3.16): it retries a refused
 * port until a server appears, reconnects when the server closes the connection, and stops cleanly.
 */
class ClientServiceTest {
    /** A short, fixed retry delay keeps the test fast; the backoff arithmetic is unit-tested. */
    private static final double RETRY = 0.05;

    /** Closes every connection right away, so the client has to reconnect. */
    static final class Closer extends Protocol {
        @Override
        public void connectionMade() {
            transport.loseConnection();
        }
    }

    @ReactorTest
    void itRetriesUntilAServerListensAndReconnectsWhenTheConnectionIsClosed(ReactorBuilder b) throws Exception {
        IReactor reactor = b.buildReactor();
        int port = refusedPort();
        List<IProtocol> connected = new ArrayList<>();
        ClientService service = new ClientService(new TCP4ClientEndpoint(reactor, LOOPBACK, port),
                new Factory(Protocol::new), n -> RETRY, reactor);
        Object[] firstFailure = new Object[1];
        Object[] afterStop = new Object[1];
        IListeningPort[] server = new IListeningPort[1];
        b.needsRunningReactor(reactor, () -> {
            service.startService();
            service.whenConnected(1).addBoth(r -> {
                // The first attempt is refused: nothing listens yet. Now a server appears on that port.
                firstFailure[0] = r;
                server[0] = reactor.listenTCP(port, new ServerFactory(Closer::new), 50, LOOPBACK);
                service.whenConnected().addCallback(first -> {
                    connected.add(first);
                    // The server closes it; the service must come back with a new connection.
                    reactor.callLater(RETRY * 4, () -> service.whenConnected().addCallback(second -> {
                        connected.add(second);
                        service.stopService().addCallback(ignored -> {
                            service.whenConnected().addBoth(stopped -> {
                                afterStop[0] = stopped;
                                return null;
                            });
                            return server[0].stopListening();
                        }).addBoth(ignored -> {
                            reactor.stop();
                            return null;
                        });
                        return null;
                    }));
                    return null;
                });
                return null;
            });
        });
        b.runReactor(reactor, TIMEOUT);
        assertInstanceOf(ConnectionRefusedError.class, ((Failure) firstFailure[0]).value());
        assertEquals(2, connected.size(), connected.toString());
        assertNotSame(connected.get(0), connected.get(1), "a new protocol for the new connection");
        assertInstanceOf(CancelledError.class, ((Failure) afterStop[0]).value());
    }
}
