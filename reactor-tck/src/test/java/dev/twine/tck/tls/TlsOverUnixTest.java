package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.certs;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITLSTransport;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.TLSWrapClientEndpoint;
import dev.twine.internet.endpoints.UNIXClientEndpoint;
import dev.twine.tck.BackgroundReactor;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS over a UNIX stream socket (semantics.md §4.3, §4.9, §8): the UNIX transport is the same stream
 * transport as TCP's, so an accepted UNIX connection starts TLS as the server with {@code startTLS} and a
 * client reaches it through {@code wrapClientTLS} over a {@code UNIXClientEndpoint}, as in Twisted; and
 * {@code openssl s_client -unix} verifies the same server.
 */
class TlsOverUnixTest {
    private static final double PEER_SECONDS = 60;

    @TempDir
    Path dir;

    /** A UNIX server protocol that starts TLS as the server at once, then echoes. */
    private static TlsFixtures.Recording tlsEcho(Events events, Runnable onLost) {
        return new TlsFixtures.Recording(events, "server", onLost) {
            @Override
            public void connectionMade() {
                ((ITLSTransport) transport).startTLS(serverOptions());
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add("server tls " + ssl(transport).tlsVersion());
                transport.write(data);
            }
        };
    }

    private static void assumeUnix(ReactorBuilder builder, IReactor reactor) {
        Assumptions.assumeTrue(reactor.sockets().supportsUnix(),
                builder.backendName() + " has no UNIX sockets (semantics.md §8.6)");
    }

    @ReactorTest
    void wrapClientTlsOverAUnixEndpointTalksToAUnixServerThatStartedTls(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        String path = dir.resolve("tls.sock").toString();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUNIX(path, new ServerFactory(() -> tlsEcho(events, done::tick)));
            TLSWrapClientEndpoint.wrapClientTLS(clientOptions(), new UNIXClientEndpoint(reactor, path))
                    .connect(new ServerFactory(() -> new TlsFixtures.Recording(events, "client", done::tick) {
                        @Override
                        public void connectionMade() {
                            transport.write(ascii("over AF_UNIX"));
                        }

                        @Override
                        public void dataReceived(byte[] data) {
                            super.dataReceived(data);
                            events.add("client saw " + peerName(transport) + " on " + ssl(transport).tlsVersion());
                            transport.loseConnection();
                        }
                    }));
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(1, events.count("server tls TLSv1.3"), events.toString());
        assertEquals(1, events.count("client data over AF_UNIX"), events.toString());
        assertEquals(1, events.count("client saw CN=localhost on TLSv1.3"), events.toString());
    }

    @ReactorTest
    void opensslSClientVerifiesAUnixServerThatStartedTls(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        String path = dir.resolve("openssl.sock").toString();
        Events events = new Events();
        CountDownLatch lost = new CountDownLatch(1);
        IListeningPort port = reactor.listenUNIX(path, new ServerFactory(() -> tlsEcho(events, lost::countDown)));
        BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT);
        try (PeerProcess client = PeerProcess.openssl("s_client", "-unix", path, "-CAfile",
                certs().authorityPem().toString(), "-verify_hostname", "localhost", "-servername", "localhost",
                "-brief")) {
            client.send("hello over a socket file\n");
            client.awaitLine("^hello over a socket file$", PEER_SECONDS);
            client.closeInput();
            assertEquals(0, client.awaitExit(PEER_SECONDS), client.transcript());
            assertTrue(client.transcript().contains("Verification: OK"), client.transcript());
        }
        assertTrue(lost.await((long) TIMEOUT, TimeUnit.SECONDS), "the Twine side saw the end");
        bg.call(port::stopListening);
        bg.stopAndJoin();
        assertEquals(1, events.count("server tls TLSv1.3"), events.toString());
    }
}
