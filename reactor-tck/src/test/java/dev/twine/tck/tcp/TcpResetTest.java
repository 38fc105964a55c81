package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A peer that resets the connection (semantics.md §1.5 and semantics.md §1.7): the connection is lost with a
 * {@code ConnectionLost} that names the reset, on every backend, whether the poller delivers the error with
 * the event (kqueue's {@code fflags}, IOCP's {@code AFD_POLL_ABORT}) or the read reports it (epoll, select).
 * A reset before the server accepted is no exception: Twisted's {@code tcp.Port.doRead} takes the peer's
 * address from {@code accept} itself, builds the protocol, and the first read reports the reset.
 */
class TcpResetTest {

    /** A plain client socket that connects, then closes with {@code SO_LINGER {1, 0}}: a reset. */
    private static void connectAndReset(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 10_000);
            s.setSoLinger(true, 0);
        }
    }

    /** Records what the server side of each connection saw; the reactor stops after the first loss. */
    private static final class Recording extends ServerFactory {
        final Events events = new Events();
        final IReactor reactor;
        final IListeningPort[] port = new IListeningPort[1];
        String lostMessage;

        Recording(IReactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            events.add("built for " + addr.host());
            return new Protocol() {
                @Override
                public void connectionMade() {
                    events.add("made, peer " + transport.getPeer().host());
                }

                @Override
                public void connectionLost(Failure reason) {
                    events.add("lost " + name(reason));
                    lostMessage = reason.getErrorMessage();
                    port[0].stopListening().addCallback(ignored -> {
                        reactor.stop();
                        return null;
                    });
                }
            };
        }
    }

    /**
     * On Linux and the BSDs a connection reset in the backlog is still accepted, and is served. Windows
     * drops it instead: {@code accept} fails with {@code WSAECONNRESET} ("terminated by the remote peer
     * prior to accepting the call"), which the port treats as a client gone; then a later client must
     * still be served. A canary client that stays connected shows the port kept serving either way.
     */
    @ReactorTest
    void aConnectionResetBeforeItWasAcceptedIsServedAndLostWithConnectionLost(ReactorBuilder builder)
            throws IOException {
        IReactor reactor = builder.buildReactor();
        boolean windowsDropsIt = System.getProperty("os.name", "").startsWith("Windows");
        Events events = new Events();
        String[] lostMessage = {null};
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(windowsDropsIt ? 1 : 2, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        int[] canaryPort = {-1};
        port[0] = reactor.listenTCP(0, new ServerFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                return new Protocol() {
                    private String who;

                    @Override
                    public void connectionMade() {
                        who = transport.getPeer().port() == canaryPort[0]
                                ? "canary" : "reset client";
                        events.add(who + " made, peer " + transport.getPeer().host());
                        if (who.equals("canary")) {
                            done.tick();
                        }
                    }

                    @Override
                    public void connectionLost(Failure reason) {
                        events.add(who + " lost " + name(reason));
                        if (who.equals("reset client")) {
                            lostMessage[0] = reason.getErrorMessage();
                            done.tick();
                        }
                    }
                };
            }
        }, 50, LOOPBACK);
        // The handshake completes into the backlog while the reactor is not running; the reset follows
        // before the server has accepted, so getpeername on the accepted socket would fail (ENOTCONN).
        connectAndReset(portOf(port[0]));
        try (Socket canary = new Socket()) {
            canary.connect(new InetSocketAddress(LOOPBACK, portOf(port[0])), 10_000);
            canaryPort[0] = canary.getLocalPort();
            builder.runReactor(reactor, TIMEOUT);
        }

        List<String> seen = events.list();
        if (windowsDropsIt) {
            assertEquals("canary made, peer " + LOOPBACK, seen.get(0));
            assertTrue(seen.stream().noneMatch(e -> e.startsWith("reset client")), "Windows drops it: " + seen);
            return;
        }
        assertTrue(seen.contains("reset client made, peer " + LOOPBACK), seen.toString());
        assertTrue(seen.contains("reset client lost ConnectionLost"), seen.toString());
        assertTrue(seen.indexOf("reset client made, peer " + LOOPBACK) < seen.indexOf("reset client lost ConnectionLost"));
        assertTrue(lostMessage[0].contains("ECONNRESET"), lostMessage[0]);
    }

    @ReactorTest
    void aPeerResetIsConnectionLostNamingTheReset(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Recording factory = new Recording(reactor);
        factory.port[0] = reactor.listenTCP(0, factory, 50, LOOPBACK);
        int port = portOf(factory.port[0]);
        Socket client = new Socket();
        // Reset once the server has the connection, from the reactor thread, so the order is certain.
        reactor.callLater(0, () -> {
            try {
                client.connect(new InetSocketAddress(LOOPBACK, port), 10_000);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        reactor.callLater(0.2, () -> {
            try {
                client.setSoLinger(true, 0);
                client.close();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        builder.runReactor(reactor, TIMEOUT);
        client.close();

        assertEquals(List.of("built for " + LOOPBACK, "made, peer " + LOOPBACK, "lost ConnectionLost"),
                factory.events.list(), "a reset is never a clean ConnectionDone");
        assertTrue(factory.lostMessage.contains("ECONNRESET"), factory.lostMessage);
    }
}
