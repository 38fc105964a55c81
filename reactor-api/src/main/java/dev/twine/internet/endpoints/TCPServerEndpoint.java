package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorTCP;
import java.util.Objects;

/**
 * What {@link TCP4ServerEndpoint} and {@link TCP6ServerEndpoint} share (Twisted's
 * {@code _TCPServerEndpoint}): {@code listen} is {@code listenTCP} with its outcome in a Deferred.
 */
abstract class TCPServerEndpoint implements IStreamServerEndpoint {
    private final IReactorTCP reactor;
    private final int port;
    private final int backlog;
    private final String iface;

    TCPServerEndpoint(IReactorTCP reactor, int port, int backlog, String iface) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.port = port;
        this.backlog = backlog;
        this.iface = Objects.requireNonNull(iface, "interface");
    }

    /**
     * Listens now. Twisted runs {@code listenTCP} under {@code defer.execute}, so a bind error (or any
     * other exception) comes back as a failed Deferred, never as a throw.
     */
    @Override
    public Deferred<IListeningPort> listen(IProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        try {
            return Deferred.succeed(reactor.listenTCP(port, factory, backlog, iface));
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    /** The port asked for (0: the OS picks one; the listening port's {@code getHost()} has it). */
    public int port() {
        return port;
    }

    /** The listen backlog. */
    public int backlog() {
        return backlog;
    }

    /** The interface to listen on, as given to {@code listenTCP}. */
    public String iface() {
        return iface;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(port=" + port + ", backlog=" + backlog + ", interface='" + iface + "')";
    }
}
