package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.name;
import static dev.twine.tck.tls.TlsFixtures.pattern;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.util.List;

/**
 * TLS handshake and data (semantics.md §4.1-4.2): {@code listenSSL} and {@code connectSSL} on every
 * backend, with the protocol's {@code connectionMade} before the handshake and writes made then sent
 * after it.
 */
class TlsEchoTest {

    /** Echoes everything back through TLS. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    @ReactorTest
    void writesMadeBeforeTheHandshakeAreEchoedByteForByteThroughTls(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        byte[] payload = pattern(300_000, 7);
        TlsFixtures.Bytes received = new TlsFixtures.Bytes();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(2, () -> port[0].stopListening().addCallback(x -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                if (events.count("server version") == 0) {
                    events.add("server version");
                    assertEquals("TLSv1.3", ssl(transport).tlsVersion());
                    assertNull(ssl(transport).getPeerCertificate(), "the client presented no certificate");
                }
                transport.write(data);
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("server lost " + name(reason));
                done.tick();
            }
        }), serverOptions(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                events.add("client made, handshake pending: " + (ssl(transport).tlsVersion() == null));
                transport.write(payload);
            }

            @Override
            public void dataReceived(byte[] data) {
                received.add(data);
                if (received.size() == payload.length) {
                    events.add("client peer " + peerName(transport));
                    transport.loseConnection();
                }
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("client lost " + name(reason));
                done.tick();
            }
        }), clientOptions(), 30, null);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("client made, handshake pending: true", "server version", "client peer CN=localhost",
                "client lost ConnectionDone", "server lost ConnectionDone"), events.list());
        assertArrayEquals(payload, received.toArray());
    }
}
