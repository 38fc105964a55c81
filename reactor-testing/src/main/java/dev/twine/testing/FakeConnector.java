package dev.twine.testing;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import java.net.InetSocketAddress;

/**
 * The connector {@link MemoryReactor#connectTCP} returns (Twisted's {@code _FakeConnector}): it connects to
 * nothing and records what was asked of it. The test plays the network: it builds the protocol with
 * {@code factory().buildProtocol(...)}, connects it to a {@link StringTransport}, or reports a failure with
 * {@code factory().clientConnectionFailed(connector, ...)}. Not thread-safe.
 */
public final class FakeConnector implements IConnector {
    private final IAddress destination;
    private final ClientFactory factory;
    private final double timeout;
    private final InetSocketAddress bindAddress;
    private boolean stoppedConnecting;
    private boolean disconnected;
    private int connectCalls;

    FakeConnector(IAddress destination, ClientFactory factory, double timeout, InetSocketAddress bindAddress) {
        this.destination = destination;
        this.factory = factory;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
    }

    /** The factory given to {@code connectTCP}. */
    public ClientFactory factory() {
        return factory;
    }

    /** The timeout given to {@code connectTCP}, in seconds. */
    public double timeout() {
        return timeout;
    }

    /** The local address given to {@code connectTCP}, or {@code null}. */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** True once {@link #stopConnecting()} was called (Twisted's {@code stoppedConnecting}). */
    public boolean stoppedConnecting() {
        return stoppedConnecting;
    }

    /** True once {@link #disconnect()} was called (Twisted's {@code _disconnected}). */
    public boolean disconnected() {
        return disconnected;
    }

    /** How many times {@link #connect()} was called, e.g. by a reconnecting factory. */
    public int connectCalls() {
        return connectCalls;
    }

    /** Records the call; the test decides what the factory hears. */
    @Override
    public void stopConnecting() {
        stoppedConnecting = true;
    }

    /** Records the call. */
    @Override
    public void disconnect() {
        disconnected = true;
    }

    /** Records the call (Twisted's fake does nothing at all). */
    @Override
    public void connect() {
        connectCalls++;
    }

    @Override
    public IAddress getDestination() {
        return destination;
    }

    @Override
    public String toString() {
        return "<FakeConnector to " + destination + ">";
    }
}
