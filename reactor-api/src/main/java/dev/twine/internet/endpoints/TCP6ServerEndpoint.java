package dev.twine.internet.endpoints;

import dev.twine.internet.IReactorTCP;

/**
 * A TCP server endpoint on IPv6 (Twisted's {@code TCP6ServerEndpoint}, semantics.md §1.14.3): as
 * {@link TCP4ServerEndpoint}, but the interface is an IPv6 address and defaults to {@code ::}.
 *
 * <p>Threading: construct anywhere; {@code listen} on the reactor thread.
 */
public final class TCP6ServerEndpoint extends TCPServerEndpoint {
    /** Interface {@code ::}, backlog 50, as Twisted's defaults. */
    public TCP6ServerEndpoint(IReactorTCP reactor, int port) {
        this(reactor, port, 50, "::");
    }

    /** @param iface an IPv6 address to listen on */
    public TCP6ServerEndpoint(IReactorTCP reactor, int port, int backlog, String iface) {
        super(reactor, port, backlog, iface);
    }
}
