package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.certs;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.ClientTLSOptions;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Bad input closes only that connection, with a {@code Failure} naming the cause (semantics.md §4.4,
 * §4.7): a server certificate for another host, or from an untrusted issuer, a plaintext client on a TLS
 * port, and a handshake that does not finish in time. The server keeps serving other clients.
 */
class TlsHandshakeFailureTest {

    @ReactorTest
    void aServerCertificateForAnotherHostFailsTheClientsHandshakeNamingTheHost(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        TlsFixtures.Recording[] client = new TlsFixtures.Recording[1];
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick)),
                serverOptions(), 50, LOOPBACK);
        ClientTLSOptions wrongHost = ClientTLSOptions.optionsForClientTLS("wrong.example", certs().trustRoot());
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client[0] =
                new TlsFixtures.Recording(events, "client", done::tick) {
                    @Override
                    public void connectionMade() {
                        transport.write(ascii("never delivered"));
                    }
                }), wrongHost);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("client lost SSLHandshakeException"), events.toString());
        assertTrue(client[0].reason.value().getMessage().contains("wrong.example"), client[0].reason.value().getMessage());
        assertEquals(0, events.count("server data never delivered"));
        assertTrue(events.list().stream().anyMatch(e -> e.startsWith("server lost SSL")), events.toString());
    }

    @ReactorTest
    void aServerCertificateFromAnUntrustedIssuerFailsTheHandshake(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        TlsFixtures.Recording[] client = new TlsFixtures.Recording[1];
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick)),
                CertificateOptions.forServer(certs().stranger()), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client[0] =
                new TlsFixtures.Recording(events, "client", done::tick)), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("client lost SSLHandshakeException"), events.toString());
        assertTrue(client[0].reason.value().getMessage().contains("PKIX"), client[0].reason.value().getMessage());
    }

    @ReactorTest
    void aPlaintextClientOnATlsPortIsClosedWithAFailureAndTheNextTlsClientIsServed(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(4, reactor, port);
        TlsFixtures.Recording[] servers = new TlsFixtures.Recording[2];
        int[] accepted = {0};
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> servers[accepted[0]++] =
                new TlsFixtures.Recording(events, "server", done::tick) {
                    @Override
                    public void dataReceived(byte[] data) {
                        super.dataReceived(data);
                        transport.write(data);
                        transport.loseConnection();
                    }
                }), serverOptions(), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "plain", () -> {
            done.tick();
            // Only now: the TLS port must still serve a well-behaved client after the bad one.
            reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "tls",
                    done::tick) {
                @Override
                public void connectionMade() {
                    transport.write(ascii("hello"));
                }
            }), clientOptions());
        }) {
            @Override
            public void connectionMade() {
                transport.write(ascii("GET / HTTP/1.0\r\n\r\n"));
            }

            @Override
            public void dataReceived(byte[] data) {
                // The server's alert record: bytes, not a response.
            }
        }));
        builder.runReactor(reactor, TIMEOUT);

        assertNotNull(servers[0].reason);
        assertTrue(servers[0].reason.value() instanceof SSLException, servers[0].reason.toString());
        assertEquals(1, events.count("tls data hello"), events.toString());
        assertEquals(1, events.count("tls lost ConnectionDone"), events.toString());
    }

    @ReactorTest
    void aHandshakeThatDoesNotFinishInTimeFailsNamingTheTimeout(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        TlsFixtures.Recording[] server = new TlsFixtures.Recording[1];
        CertificateOptions impatient = CertificateOptions.builder().certificate(certs().server()).handshakeTimeout(0.3).build();
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> server[0] = new TlsFixtures.Recording(events, "server", done::tick)),
                impatient, 50, LOOPBACK);
        // Connects, then says nothing at all.
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "silent",
                done::tick) {
            @Override
            public void dataReceived(byte[] data) {
            }
        }));
        builder.runReactor(reactor, TIMEOUT);

        assertTrue(server[0].reason.value() instanceof SSLHandshakeException, server[0].reason.toString());
        assertTrue(server[0].reason.value().getMessage().contains("timed out after 0.3 s"),
                server[0].reason.value().getMessage());
    }
}
