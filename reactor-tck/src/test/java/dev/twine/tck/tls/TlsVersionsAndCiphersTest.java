package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.certs;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.ClientTLSOptions;
import dev.twine.internet.ssl.TLSVersion;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Narrowed TLS versions and cipher suites on real connections (semantics.md §4.2; Twisted's
 * {@code raiseMinimumTo}, {@code lowerMaximumSecurityTo}, {@code acceptableCiphers}): peers that share a
 * version and a suite talk over them, peers that share none both lose the connection with an
 * {@link SSLException} and the server's protocol never sees a byte.
 */
class TlsVersionsAndCiphersTest {
    private static final String AES_128 = "TLS_AES_128_GCM_SHA256";
    private static final String AES_256 = "TLS_AES_256_GCM_SHA384";

    private static CertificateOptions.Builder server() {
        return CertificateOptions.builder().certificate(certs().server());
    }

    /** One connection: the client writes hello, the server notes the version it arrived over and closes. */
    private static Events exchange(ReactorBuilder builder, CertificateOptions serverOptions,
            ClientTLSOptions clientOptions, TlsFixtures.Recording[] sides) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> sides[0] = new TlsFixtures.Recording(events, "server",
                done::tick) {
            @Override
            public void dataReceived(byte[] data) {
                events.add("server got hello over " + ssl(transport).tlsVersion());
                transport.loseConnection();
            }
        }), serverOptions, 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> sides[1] = new TlsFixtures.Recording(
                events, "client", done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("hello"));
            }
        }), clientOptions);
        builder.runReactor(reactor, TIMEOUT);
        return events;
    }

    @ReactorTest
    void aServerLoweredToTls12TalksTls12ToADefaultClient(ReactorBuilder builder) {
        TlsFixtures.Recording[] sides = new TlsFixtures.Recording[2];
        Events events = exchange(builder, server().lowerMaximumSecurityTo(TLSVersion.TLSv1_2).build(), clientOptions(),
                sides);
        assertEquals(1, events.count("server got hello over TLSv1.2"), events.toString());
        assertEquals(1, events.count("client lost ConnectionDone"), events.toString());
    }

    @ReactorTest
    void aServerRaisedToTls13RefusesAClientLoweredToTls12(ReactorBuilder builder) {
        TlsFixtures.Recording[] sides = new TlsFixtures.Recording[2];
        Events events = exchange(builder, server().raiseMinimumTo(TLSVersion.TLSv1_3).build(),
                clientOptions().lowerMaximumSecurityTo(TLSVersion.TLSv1_2), sides);
        assertEquals(List.of(), events.list().stream().filter(e -> e.contains("hello")).toList(), events.toString());
        assertInstanceOf(SSLException.class, sides[0].reason.value(), sides[0].reason.toString());
        assertInstanceOf(SSLException.class, sides[1].reason.value(), sides[1].reason.toString());
    }

    @ReactorTest
    void peersSharingAnAcceptableCipherTalkOverIt(ReactorBuilder builder) {
        TlsFixtures.Recording[] sides = new TlsFixtures.Recording[2];
        Events events = exchange(builder, server().acceptableCiphers(List.of(AES_256)).build(),
                clientOptions().acceptableCiphers(List.of(AES_128, AES_256)), sides);
        assertEquals(1, events.count("server got hello over TLSv1.3"), events.toString());
    }

    @ReactorTest
    void peersWithNoAcceptableCipherInCommonBothFail(ReactorBuilder builder) {
        TlsFixtures.Recording[] sides = new TlsFixtures.Recording[2];
        Events events = exchange(builder, server().raiseMinimumTo(TLSVersion.TLSv1_3)
                .acceptableCiphers(List.of(AES_256)).build(), clientOptions().acceptableCiphers(List.of(AES_128)), sides);
        assertEquals(List.of(), events.list().stream().filter(e -> e.contains("hello")).toList(), events.toString());
        assertInstanceOf(SSLException.class, sides[0].reason.value(), sides[0].reason.toString());
        assertInstanceOf(SSLException.class, sides[1].reason.value(), sides[1].reason.toString());
    }
}
