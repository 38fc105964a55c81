package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocolFactory;

/**
 * The port {@link MemoryReactor#listenTCP} returns (Twisted's {@code _FakePort}): it listens on nothing and
 * records its arguments and whether it is listening.
 *
 * <p>{@link #stopListening()} returns an already-fired Deferred by default. A test that wants to watch code
 * wait for the port to close (a service's shutdown) calls {@link #holdStopListening()} first and fires
 * {@link #stopping()} itself. Not thread-safe.
 */
public final class FakePort implements IListeningPort {
    private final int port;
    private final IProtocolFactory factory;
    private final int backlog;
    private final String iface;
    private boolean listening = true;
    private boolean hold;
    private Deferred<Void> stopping;
    /** The address getHost reports when it is not a TCP one (listenUNIX's), else null. */
    private final IAddress host;

    FakePort(int port, IProtocolFactory factory, int backlog, String iface) {
        this(port, factory, backlog, iface, null);
    }

    /** A port for {@code listenUNIX}: {@link #getHost()} is {@code host}. */
    FakePort(int port, IProtocolFactory factory, int backlog, String iface, IAddress host) {
        this.host = host;
        this.port = port;
        this.factory = factory;
        this.backlog = backlog;
        this.iface = iface;
    }

    /** The port number asked for (0 stays 0: nothing is bound). */
    public int port() {
        return port;
    }

    /** The factory given to {@code listenTCP}. */
    public IProtocolFactory factory() {
        return factory;
    }

    /** The backlog given to {@code listenTCP}. */
    public int backlog() {
        return backlog;
    }

    /** The interface given to {@code listenTCP}; {@code ""} means every IPv4 interface. */
    public String iface() {
        return iface;
    }

    /** True until {@link #stopListening()}, and again after {@link #startListening()}. */
    public boolean isListening() {
        return listening;
    }

    /** Makes later {@link #stopListening()} calls return a Deferred that the test fires. */
    public void holdStopListening() {
        hold = true;
    }

    /** The Deferred the last {@link #stopListening()} returned, or {@code null} if it was never called. */
    public Deferred<Void> stopping() {
        return stopping;
    }

    @Override
    public void startListening() {
        listening = true;
    }

    @Override
    public Deferred<Void> stopListening() {
        listening = false;
        stopping = hold ? new Deferred<>() : Deferred.succeed(null);
        return stopping;
    }

    /** The interface and port asked for; {@code 0.0.0.0} for every interface, as Twisted's fake reports. */
    @Override
    public IAddress getHost() {
        if (host != null) {
            return host;
        }
        return new IPv4Address("TCP", iface.isEmpty() ? "0.0.0.0" : iface, port);
    }

    @Override
    public String toString() {
        return "<FakePort " + getHost() + (listening ? "" : " stopped") + ">";
    }
}
