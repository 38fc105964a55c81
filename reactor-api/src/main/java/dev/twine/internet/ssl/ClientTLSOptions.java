package dev.twine.internet.ssl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The client's context factory for talking to one named host (Twisted's {@code ClientTLSOptions}, made
 * by {@link #optionsForClientTLS}): sends the host name with SNI, checks the server's chain against the
 * trust root and its certificate against the host name (RFC 6125, the JDK's {@code "HTTPS"}
 * identification, which also matches IP literals against IP subjectAltNames), offers ALPN, and presents
 * a client certificate if one was given and the server asks. It offers TLS 1.2 and 1.3 with the JDK's
 * default cipher suites unless {@link #raiseMinimumTo}, {@link #lowerMaximumSecurityTo} or
 * {@link #acceptableCiphers} narrow them.
 *
 * <p>A server that fails the host name check fails the handshake: the connection is closed with an
 * {@link javax.net.ssl.SSLHandshakeException} naming the mismatch (semantics.md §4.4).
 *
 * <p>Threading: immutable; one instance may serve any number of connections.
 */
public final class ClientTLSOptions implements IContextFactory {
    private final String hostname;
    private final SSLContext context;
    private final List<String> acceptableProtocols;
    private final double handshakeTimeout;
    private final TlsPolicy policy;

    private ClientTLSOptions(String hostname, TrustRoot trustRoot, PrivateCertificate clientCertificate,
            List<String> acceptableProtocols, double handshakeTimeout) {
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        Map<String, PrivateCertificate> identities = new LinkedHashMap<>();
        if (clientCertificate != null) {
            identities.put(SniKeyManager.DEFAULT, clientCertificate);
        }
        this.context = Engines.context(identities, trustRoot);
        this.acceptableProtocols = List.copyOf(acceptableProtocols);
        this.handshakeTimeout = handshakeTimeout;
        this.policy = TlsPolicy.DEFAULT;
    }

    /** Twisted's {@code optionsForClientTLS(hostname)}: the platform's trust roots, no client certificate. */
    public static ClientTLSOptions optionsForClientTLS(String hostname) {
        return optionsForClientTLS(hostname, TrustRoot.platform(), null, List.of());
    }

    /** {@code optionsForClientTLS(hostname, trustRoot, null, List.of())}. */
    public static ClientTLSOptions optionsForClientTLS(String hostname, TrustRoot trustRoot) {
        return optionsForClientTLS(hostname, trustRoot, null, List.of());
    }

    /**
     * Twisted's {@code optionsForClientTLS(hostname, trustRoot, clientCertificate, acceptableProtocols)}.
     *
     * @param clientCertificate presented if the server asks; may be {@code null}
     * @param acceptableProtocols ALPN names, most preferred first; empty for no ALPN
     */
    public static ClientTLSOptions optionsForClientTLS(String hostname, TrustRoot trustRoot,
            PrivateCertificate clientCertificate, List<String> acceptableProtocols) {
        return new ClientTLSOptions(hostname, trustRoot, clientCertificate, acceptableProtocols, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** The same options with another handshake deadline, in seconds ({@code <= 0}: none). */
    public ClientTLSOptions withHandshakeTimeout(double seconds) {
        return new ClientTLSOptions(hostname, context, acceptableProtocols, seconds, policy);
    }

    /**
     * The same options offering nothing below {@code version} (Twisted's {@code raiseMinimumTo}, passed
     * there through {@code extraCertificateOptions}).
     *
     * @throws IllegalArgumentException if that is above the maximum, or leaves no acceptable cipher
     */
    public ClientTLSOptions raiseMinimumTo(TLSVersion version) {
        return withPolicy(TlsPolicy.of(version, policy.maximum(), policy.ciphers()));
    }

    /**
     * The same options offering nothing above {@code version} (Twisted's {@code lowerMaximumSecurityTo}).
     *
     * @throws IllegalArgumentException if that is below the minimum, or leaves no acceptable cipher
     */
    public ClientTLSOptions lowerMaximumSecurityTo(TLSVersion version) {
        return withPolicy(TlsPolicy.of(policy.minimum(), version, policy.ciphers()));
    }

    /**
     * The same options offering only these cipher suites, JDK names in preference order (Twisted's
     * {@code acceptableCiphers}); names this JDK does not support are dropped.
     *
     * @throws IllegalArgumentException if none of them is supported for the versions allowed
     */
    public ClientTLSOptions acceptableCiphers(List<String> suites) {
        return withPolicy(TlsPolicy.of(policy.minimum(), policy.maximum(), List.copyOf(suites)));
    }

    private ClientTLSOptions withPolicy(TlsPolicy newPolicy) {
        return new ClientTLSOptions(hostname, context, acceptableProtocols, handshakeTimeout, newPolicy);
    }

    private ClientTLSOptions(String hostname, SSLContext context, List<String> acceptableProtocols, double timeout,
            TlsPolicy policy) {
        this.hostname = hostname;
        this.context = context;
        this.acceptableProtocols = acceptableProtocols;
        this.handshakeTimeout = timeout;
        this.policy = policy;
    }

    /**
     * A client engine for {@link #hostname()}, whatever address the connection went to.
     *
     * @throws IllegalStateException for server mode: these options have no identity to present
     */
    @Override
    public SSLEngine createEngine(boolean clientMode, String peerHost, int peerPort) {
        if (!clientMode) {
            throw new IllegalStateException("ClientTLSOptions cannot act as a TLS server");
        }
        SSLEngine engine = context.createSSLEngine(hostname, peerPort);
        engine.setUseClientMode(true);
        SSLParameters p = Engines.parameters(engine, acceptableProtocols, policy);
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (CertificateOptions.isHostName(hostname)) {
            p.setServerNames(List.of(new SNIHostName(hostname)));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    @Override
    public double handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The host name the server's certificate must match. */
    public String hostname() {
        return hostname;
    }

    @Override
    public String toString() {
        return "ClientTLSOptions[" + hostname + "]";
    }
}
