package dev.twine.tck.unix;

import static dev.twine.tck.udp.UdpFixtures.ascii;
import static dev.twine.tck.unix.UnixFixtures.TIMEOUT;
import static dev.twine.tck.unix.UnixFixtures.assumeUnixDatagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import dev.twine.internet.UNIXAddress;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tls.PeerProcess;
import dev.twine.tck.unix.UnixDatagramTest.EchoRecorder;
import dev.twine.tck.unix.UnixFixtures.ConnectedRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNIX datagrams between Twine and Twisted (Debian's {@code python3-twisted}, semantics.md §8.9), both ways:
 * Twisted's {@code listenUNIXDatagram} echo server answers Twine's {@code connectUNIXDatagram} client, and
 * Twine's server answers Twisted's {@code connectUNIXDatagram} client. Twisted's side is
 * {@code src/test/python/unix_dgram_peer.py}; without python3-twisted the rows skip naming the package.
 */
class UnixDatagramInteropTest {
    private static final double PEER_WAIT = 60;

    @TempDir
    Path dir;

    @ReactorTest
    void twistedsEchoServerAnswersATwineConnectedClient(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        String serverPath = dir.resolve("twisted.sock").toString();
        String clientPath = dir.resolve("twine-client.sock").toString();
        try (PeerProcess twisted = PeerProcess.twistedScript("unix_dgram_peer.py", "server", serverPath)) {
            twisted.awaitLine("^listening on " + Pattern.quote(serverPath) + "$", PEER_WAIT);
            ConnectedRecorder client = new ConnectedRecorder();
            client.onEvent = reactor::stop;
            builder.needsRunningReactor(reactor, () -> reactor
                    .connectUNIXDatagram(serverPath, client, 8192, 0600, clientPath)
                    .write(ascii("hello from twine")));
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(List.of("startProtocol", "datagram hello from twine", "stopProtocol"), client.events,
                    twisted.transcript());
            // Twisted's recvfrom reports the sender as the path this client bound.
            twisted.awaitLine("^echoed 16 bytes from " + Pattern.quote(clientPath) + "$", PEER_WAIT);
        }
    }

    @ReactorTest
    void twineServerAnswersTwistedsConnectedClient(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        PeerProcess.assumeTwisted(); // before listening: see assumeTwisted
        String serverPath = dir.resolve("twine.sock").toString();
        String clientPath = dir.resolve("twisted-client.sock").toString();
        EchoRecorder server = new EchoRecorder();
        server.onDatagram = reactor::stop;
        reactor.listenUNIXDatagram(serverPath, server);
        try (PeerProcess twisted = PeerProcess.twistedScript("unix_dgram_peer.py", "client", serverPath, clientPath,
                "hello from twisted")) {
            builder.runReactor(reactor, TIMEOUT);
            assertEquals(List.of("startProtocol", "datagram hello from twisted", "stopProtocol"), server.events,
                    twisted.transcript());
            assertEquals(List.of(new UNIXAddress(clientPath)), server.senders);
            assertEquals(0, twisted.awaitExit(PEER_WAIT), twisted.transcript());
            assertTrue(twisted.transcript().contains("received hello from twisted"), twisted.transcript());
        }
    }
}
