package dev.twine.internet;

import dev.twine.internet.ssl.IContextFactory;

/**
 * A TCP transport that can switch to TLS in the middle of a connection (Twisted's {@code ITLSTransport},
 * semantics.md §4.3). Reactor thread only.
 */
public interface ITLSTransport extends ITCPTransport {
    /**
     * Starts TLS on this connection: bytes written before this call go out in plaintext first, bytes
     * written after it are encrypted, and bytes received after the peer's first TLS record are decrypted.
     * The side is the connection's own: a client connection (from {@code connectTCP}) sends the
     * ClientHello, an accepted one waits for it.
     *
     * @throws IllegalStateException if TLS was already started on this connection, or it is closing or gone
     */
    default void startTLS(IContextFactory contextFactory) {
        startTLS(contextFactory, true);
    }

    /**
     * {@link #startTLS(IContextFactory)}; with {@code normal} false the roles are swapped (an accepted
     * connection acts as the TLS client), as Twisted's {@code normal} argument does.
     */
    void startTLS(IContextFactory contextFactory, boolean normal);
}
