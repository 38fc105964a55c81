package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;

/**
 * Small writes made in one loop pass are sealed together (semantics.md §4.5; Twisted #11989 measured 23×
 * the bytes when every write became its own record). Counted on the wire by a relay.
 */
class TlsRecordsTest {
    private static final int WRITES = 1000;
    private static final int WRITE_SIZE = 8;
    /** A TLS 1.3 record costs 22 bytes (5 header, 1 content type, 16 AEAD tag, RFC 8446 §5.2). */
    private static final int RECORD_OVERHEAD = 22;

    @ReactorTest
    void aThousandEightByteWritesInOnePassBecomeOneRecordOnTheWire(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] ports = new IListeningPort[2];
        Countdown done = stopAfter(2, reactor, ports);
        int[] received = {0};
        long[] handshakeBytes = {0};
        TlsProxy[] proxy = new TlsProxy[1];
        ports[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("go"));
            }

            @Override
            public void dataReceived(byte[] data) {
                received[0] += data.length;
                if (received[0] == WRITES * WRITE_SIZE) {
                    transport.loseConnection();
                }
            }
        }), serverOptions(), 50, LOOPBACK);
        proxy[0] = new TlsProxy(reactor, portOf(ports[0]));
        ports[1] = proxy[0].port;
        reactor.connectSSL(LOOPBACK, proxy[0].port(), new ClientFactory(() -> new TlsFixtures.Recording(events, "client",
                done::tick) {
            @Override
            public void connectionMade() {
            }

            @Override
            public void dataReceived(byte[] data) {
                // The handshake is done (a record arrived); everything the client sent so far was handshake.
                handshakeBytes[0] = proxy[0].clientToServer;
                for (int i = 0; i < WRITES; i++) {
                    transport.write(new byte[WRITE_SIZE]);
                }
            }
        }), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(WRITES * WRITE_SIZE, received[0]);
        long wire = proxy[0].clientToServer - handshakeBytes[0];
        // One record for the data plus the client's close_notify record in reply; nothing like one per write.
        long oneRecord = WRITES * WRITE_SIZE + RECORD_OVERHEAD;
        assertTrue(wire <= oneRecord + 2 * (RECORD_OVERHEAD + 2), "wire bytes " + wire + " for " + WRITES * WRITE_SIZE
                + " plaintext bytes; one record would be " + oneRecord);
    }
}
