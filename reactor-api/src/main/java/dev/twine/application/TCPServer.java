package dev.twine.application;

import dev.twine.defer.Deferred;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorTCP;

/**
 * A service that listens on a TCP port while it runs (Twisted's
 * {@code twisted.application.internet.TCPServer}).
 *
 * <p>The port is opened in {@link #privilegedStartService()}, so that a port that cannot be bound fails
 * the program at start-up ({@code CannotListenError}) rather than later; {@link #startService()} opens it
 * if that step was skipped. {@link #stopService()} stops listening and fires when the port is closed and
 * the factory stopped; connections already accepted are not touched (Twisted's behaviour).
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public class TCPServer extends Service {
    private final IReactorTCP reactor;
    private final int port;
    private final IProtocolFactory factory;
    private final int backlog;
    private final String iface;
    private IListeningPort listening;

    /**
     * @param reactor the reactor to listen with
     * @param port    the port, 0 for any free one (see {@link #getPort()})
     * @param factory builds a protocol per connection
     * @param backlog the listen backlog (Twisted's default is 50)
     * @param iface   the interface to bind, {@code ""} for all IPv4 interfaces
     */
    public TCPServer(IReactorTCP reactor, int port, IProtocolFactory factory, int backlog, String iface) {
        this.reactor = reactor;
        this.port = port;
        this.factory = factory;
        this.backlog = backlog;
        this.iface = iface;
    }

    /** Listens on {@code port} of every IPv4 interface, backlog 50. */
    public TCPServer(IReactorTCP reactor, int port, IProtocolFactory factory) {
        this(reactor, port, factory, 50, "");
    }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        listening = reactor.listenTCP(port, factory, backlog, iface);
    }

    @Override
    public void startService() {
        super.startService();
        if (listening == null) {
            listening = reactor.listenTCP(port, factory, backlog, iface);
        }
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        if (listening == null) {
            return Deferred.succeed(null);
        }
        IListeningPort closing = listening;
        listening = null;
        return closing.stopListening();
    }

    /** The listening port while the service runs (its {@code getHost()} gives the real port), else null. */
    public IListeningPort getPort() {
        return listening;
    }
}
