package dev.twine.internet.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.ClientTLSOptions;
import dev.twine.testfixtures.TestCertificates;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The {@code ssl:} and {@code tls:} descriptions (semantics.md §4.9), after Twisted's
 * {@code test_endpoints.SSLServerStringTests}, {@code SSLClientStringTests} and
 * {@code TLSClientStringTests}: fields, defaults, and errors that name the problem. Parsing reads the key
 * files but never calls the reactor.
 */
class SSLEndpointsFromStringTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private final IReactor reactor = NoCallReactor.create();

    private static String q(java.nio.file.Path p) {
        return Endpoints.quoteStringArgument(p.toString());
    }

    private static String refusal(Runnable parse) {
        return assertThrows(IllegalArgumentException.class, parse::run).getMessage();
    }

    @Test
    void sslServerTakesPortKeyCertificateInterfaceAndBacklog() {
        SSL4ServerEndpoint e = assertInstanceOf(SSL4ServerEndpoint.class, Endpoints.serverFromString(reactor,
                "ssl:4433:privateKey=" + q(CERTS.keyPem("server")) + ":certKey=" + q(CERTS.chainPem("server"))
                        + ":interface=127.0.0.1:backlog=7"));

        assertEquals(4433, e.port());
        assertEquals(7, e.backlog());
        assertEquals("127.0.0.1", e.iface());
        assertInstanceOf(CertificateOptions.class, e.contextFactory());
        assertTrue(e.contextFactory().toString().contains("CN=localhost"), e.contextFactory().toString());
    }

    @Test
    void sslServerTakesKeyAndChainFromOneFileByDefaultAndAddsAnExtraChain() throws Exception {
        java.nio.file.Path both = CERTS.directory().resolve("both-for-endpoint.pem");
        java.nio.file.Files.writeString(both, java.nio.file.Files.readString(CERTS.keyPem("server"))
                + java.nio.file.Files.readString(CERTS.chainPem("server")));

        SSL4ServerEndpoint e = assertInstanceOf(SSL4ServerEndpoint.class, Endpoints.serverFromString(reactor,
                "ssl:0:privateKey=" + q(both) + ":extraCertChain=" + q(CERTS.authorityPem())));

        assertEquals(50, e.backlog());
        assertEquals("", e.iface());
    }

    @Test
    void sslServerRefusesSslmethodAndDhParametersAndNamesAMissingKeyFile() {
        String method = refusal(() -> Endpoints.serverFromString(reactor, "ssl:0:privateKey=" + q(CERTS.keyPem("server"))
                + ":certKey=" + q(CERTS.chainPem("server")) + ":sslmethod=TLSv1_METHOD"));
        assertTrue(method.contains("sslmethod") && method.contains("not supported"), method);

        String missing = refusal(() -> Endpoints.serverFromString(reactor, "ssl:0:privateKey=/nonexistent/key.pem"));
        assertTrue(missing.contains("/nonexistent/key.pem"), missing);
    }

    @Test
    void sslClientTakesHostPortTimeoutBindAddressAndCaCertsDir() {
        SSL4ClientEndpoint e = assertInstanceOf(SSL4ClientEndpoint.class, Endpoints.clientFromString(reactor,
                "ssl:host=example.com:port=443:timeout=9:bindAddress=127.0.0.1:caCertsDir=" + q(CERTS.directory())));

        assertEquals("example.com", e.host());
        assertEquals(443, e.port());
        assertEquals(9.0, e.timeout());
        assertEquals(new InetSocketAddress("127.0.0.1", 0), e.bindAddress());
        assertInstanceOf(CertificateOptions.class, e.contextFactory());
    }

    @Test
    void sslClientTakesAClientCertificateAndRefusesAKeyWithoutOne() {
        SSL4ClientEndpoint e = assertInstanceOf(SSL4ClientEndpoint.class, Endpoints.clientFromString(reactor,
                "ssl:example.com:443:certKey=" + q(CERTS.chainPem("client")) + ":privateKey=" + q(CERTS.keyPem("client"))));
        assertTrue(e.contextFactory().toString().contains("twine client"), e.contextFactory().toString());

        String refused = refusal(() -> Endpoints.clientFromString(reactor, "ssl:example.com:443:privateKey="
                + q(CERTS.keyPem("client"))));
        assertTrue(refused.contains("certKey"), refused);
    }

    @Test
    void tlsClientWrapsAHostnameEndpointWithHostNameVerification() {
        TLSWrapClientEndpoint e = assertInstanceOf(TLSWrapClientEndpoint.class, Endpoints.clientFromString(reactor,
                "tls:example.com:8443:timeout=5:trustRoots=" + q(CERTS.directory())));

        HostnameEndpoint hostname = assertInstanceOf(HostnameEndpoint.class, e.wrappedEndpoint());
        assertTrue(hostname.toString().contains("example.com") && hostname.toString().contains("8443"), hostname.toString());
        assertTrue(e.toString().contains("ClientTLSOptions[example.com]"), e.toString());
    }

    @Test
    void tlsClientNeedsAHostAndPortAndReadableTrustRoots() {
        String noPort = refusal(() -> Endpoints.clientFromString(reactor, "tls:example.com"));
        assertTrue(noPort.contains("port"), noPort);

        String badRoots = refusal(() -> Endpoints.clientFromString(reactor, "tls:example.com:443:trustRoots=/nonexistent"));
        assertTrue(badRoots.contains("/nonexistent"), badRoots);
    }

    @Test
    void optionsForClientTlsCarriesTheHostName() {
        assertEquals("example.com", ClientTLSOptions.optionsForClientTLS("example.com").hostname());
    }
}
