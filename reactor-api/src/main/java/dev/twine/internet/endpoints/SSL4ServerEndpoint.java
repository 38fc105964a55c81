package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorSSL;
import dev.twine.internet.ssl.IContextFactory;
import java.util.Objects;

/**
 * A TLS server endpoint over TCP (Twisted's {@code SSL4ServerEndpoint}, semantics.md §4.9): each
 * {@code listen} is {@code reactor.listenSSL(port, factory, contextFactory, backlog, interface)}, its
 * outcome in a Deferred (the listening port, or a failure with {@code CannotListenError}; never a throw).
 *
 * <p>Threading: construct anywhere; {@code listen} on the reactor thread.
 */
public final class SSL4ServerEndpoint implements IStreamServerEndpoint {
    private final IReactorSSL reactor;
    private final int port;
    private final IContextFactory contextFactory;
    private final int backlog;
    private final String iface;

    /** All IPv4 interfaces, backlog 50, as Twisted's defaults. */
    public SSL4ServerEndpoint(IReactorSSL reactor, int port, IContextFactory contextFactory) {
        this(reactor, port, contextFactory, 50, "");
    }

    /** @param iface an address to listen on; {@code ""} means every IPv4 interface */
    public SSL4ServerEndpoint(IReactorSSL reactor, int port, IContextFactory contextFactory, int backlog, String iface) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = port;
        this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
        this.backlog = backlog;
        this.iface = Objects.requireNonNull(iface, "interface");
    }

    @Override
    public Deferred<IListeningPort> listen(IProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        try {
            return Deferred.succeed(reactor.listenSSL(port, factory, contextFactory, backlog, iface));
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    public int port() {
        return port;
    }

    public int backlog() {
        return backlog;
    }

    public String iface() {
        return iface;
    }

    public IContextFactory contextFactory() {
        return contextFactory;
    }

    @Override
    public String toString() {
        return "SSL4ServerEndpoint(port=" + port + ", backlog=" + backlog + ", interface='" + iface + "', "
                + contextFactory + ")";
    }
}
