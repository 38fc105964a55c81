package dev.twine.internet;

import java.security.cert.Certificate;
import java.util.List;

/**
 * A transport that speaks TLS (Twisted's {@code ISSLTransport} plus {@code INegotiated},
 * semantics.md §4). Every TCP transport in Twine implements it; the answers are {@code null} (or empty)
 * until TLS is in use and its handshake has completed. Reactor thread only.
 */
public interface ISSLTransport extends ITLSTransport {
    /** The peer's leaf certificate, or {@code null} before the handshake or if the peer sent none. */
    Certificate getPeerCertificate();

    /** The peer's whole chain, leaf first; empty before the handshake or if the peer sent none. */
    List<Certificate> getPeerCertificates();

    /** The ALPN protocol both sides agreed on (Twisted's {@code negotiatedProtocol}), or {@code null}. */
    String negotiatedProtocol();

    /**
     * On the server, the host name the client asked for with SNI; on the client, the one it sent.
     * {@code null} if none was sent or before the handshake.
     */
    String serverName();

    /** The negotiated protocol version, e.g. {@code "TLSv1.3"}; {@code null} before the handshake. */
    String tlsVersion();
}
