package dev.twine.examples.kv;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.examples.Out;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.ReconnectingClientFactory;
import java.util.function.BooleanSupplier;

/**
 * The key-value client's factory: a {@link ReconnectingClientFactory} (Twisted's back-off, with the
 * maximum delay given on the command line), which keeps the client's progress across connections: the
 * counter it writes goes on from where it was when a connection ended, and the run ends after
 * {@code count} values have been read back (never, if 0).
 *
 * <p>Threading: reactor thread only.
 */
final class KvClientFactory extends ReconnectingClientFactory {
    final IReactor reactor;
    final String key;
    final double interval;
    private final int count;
    private final Deferred<Void> done = new Deferred<>();
    private int counter;
    private int valuesRead;
    private BooleanSupplier serviceRunning;

    KvClientFactory(IReactor reactor, String key, double interval, int count, double maxDelay) {
        this.reactor = reactor;
        this.key = key;
        this.interval = interval;
        this.count = count;
        this.maxDelay = maxDelay;
        this.clock = reactor;
        this.noisy = false;
    }

    /** Fires when {@code count} values have been read back. */
    Deferred<Void> done() {
        return done;
    }

    /** The next value to write. */
    int nextValue() {
        return ++counter;
    }

    /** A value was read back; returns true when that was the last one wanted. */
    boolean valueRead() {
        valuesRead++;
        if (count > 0 && valuesRead >= count) {
            stopTrying();
            done.callback(null);
            return true;
        }
        return false;
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
        // Connected: the next loss starts the back-off from the beginning again.
        resetDelay();
        KvClientProtocol p = new KvClientProtocol(this);
        p.factory = this;
        return p;
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        Out.println("Connection failed, retrying: " + reason.getErrorMessage());
        super.clientConnectionFailed(connector, reason);
    }

    /**
     * Under a {@code ClientService} the factory is not told of lost connections; its protocols report them
     * here instead while {@code stillTrying} says the service runs.
     */
    void lossReporter(BooleanSupplier stillTrying) {
        this.serviceRunning = stillTrying;
    }

    /** A connection ended; under a {@code ClientService}, say so as {@link #clientConnectionLost} does. */
    void connectionEnded(Failure reason) {
        if (serviceRunning != null && serviceRunning.getAsBoolean() && continueTrying) {
            Out.println("Connection lost, reconnecting: " + reason.getErrorMessage());
        }
    }

    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
        if (continueTrying) {
            Out.println("Connection lost, reconnecting: " + reason.getErrorMessage());
        }
        super.clientConnectionLost(connector, reason);
    }
}
