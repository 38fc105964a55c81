package dev.twine.internet;

import dev.twine.defer.Failure;
import java.util.function.Supplier;

/**
 * A factory for clients (Twisted's {@code ClientFactory}, semantics.md §1.6 and semantics.md §1.9).
 * Callback order for one connector: {@code doStart}, {@link #startedConnecting} (inside
 * {@code connectTCP}), then either {@link #clientConnectionFailed} or (protocol's
 * {@code connectionLost}, then) {@link #clientConnectionLost}, then {@code doStop} unless the callback
 * reconnected.
 */
public class ClientFactory extends Factory {
    public ClientFactory() {
    }

    public ClientFactory(Supplier<? extends IProtocol> protocol) {
        super(protocol);
    }

    /** A connection attempt started; called synchronously inside {@code connectTCP}. */
    public void startedConnecting(IConnector connector) {
    }

    /** The attempt failed (refused, timed out, stopped); {@code connector.connect()} retries. */
    public void clientConnectionFailed(IConnector connector, Failure reason) {
    }

    /** An established connection ended; {@code connector.connect()} reconnects. */
    public void clientConnectionLost(IConnector connector, Failure reason) {
    }
}
