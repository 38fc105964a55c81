package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.certs;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.TLSVersion;
import dev.twine.protocols.basic.LineReceiver;
import dev.twine.tck.BackgroundReactor;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Twine's TLS against real peers (semantics.md §4): {@code openssl s_client}/{@code s_server} and
 * Twisted's own TLS ({@code python3-twisted} with pyOpenSSL), as server and as client, and
 * {@code startTLS} in a line protocol against Twisted in both roles. Each row is skipped, naming what to
 * install, where its peer is missing.
 */
class TlsInteropTest {
    private static final double PEER_SECONDS = 60;

    /** Echoes bytes and counts down when the connection is lost, recording how. */
    private static TlsFixtures.Recording echo(Events events, CountDownLatch lost) {
        return new TlsFixtures.Recording(events, "twine", lost::countDown) {
            @Override
            public void connectionMade() {
            }

            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }
        };
    }

    @ReactorTest
    void aTwineServerServesOpensslSClient(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        CountDownLatch lost = new CountDownLatch(1);
        IListeningPort port = reactor.listenSSL(0, new ServerFactory(() -> echo(events, lost)), serverOptions(), 50, LOOPBACK);
        BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT);
        try (PeerProcess client = PeerProcess.openssl("s_client", "-connect", LOOPBACK + ":" + portOf(port), "-CAfile",
                certs().authorityPem().toString(), "-verify_hostname", "localhost", "-servername", "localhost", "-brief")) {
            client.send("hello from openssl\n");
            client.awaitLine("^hello from openssl$", PEER_SECONDS);
            client.closeInput();
            assertEquals(0, client.awaitExit(PEER_SECONDS), client.transcript());
            assertTrue(client.transcript().contains("Verification: OK"), client.transcript());
            assertTrue(client.transcript().contains("Protocol version: TLSv1.3"), client.transcript());
        }
        assertTrue(lost.await((long) TIMEOUT, TimeUnit.SECONDS), "the Twine side saw the end");
        bg.call(port::stopListening);
        bg.stopAndJoin();
        assertEquals(1, events.count("twine lost ConnectionDone"), events.toString());
    }

    /** A server raised to TLS 1.3 (semantics.md §4.2) refuses OpenSSL offering TLS 1.2 only, and says why. */
    @ReactorTest
    void aTwineServerRaisedToTls13RefusesOpensslOfferingOnlyTls12(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        CountDownLatch lost = new CountDownLatch(1);
        TlsFixtures.Recording[] server = new TlsFixtures.Recording[1];
        IListeningPort port = reactor.listenSSL(0, new ServerFactory(() -> server[0] = echo(events, lost)),
                CertificateOptions.builder().certificate(certs().server()).raiseMinimumTo(TLSVersion.TLSv1_3).build(),
                50, LOOPBACK);
        BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT);
        try (PeerProcess client = PeerProcess.openssl("s_client", "-connect", LOOPBACK + ":" + portOf(port), "-CAfile",
                certs().authorityPem().toString(), "-tls1_2", "-brief")) {
            assertTrue(lost.await((long) TIMEOUT, TimeUnit.SECONDS), "the Twine side ended the connection");
            client.closeInput();
            assertNotEquals(0, client.awaitExit(PEER_SECONDS), client.transcript());
        }
        bg.call(port::stopListening);
        bg.stopAndJoin();
        assertInstanceOf(SSLException.class, server[0].reason.value(), server[0].reason.toString());
        assertEquals(0, events.list().stream().filter(e -> e.startsWith("twine data")).count(), events.toString());
    }

    @ReactorTest
    void aTwineServerRefusesOpensslRenegotiatingOnTls12(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        CountDownLatch lost = new CountDownLatch(1);
        TlsFixtures.Recording[] server = new TlsFixtures.Recording[1];
        IListeningPort port = reactor.listenSSL(0, new ServerFactory(() -> server[0] = echo(events, lost)), serverOptions(),
                50, LOOPBACK);
        BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT);
        try (PeerProcess client = PeerProcess.openssl("s_client", "-connect", LOOPBACK + ":" + portOf(port), "-CAfile",
                certs().authorityPem().toString(), "-tls1_2", "-brief")) {
            client.send("before\n");
            client.awaitLine("^before$", PEER_SECONDS);
            // s_client's interactive command: a line that is just "R" starts a renegotiation.
            client.send("R\n");
            assertTrue(lost.await((long) TIMEOUT, TimeUnit.SECONDS), "the Twine side closed the connection");
            client.closeInput();
            client.awaitExit(PEER_SECONDS);
        }
        bg.call(port::stopListening);
        bg.stopAndJoin();
        assertTrue(server[0].reason.value().getMessage().contains("renegotiation refused"), server[0].reason.toString());
    }

    @ReactorTest
    void aTwineClientTalksToOpensslSServer(ReactorBuilder builder) throws Exception {
        int port = PeerProcess.freePort();
        try (PeerProcess server = PeerProcess.openssl("s_server", "-accept", LOOPBACK + ":" + port, "-cert",
                certs().chainPem("server").toString(), "-key", certs().keyPem("server").toString(), "-rev", "-naccept", "1")) {
            server.awaitLine("^ACCEPT", PEER_SECONDS);
            IReactor reactor = builder.buildReactor();
            Events events = new Events();
            Countdown done = stopAfter(1, reactor);
            reactor.connectSSL(LOOPBACK, port, new ClientFactory(() -> new TlsFixtures.Recording(events, "twine", done::tick) {
                @Override
                public void connectionMade() {
                    transport.write(ascii("twine\n"));
                }

                @Override
                public void dataReceived(byte[] data) {
                    super.dataReceived(data);
                    events.add("peer " + peerName(transport) + " " + ssl(transport).tlsVersion());
                    transport.loseConnection();
                }
            }), clientOptions());
            builder.runReactor(reactor, TIMEOUT);

            assertEquals(1, events.count("twine data eniwt\n"), events.toString());
            assertEquals(1, events.count("peer CN=localhost TLSv1.3"), events.toString());
            assertEquals(1, events.count("twine lost ConnectionDone"), events.toString());
            assertEquals(0, server.awaitExit(PEER_SECONDS), server.transcript());
        }
    }

    @ReactorTest
    void aTwistedTlsClientTalksToATwineServer(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        CountDownLatch lost = new CountDownLatch(1);
        IListeningPort port = reactor.listenSSL(0, new ServerFactory(() -> echo(events, lost)), serverOptions(), 50, LOOPBACK);
        BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT);
        try (PeerProcess client = PeerProcess.twisted("client", Integer.toString(portOf(port)),
                certs().authorityPem().toString(), "localhost", "300000")) {
            assertEquals(0, client.awaitExit(PEER_SECONDS), client.transcript());
            assertTrue(client.transcript().contains("ECHOED 300000"), client.transcript());
            assertTrue(client.transcript().contains("LOST ConnectionDone"), client.transcript());
        }
        assertTrue(lost.await((long) TIMEOUT, TimeUnit.SECONDS), "the Twine side saw the end");
        bg.call(port::stopListening);
        bg.stopAndJoin();
        assertEquals(1, events.count("twine lost ConnectionDone"), events.toString());
    }

    @ReactorTest
    void aTwineClientTalksToATwistedTlsServer(ReactorBuilder builder) throws Exception {
        try (PeerProcess server = PeerProcess.twisted("server", certs().keyPem("server").toString(),
                certs().chainPem("server").toString())) {
            int port = Integer.parseInt(server.awaitLine("^PORT \\d+$", PEER_SECONDS).substring(5));
            IReactor reactor = builder.buildReactor();
            Events events = new Events();
            Countdown done = stopAfter(1, reactor);
            byte[] payload = TlsFixtures.pattern(300_000, 5);
            TlsFixtures.Bytes echoed = new TlsFixtures.Bytes();
            reactor.connectSSL(LOOPBACK, port, new ClientFactory(() -> new TlsFixtures.Recording(events, "twine", done::tick) {
                @Override
                public void connectionMade() {
                    transport.write(payload);
                }

                @Override
                public void dataReceived(byte[] data) {
                    echoed.add(data);
                    if (echoed.size() == payload.length) {
                        transport.loseConnection();
                    }
                }
            }), clientOptions());
            builder.runReactor(reactor, TIMEOUT);

            org.junit.jupiter.api.Assertions.assertArrayEquals(payload, echoed.toArray());
            assertEquals(1, events.count("twine lost ConnectionDone"), events.toString());
            assertEquals(0, server.awaitExit(PEER_SECONDS), server.transcript());
            assertTrue(server.transcript().contains("LOST ConnectionDone"), server.transcript());
        }
    }

    @ReactorTest
    void twistedStartsTlsMidLineProtocolWithATwineServer(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        CountDownLatch lost = new CountDownLatch(1);
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new LineReceiver() {
            @Override
            public void lineReceived(byte[] line) {
                String text = new String(line, StandardCharsets.US_ASCII);
                events.add("twine got " + text + (ssl(transport).tlsVersion() != null ? " (tls)" : ""));
                if (text.equals("STARTTLS")) {
                    sendLine(ascii("OK"));
                    ssl(transport).startTLS(serverOptions());
                } else {
                    sendLine(ascii("echo " + text));
                }
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("twine lost " + reason.type().getSimpleName());
                lost.countDown();
            }
        }), 50, LOOPBACK);
        BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT);
        try (PeerProcess client = PeerProcess.twisted("starttls-client", Integer.toString(portOf(port)),
                certs().authorityPem().toString(), "localhost")) {
            assertEquals(0, client.awaitExit(PEER_SECONDS), client.transcript());
            assertTrue(client.transcript().contains("GOT echo secret peer localhost"), client.transcript());
        }
        assertTrue(lost.await((long) TIMEOUT, TimeUnit.SECONDS), "the Twine side saw the end");
        bg.call(port::stopListening);
        bg.stopAndJoin();
        assertEquals(java.util.List.of("twine got STARTTLS", "twine got secret (tls)", "twine lost ConnectionDone"),
                events.list());
    }

    @ReactorTest
    void aTwineClientStartsTlsMidLineProtocolWithATwistedServer(ReactorBuilder builder) throws Exception {
        try (PeerProcess server = PeerProcess.twisted("starttls-server", certs().keyPem("server").toString(),
                certs().chainPem("server").toString())) {
            int port = Integer.parseInt(server.awaitLine("^PORT \\d+$", PEER_SECONDS).substring(5));
            IReactor reactor = builder.buildReactor();
            Events events = new Events();
            Countdown done = stopAfter(1, reactor);
            reactor.connectTCP(LOOPBACK, port, new ClientFactory(() -> new LineReceiver() {
                @Override
                public void connectionMade() {
                    sendLine(ascii("STARTTLS"));
                }

                @Override
                public void lineReceived(byte[] line) {
                    String text = new String(line, StandardCharsets.US_ASCII);
                    events.add("twine got " + text + (ssl(transport).tlsVersion() != null ? " (tls)" : ""));
                    if (text.equals("OK")) {
                        ssl(transport).startTLS(clientOptions());
                        sendLine(ascii("secret"));
                    } else {
                        transport.loseConnection();
                    }
                }

                @Override
                public void connectionLost(Failure reason) {
                    events.add("twine lost " + reason.type().getSimpleName());
                    done.tick();
                }
            }), 30, null);
            builder.runReactor(reactor, TIMEOUT);

            assertEquals(java.util.List.of("twine got OK", "twine got echo secret (tls)", "twine lost ConnectionDone"),
                    events.list());
            assertEquals(0, server.awaitExit(PEER_SECONDS), server.transcript());
        }
    }
}
