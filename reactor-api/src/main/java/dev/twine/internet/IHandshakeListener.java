package dev.twine.internet;

/**
 * A protocol that wants to hear when its connection's TLS handshake completes (Twisted's
 * {@code IHandshakeListener}, semantics.md §4.1).
 *
 * <p>Order: {@link #handshakeCompleted} runs once per TLS connection, after {@code connectionMade} and before
 * the first {@code dataReceived} of bytes that came through TLS, whether TLS began with {@code listenSSL},
 * {@code connectSSL}, {@code startTLS} or a {@code TLSMemoryBIOFactory}. By then the transport, an
 * {@link ISSLTransport}, answers for the peer's certificate, the ALPN protocol and the TLS version. Twisted
 * also calls it after a renegotiation; Twine refuses renegotiation, so once is all. A plaintext connection
 * never calls it. An exception it throws closes the connection, as one from {@code dataReceived} does.
 *
 * <p>The wrappers that stand between a connection and the user's protocol (a client endpoint's,
 * {@code ClientService}'s, any {@code ProtocolWrapper}) pass it on when the protocol they wrap is a listener.
 *
 * <p>Threading: called on the reactor thread only.
 */
public interface IHandshakeListener {
    /** The TLS handshake completed; the transport's TLS facts are final. */
    void handshakeCompleted();
}
