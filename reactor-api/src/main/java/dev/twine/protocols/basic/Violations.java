package dev.twine.protocols.basic;

import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import java.lang.System.Logger.Level;

/**
 * What every framer does when its peer breaks the framing: the cause becomes a {@link Failure}, which
 * is logged with the peer's address, and that one connection is closed with {@code loseConnection}
 * (what Twisted's framers do), so replies already written still reach the peer. Nothing else is
 * touched: other connections, the factory and the loop carry on.
 *
 * <p>Threading: reactor thread only.
 */
final class Violations {
    private static final System.Logger LOG = System.getLogger(Violations.class.getName());

    private Violations() {
    }

    /** Logs {@code cause} against {@code protocol}'s peer, closes its connection, and returns the Failure. */
    static Failure closeConnection(Protocol protocol, Throwable cause) {
        Failure failure = new Failure(cause);
        String peer = protocol.transport == null ? "an unconnected protocol" : String.valueOf(protocol.transport.getPeer());
        LOG.log(Level.WARNING, "Framing violation from {0}; closing that connection: {1}", peer, failure.getErrorMessage());
        if (protocol.transport != null) {
            protocol.transport.loseConnection();
        }
        return failure;
    }
}
