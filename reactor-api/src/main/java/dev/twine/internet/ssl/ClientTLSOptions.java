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
 * a client certificate if one was given and the server asks.
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
        ClientTLSOptions copy = new ClientTLSOptions(hostname, this.context, acceptableProtocols, seconds);
        return copy;
    }

    private ClientTLSOptions(String hostname, SSLContext context, List<String> acceptableProtocols, double timeout) {
        this.hostname = hostname;
        this.context = context;
        this.acceptableProtocols = acceptableProtocols;
        this.handshakeTimeout = timeout;
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
        SSLParameters p = Engines.parameters(engine, acceptableProtocols);
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
