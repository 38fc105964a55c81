package dev.twine.testing;

import dev.twine.defer.Failure;
import dev.twine.internet.IProtocol;
import dev.twine.internet.error.ConnectionAborted;
import dev.twine.internet.error.ConnectionDone;

/**
 * A {@link StringTransport} whose {@link #loseConnection()} tells the protocol at once that the connection
 * is gone (Twisted's {@code StringTransportWithDisconnection}): the first call calls
 * {@code protocol.connectionLost(ConnectionDone)}, later calls do nothing.
 *
 * <p>Set {@link #protocol} before the protocol can close (usually right after {@code makeConnection}), or
 * use {@link #connect(IProtocol)}, which does both. Not thread-safe.
 */
public class StringTransportWithDisconnection extends StringTransport {
    /** The protocol told of the disconnection; Twisted's {@code protocol} attribute. */
    public IProtocol protocol;
    private boolean connected = true;

    /** A transport with Twisted's default addresses, connected. */
    public StringTransportWithDisconnection() {
    }

    /** Sets {@link #protocol} and calls its {@code makeConnection(this)}; returns {@code protocol}. */
    public <P extends IProtocol> P connect(P protocol) {
        this.protocol = protocol;
        protocol.makeConnection(this);
        return protocol;
    }

    /** True until the first {@link #loseConnection()} or {@link #abortConnection()}. */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Marks the transport disconnecting and, the first time, calls the protocol's {@code connectionLost}
     * with {@code ConnectionDone}.
     *
     * @throws IllegalStateException if {@link #protocol} is not set
     */
    @Override
    public void loseConnection() {
        super.loseConnection();
        disconnect(new ConnectionDone("Bye."));
    }

    /** As {@link #loseConnection()}, but also records the abort, and the reason is {@code ConnectionAborted}. */
    @Override
    public void abortConnection() {
        super.abortConnection();
        disconnect(new ConnectionAborted());
    }

    private void disconnect(Exception reason) {
        if (!connected) {
            return;
        }
        if (protocol == null) {
            throw new IllegalStateException("StringTransportWithDisconnection.protocol is not set");
        }
        connected = false;
        protocol.connectionLost(new Failure(reason));
    }
}
