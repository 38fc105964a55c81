package dev.twine.internet;

import dev.twine.internet.ssl.IContextFactory;
import java.net.InetSocketAddress;

/**
 * TLS servers and clients over TCP (Twisted's {@code IReactorSSL}, semantics.md §4). The transports they
 * make are {@link ISSLTransport}s; the protocol's {@code connectionMade} runs as soon as TCP connects,
 * before the handshake, and writes made before the handshake completes are sent once it has.
 * Reactor thread only.
 */
public interface IReactorSSL {
    /**
     * {@link IReactorTCP#listenTCP(int, IProtocolFactory, int, String)}, with every accepted connection
     * speaking TLS as a server configured by {@code contextFactory}.
     *
     * @throws dev.twine.internet.error.CannotListenError if bind or listen fails
     */
    IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog,
            String iface);

    /** {@code listenSSL(port, factory, contextFactory, 50, "")}. */
    default IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory) {
        return listenSSL(port, factory, contextFactory, 50, "");
    }

    /**
     * {@link IReactorTCP#connectTCP(String, int, ClientFactory, double, InetSocketAddress)}, then TLS as a
     * client configured by {@code contextFactory}, which receives {@code host} for SNI and hostname
     * verification.
     */
    IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory,
            double timeout, InetSocketAddress bindAddress);

    /** {@code connectSSL(host, port, factory, contextFactory, 30, null)}. */
    default IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory) {
        return connectSSL(host, port, factory, contextFactory, 30, null);
    }
}
