package dev.twine.internet.endpoints;

import dev.twine.internet.IReactorTCP;

/**
 * A TCP server endpoint on IPv4 (Twisted's {@code TCP4ServerEndpoint}, semantics.md §1.14.3). Each
 * {@code listen} calls {@code reactor.listenTCP(port, factory, backlog, interface)} and returns its
 * outcome in a Deferred: the listening port, or a failure with {@code CannotListenError}.
 *
 * <p>Threading: construct anywhere; {@code listen} on the reactor thread.
 */
public final class TCP4ServerEndpoint extends TCPServerEndpoint {
    /** All IPv4 interfaces, backlog 50, as Twisted's defaults. */
    public TCP4ServerEndpoint(IReactorTCP reactor, int port) {
        this(reactor, port, 50, "");
    }

    /** @param iface an IPv4 address to listen on; {@code ""} means every IPv4 interface */
    public TCP4ServerEndpoint(IReactorTCP reactor, int port, int backlog, String iface) {
        super(reactor, port, backlog, iface);
    }
}
