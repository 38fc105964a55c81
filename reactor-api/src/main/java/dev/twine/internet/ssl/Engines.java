package dev.twine.internet.ssl;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The settings every Twine context factory shares: TLS 1.2 and 1.3 unless a {@link TlsPolicy} narrows them
 * (RFC 8996 deprecates 1.0 and 1.1; Twisted's {@code CertificateOptions} also defaults to {@code TLSv1_2} as
 * its lowest), and ALPN.
 *
 * <p>Threading: stateless.
 */
final class Engines {
    private Engines() {
    }

    /** An {@code SSLContext} over the given identities (may be empty) and trust root (may be null: platform). */
    static SSLContext context(Map<String, PrivateCertificate> identities, TrustRoot trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = identities.isEmpty() ? null : new KeyManager[] {new SniKeyManager(identities)};
            context.init(keys, (trust == null ? TrustRoot.platform() : trust).trustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }

    /** Applies the versions and suites of {@code policy} and the ALPN list (empty: no ALPN) to a new engine's parameters. */
    static SSLParameters parameters(SSLEngine engine, List<String> alpn, TlsPolicy policy) {
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(policy.protocols());
        if (policy.ciphers() != null) {
            p.setCipherSuites(policy.ciphers().toArray(new String[0]));
        }
        if (!alpn.isEmpty()) {
            p.setApplicationProtocols(alpn.toArray(new String[0]));
        }
        return p;
    }
}
