package dev.twine.internet.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testfixtures.TestCertificates;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * The versions and cipher suites a context factory's engines get (semantics.md §4.2; Twisted's
 * {@code raiseMinimumTo}, {@code lowerMaximumSecurityTo}, {@code acceptableCiphers} in
 * {@code test_sslverify.py} {@code OpenSSLOptionsTests}). The handshakes they lead to are in the conformance
 * suite's {@code TlsVersionsAndCiphersTest}.
 */
class TlsPolicyTest {
    private static final String AES_256 = "TLS_AES_256_GCM_SHA384";
    private static final String ECDHE_AES_128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private static SSLEngine serverEngine(CertificateOptions.Builder options) {
        return options.certificate(TestCertificates.get().server()).build().createEngine(false, null, 0);
    }

    @Test
    void byDefaultAnEngineSpeaksTls13And12WithTheProvidersSuites() {
        SSLEngine engine = serverEngine(CertificateOptions.builder());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, engine.getEnabledProtocols());
        assertTrue(engine.getEnabledCipherSuites().length > 2, List.of(engine.getEnabledCipherSuites()).toString());
    }

    @Test
    void theMinimumAndMaximumNarrowTheVersions() {
        assertArrayEquals(new String[] {"TLSv1.3"},
                serverEngine(CertificateOptions.builder().raiseMinimumTo(TLSVersion.TLSv1_3)).getEnabledProtocols());
        assertArrayEquals(new String[] {"TLSv1.2"}, serverEngine(CertificateOptions.builder()
                .lowerMaximumSecurityTo(TLSVersion.TLSv1_2)).getEnabledProtocols());
        ClientTLSOptions client = ClientTLSOptions.optionsForClientTLS("localhost").raiseMinimumTo(TLSVersion.TLSv1_3);
        assertArrayEquals(new String[] {"TLSv1.3"}, client.createEngine(true, "localhost", 443).getEnabledProtocols());
    }

    @Test
    void acceptableCiphersAreTheOnlySuitesInTheirOrderWithUnknownNamesDropped() {
        SSLEngine engine = serverEngine(CertificateOptions.builder()
                .acceptableCiphers(List.of("TLS_NO_SUCH_SUITE", ECDHE_AES_128, AES_256)));
        assertEquals(List.of(ECDHE_AES_128, AES_256), List.of(engine.getEnabledCipherSuites()));
    }

    @Test
    void aMinimumAboveTheMaximumIsRefusedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateOptions.builder()
                .raiseMinimumTo(TLSVersion.TLSv1_3).lowerMaximumSecurityTo(TLSVersion.TLSv1_2).build());
        assertEquals("raiseMinimumTo(TLSv1_3) is above lowerMaximumSecurityTo(TLSv1_2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientTLSOptions.optionsForClientTLS("localhost")
                .lowerMaximumSecurityTo(TLSVersion.TLSv1_2).raiseMinimumTo(TLSVersion.TLSv1_3));
    }

    @Test
    void ciphersNoneOfWhichCanRunAreRefusedNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CertificateOptions.builder().acceptableCiphers(List.of("TLS_NO_SUCH_SUITE")).build());
        assertTrue(unknown.getMessage().contains("TLS_NO_SUCH_SUITE"), unknown.getMessage());
        // A TLS 1.2 suite cannot run when TLS 1.3 is the minimum (RFC 8446 §B.4).
        IllegalArgumentException wrongVersion = assertThrows(IllegalArgumentException.class,
                () -> ClientTLSOptions.optionsForClientTLS("localhost").raiseMinimumTo(TLSVersion.TLSv1_3)
                        .acceptableCiphers(List.of(ECDHE_AES_128)));
        assertTrue(wrongVersion.getMessage().contains("TLSv1_3 to TLSv1_3"), wrongVersion.getMessage());
    }
}
