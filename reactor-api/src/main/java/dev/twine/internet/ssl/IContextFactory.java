package dev.twine.internet.ssl;

import javax.net.ssl.SSLEngine;

/**
 * What {@code listenSSL}, {@code connectSSL} and {@code startTLS} take: a source of configured
 * {@link SSLEngine}s, one per connection (the role of Twisted's {@code ContextFactory} and of its
 * {@code IOpenSSLServerConnectionCreator}/{@code IOpenSSLClientConnectionCreator}). Twine's own
 * implementations are {@link CertificateOptions} and {@link ClientTLSOptions}.
 *
 * <p>The transport never changes what the engine was configured with: protocols, cipher suites, client
 * authentication, ALPN, SNI and hostname verification are all the factory's choice. It only drives the
 * engine (semantics.md §4).
 *
 * <p>Threading: {@link #createEngine} is called on the reactor thread, once per connection, when TLS
 * starts on it; an implementation shared by several reactors must be thread-safe.
 */
public interface IContextFactory {
    /** Twisted's default handshake deadline is none at all; Twine's is this many seconds. */
    double DEFAULT_HANDSHAKE_TIMEOUT = 30;

    /**
     * A new engine for one connection, already in client or server mode.
     *
     * @param clientMode true on the side that sends the ClientHello
     * @param peerHost   the host the client side connected to, as given to {@code connectSSL} (used for
     *                   SNI and hostname verification); on the server side the peer's address
     * @param peerPort   the peer's port
     * @throws IllegalStateException if this factory cannot make an engine for that role (for example a
     *                               server role without a private key)
     */
    SSLEngine createEngine(boolean clientMode, String peerHost, int peerPort);

    /**
     * Seconds the handshake may take before the connection is closed with an
     * {@link javax.net.ssl.SSLHandshakeException} naming the timeout; {@code <= 0} means no deadline.
     */
    default double handshakeTimeout() {
        return DEFAULT_HANDSHAKE_TIMEOUT;
    }
}
