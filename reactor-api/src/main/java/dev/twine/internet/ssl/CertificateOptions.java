package dev.twine.internet.ssl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A context factory for servers, and for clients that need no host name check (Twisted's
 * {@code CertificateOptions}). Build one with {@link #builder()}.
 *
 * <ul>
 *   <li><b>Server:</b> presents {@link Builder#certificate}, or the identity registered for the host
 *       name the client sent with SNI ({@link Builder#sniCertificate}). With {@link Builder#verifyClients}
 *       it asks clients for a certificate issued by the given roots, and may require one (Twisted's
 *       {@code verify=True, caCerts=..., requireCertificate=...}).</li>
 *   <li><b>Client:</b> presents {@code certificate} if the server asks, and checks the server's chain
 *       against the trust root (the platform's unless given), but not its host name: use
 *       {@link ClientTLSOptions#optionsForClientTLS} for that, as Twisted advises.</li>
 *   <li>TLS 1.2 or 1.3, narrowed with {@link Builder#raiseMinimumTo} and {@link Builder#lowerMaximumSecurityTo};
 *       the JDK's default cipher suites, or those of {@link Builder#acceptableCiphers}; ALPN with
 *       {@link Builder#acceptableProtocols}, in preference order (Twisted's argument names); the handshake
 *       deadline of {@link Builder#handshakeTimeout}.</li>
 * </ul>
 *
 * <p>Threading: immutable once built; one instance may serve any number of connections and reactors.
 */
public final class CertificateOptions implements IContextFactory {
    private final PrivateCertificate certificate;
    private final TrustRoot trustRoot;
    private final boolean verifyClients;
    private final boolean requireClientCertificate;
    private final List<String> acceptableProtocols;
    private final double handshakeTimeout;
    private final TlsPolicy policy;
    private final SSLContext context;

    private CertificateOptions(Builder b) {
        this.certificate = b.certificate;
        this.trustRoot = b.trustRoot;
        this.verifyClients = b.verifyClients;
        this.requireClientCertificate = b.requireClientCertificate;
        this.acceptableProtocols = List.copyOf(b.acceptableProtocols);
        this.handshakeTimeout = b.handshakeTimeout;
        this.policy = b.policy;
        Map<String, PrivateCertificate> identities = new LinkedHashMap<>(b.sni);
        if (certificate != null) {
            identities.put(SniKeyManager.DEFAULT, certificate);
        }
        this.context = Engines.context(identities, trustRoot);
    }

    /** A builder with no identity, the platform's trust root, no client verification and no ALPN. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code builder().certificate(identity).build()}: the common server case. */
    public static CertificateOptions forServer(PrivateCertificate identity) {
        return builder().certificate(identity).build();
    }

    /**
     * @throws IllegalStateException in server mode without any certificate
     */
    @Override
    public SSLEngine createEngine(boolean clientMode, String peerHost, int peerPort) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(clientMode);
        SSLParameters p = Engines.parameters(engine, acceptableProtocols, policy);
        if (clientMode) {
            if (peerHost != null && isHostName(peerHost)) {
                p.setServerNames(List.of(new SNIHostName(peerHost)));
            }
        } else {
            if (certificate == null) {
                throw new IllegalStateException("a TLS server needs a certificate and private key");
            }
            if (verifyClients) {
                if (requireClientCertificate) {
                    p.setNeedClientAuth(true);
                } else {
                    p.setWantClientAuth(true);
                }
            }
        }
        engine.setSSLParameters(p);
        return engine;
    }

    @Override
    public double handshakeTimeout() {
        return handshakeTimeout;
    }

    @Override
    public String toString() {
        return "CertificateOptions[" + (certificate == null ? "no certificate" : certificate) + "]";
    }

    /** True for a DNS name, false for an IP literal (RFC 6066 §3: SNI carries no literal addresses). */
    static boolean isHostName(String host) {
        return !host.isEmpty() && !host.contains(":") && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Collects the options; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private PrivateCertificate certificate;
        private final Map<String, PrivateCertificate> sni = new LinkedHashMap<>();
        private TrustRoot trustRoot;
        private boolean verifyClients;
        private boolean requireClientCertificate;
        private final List<String> acceptableProtocols = new ArrayList<>();
        private double handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private TLSVersion minimum = TlsPolicy.DEFAULT.minimum();
        private TLSVersion maximum = TlsPolicy.DEFAULT.maximum();
        private List<String> ciphers;
        private TlsPolicy policy;

        private Builder() {
        }

        /** The identity presented by default (Twisted's {@code privateKey} + {@code certificate} + {@code extraCertChain}). */
        public Builder certificate(PrivateCertificate identity) {
            this.certificate = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** The identity a server presents to clients that ask for {@code hostName} with SNI. */
        public Builder sniCertificate(String hostName, PrivateCertificate identity) {
            sni.put(hostName.toLowerCase(Locale.ROOT), Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /** The roots peers' chains are checked against (Twisted's {@code trustRoot}/{@code caCerts}). */
        public Builder trustRoot(TrustRoot roots) {
            this.trustRoot = Objects.requireNonNull(roots, "roots");
            return this;
        }

        /**
         * Servers ask clients for a certificate issued by {@code roots}; with {@code required}, a client
         * that sends none fails the handshake (Twisted's {@code verify}, {@code requireCertificate}).
         */
        public Builder verifyClients(TrustRoot roots, boolean required) {
            this.trustRoot = Objects.requireNonNull(roots, "roots");
            this.verifyClients = true;
            this.requireClientCertificate = required;
            return this;
        }

        /** ALPN protocol names, most preferred first (Twisted's {@code acceptableProtocols}). */
        public Builder acceptableProtocols(List<String> protocols) {
            acceptableProtocols.clear();
            acceptableProtocols.addAll(protocols);
            return this;
        }

        /** Seconds the handshake may take; {@code <= 0} means no deadline. */
        public Builder handshakeTimeout(double seconds) {
            this.handshakeTimeout = seconds;
            return this;
        }

        /** The lowest TLS version offered or accepted (Twisted's {@code raiseMinimumTo}); TLS 1.2 by default. */
        public Builder raiseMinimumTo(TLSVersion version) {
            this.minimum = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The highest TLS version offered or accepted (Twisted's {@code lowerMaximumSecurityTo}); TLS 1.3 by default. */
        public Builder lowerMaximumSecurityTo(TLSVersion version) {
            this.maximum = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * The cipher suites allowed, JDK names in preference order (Twisted's {@code acceptableCiphers}), e.g.
         * {@code TLS_AES_256_GCM_SHA384}. Names this JDK does not support are dropped, as Twisted drops
         * unavailable ones; the JDK's defaults apply when this is never called.
         */
        public Builder acceptableCiphers(List<String> suites) {
            this.ciphers = List.copyOf(suites);
            return this;
        }

        /**
         * @throws IllegalArgumentException for client verification without a certificate, a minimum version
         *         above the maximum, or acceptable ciphers of which none is supported for those versions
         */
        public CertificateOptions build() {
            if (verifyClients && certificate == null) {
                throw new IllegalArgumentException("verifyClients is a server option; the server needs a certificate");
            }
            policy = TlsPolicy.of(minimum, maximum, ciphers);
            return new CertificateOptions(this);
        }
    }
}
