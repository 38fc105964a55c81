package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.certs;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.ClientTLSOptions;
import dev.twine.protocols.policies.TimeoutFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLException;

/**
 * Client certificates (semantics.md §4.4): a server that requires one sees the client's certificate
 * through {@code getPeerCertificate()}, and refuses a client that has none.
 */
class TlsClientCertificateTest {

    private static CertificateOptions requiringServer() {
        return CertificateOptions.builder().certificate(certs().server()).verifyClients(certs().trustRoot(), true).build();
    }

    /**
     * A client with a certificate says hello to a server that requires one; the server's protocol, built by
     * the factory {@code wrap} makes of a plain one, records who the peer is, over which version, through
     * which transport class, and closes.
     */
    private static Events helloWithACertificate(ReactorBuilder builder,
            BiFunction<IReactor, IProtocolFactory, IProtocolFactory> wrap) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenSSL(0, wrap.apply(reactor, new ServerFactory(() -> new TlsFixtures.Recording(events,
                "server", done::tick) {
            @Override
            public void dataReceived(byte[] data) {
                events.add("server peer " + peerName(transport) + " over " + TlsFixtures.ssl(transport).tlsVersion()
                        + " through " + transport.getClass().getSimpleName());
                transport.loseConnection();
            }
        })), requiringServer(), 50, LOOPBACK);
        ClientTLSOptions withCertificate = ClientTLSOptions.optionsForClientTLS("localhost", certs().trustRoot(),
                certs().client(), List.of());
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "client",
                done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("hello"));
            }
        }), withCertificate);
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(1, events.count("client lost ConnectionDone"), events.toString());
        return events;
    }

    @ReactorTest
    void aServerThatRequiresAClientCertificateSeesTheClients(ReactorBuilder builder) {
        Events events = helloWithACertificate(builder, (reactor, factory) -> factory);
        assertEquals(1, events.count("server peer CN=twine client over TLSv1.3 through Connection"), events.toString());
    }

    /**
     * The protocol behind a wrapper (here {@code TimeoutFactory}'s) reads the TLS facts of the real connection
     * through it, as through Twisted's {@code ProtocolWrapper} (semantics.md §3.5).
     */
    @ReactorTest
    void aProtocolBehindATimeoutFactorySeesTheClientsCertificateThroughItsWrapper(ReactorBuilder builder) {
        Events events = helloWithACertificate(builder, (reactor, factory) -> new TimeoutFactory(reactor, factory, 30));
        assertEquals(1, events.count("server peer CN=twine client over TLSv1.3 through TimeoutProtocol"),
                events.toString());
    }

    @ReactorTest
    void aServerThatRequiresAClientCertificateRefusesAClientWithout(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        TlsFixtures.Recording[] server = new TlsFixtures.Recording[1];
        TlsFixtures.Recording[] client = new TlsFixtures.Recording[1];
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> server[0] = new TlsFixtures.Recording(events, "server",
                done::tick)), requiringServer(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client[0] = new TlsFixtures.Recording(events,
                "client", done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("hello"));
            }
        }), TlsFixtures.clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(0, events.count("server data hello"), events.toString());
        assertTrue(server[0].reason.value() instanceof SSLException, server[0].reason.toString());
        // With TLS 1.3 the client has finished its side before the server checks it; it then hears the alert.
        assertTrue(client[0].reason.value() instanceof SSLException, client[0].reason.toString());
    }
}
