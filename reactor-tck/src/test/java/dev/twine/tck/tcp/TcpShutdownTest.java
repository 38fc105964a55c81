package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.util.List;
import java.util.Set;

/**
 * Reactor shutdown (semantics.md §1.1.2 disconnectAll): every connection hears {@code ConnectionLost}, listening
 * ports stop their factories, connectors report {@code clientConnectionLost}; nothing stays open.
 */
class TcpShutdownTest {

    @ReactorTest
    void stoppingTheReactorLosesEveryConnectionAndStopsEveryFactory(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        Countdown allConnected = new Countdown(4, reactor::stop);
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                allConnected.tick();
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("server connection lost " + name(reason));
            }
        }) {
            @Override
            public void stopFactory() {
                events.add("server stopFactory");
            }
        }, 50, LOOPBACK);
        ClientFactory clients = new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                allConnected.tick();
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("client connection lost " + name(reason));
            }
        }) {
            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                events.add("clientConnectionLost " + name(reason));
            }

            @Override
            public void stopFactory() {
                events.add("client stopFactory");
            }
        };
        reactor.connectTCP(LOOPBACK, portOf(port), clients);
        // The second client pauses itself: registered for nothing, it must still be disconnected.
        reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.pauseProducing();
                allConnected.tick();
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("paused client lost " + name(reason));
            }
        }));
        builder.runReactor(reactor, TIMEOUT);

        List<String> seen = events.list();
        assertEquals(Set.of("server connection lost ConnectionLost", "client connection lost ConnectionLost",
                "clientConnectionLost ConnectionLost", "client stopFactory", "server stopFactory",
                "paused client lost ConnectionLost"), Set.copyOf(seen), seen.toString());
        assertEquals(7, seen.size(), "two server connections, each lost once: " + seen);
        assertEquals(List.of("client connection lost ConnectionLost", "clientConnectionLost ConnectionLost",
                "client stopFactory"), seen.stream().filter(e -> e.startsWith("client")).toList(),
                "the protocol hears first, then the factory, then the factory stops");
    }

    @ReactorTest
    void stoppingTheReactorFailsAConnectionAttemptStillInProgress(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        // A host name is looked up on the thread pool; the reactor stops in its first iteration, before
        // the answer can come back, so the attempt is registered nowhere when shutdown comes.
        reactor.connectTCP("localhost", 9, new ClientFactory(Protocol::new) {
            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                events.add("clientConnectionFailed " + name(reason));
            }

            @Override
            public void stopFactory() {
                events.add("stopFactory");
            }
        });
        builder.needsRunningReactor(reactor, reactor::stop);
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("clientConnectionFailed ConnectError", "stopFactory"), events.list());
    }
}
