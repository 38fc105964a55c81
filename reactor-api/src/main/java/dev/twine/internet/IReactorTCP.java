package dev.twine.internet;

import java.net.InetSocketAddress;

/**
 * TCP servers and clients (Twisted's {@code IReactorTCP}, semantics.md §1.5 and semantics.md §1.6). Reactor
 * thread only.
 */
public interface IReactorTCP {
    /**
     * Listens on {@code port} (0 picks one) of {@code iface} ("" means all IPv4 interfaces; an IPv6
     * literal gives an IPv6 port). Synchronous: {@code factory.doStart()} has run when this returns.
     *
     * @throws dev.twine.internet.error.CannotListenError if bind or listen fails
     */
    IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface);

    /** {@code listenTCP(port, factory, 50, "")}. */
    default IListeningPort listenTCP(int port, IProtocolFactory factory) {
        return listenTCP(port, factory, 50, "");
    }

    /**
     * Connects to {@code host:port}. {@code factory.doStart()} and {@code startedConnecting} run before
     * this returns; the outcome arrives on later iterations.
     *
     * @param timeout     seconds before giving up with {@code TimeoutError}; {@code <= 0} means none
     * @param bindAddress local address to bind first, or {@code null}
     */
    IConnector connectTCP(String host, int port, ClientFactory factory, double timeout, InetSocketAddress bindAddress);

    /** {@code connectTCP(host, port, factory, 30, null)}. */
    default IConnector connectTCP(String host, int port, ClientFactory factory) {
        return connectTCP(host, port, factory, 30, null);
    }
}
