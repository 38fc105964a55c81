package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.NoProtocol;
import dev.twine.internet.error.NotConnectingError;
import java.util.Objects;

/**
 * Turns one {@code connectTCP} into one Deferred for a client endpoint (Twisted's {@code _WrappingFactory},
 * semantics.md §1.14.4). Reference counting ({@code doStart}/{@code doStop}) is passed to the user's
 * factory; {@code buildProtocol} asks the user's factory and wraps what it returns so that
 * {@link #onConnection()} fires after the protocol's {@code connectionMade}.
 *
 * <p>Outcomes of the Deferred: the user's protocol; the connect failure from
 * {@code clientConnectionFailed}; the exception the user's {@code buildProtocol} threw, or
 * {@link NoProtocol} if it returned {@code null} (the connection is then closed); or, when cancelled before
 * any of these, {@link ConnectingCancelledError} naming the destination, after which the connector is
 * stopped.
 *
 * <p>Threading: reactor thread only.
 */
final class WrappingFactory extends ClientFactory {
    private final IProtocolFactory wrapped;
    private final Deferred<IProtocol> onConnection;
    private IConnector connector;

    WrappingFactory(IProtocolFactory wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "factory");
        this.onConnection = new Deferred<>(this::cancel);
        // The user's factory logs its own start and stop; this wrapper is an implementation detail.
        this.noisy = false;
    }

    /** Fires once with the outcome described in the class comment. */
    Deferred<IProtocol> onConnection() {
        return onConnection;
    }

    @Override
    public void startedConnecting(IConnector connector) {
        this.connector = connector;
    }

    @Override
    public void startFactory() {
        wrapped.doStart();
    }

    @Override
    public void stopFactory() {
        wrapped.doStop();
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
        IProtocol protocol;
        try {
            protocol = wrapped.buildProtocol(addr);
        } catch (RuntimeException e) {
            // Twisted's _WrappingFactory.buildProtocol errbacks with whatever the factory raised and returns
            // None, so the reactor closes the new connection.
            failOnce(e);
            return null;
        }
        if (protocol == null) {
            failOnce(new NoProtocol());
            return null;
        }
        return WrappingProtocol.wrap(onConnection, protocol);
    }

    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        // After a cancel the Deferred has already failed with ConnectingCancelledError; the UserError that
        // stopConnecting() causes is not news.
        if (!onConnection.called()) {
            onConnection.errback(reason);
        }
    }

    /** A connector builds one protocol per attempt; a misbehaving caller must not make the Deferred fire twice. */
    private void failOnce(Exception e) {
        if (!onConnection.called()) {
            onConnection.errback(e);
        }
    }

    /** Twisted's {@code _WrappingFactory._canceller}: fail first, then stop the connector. */
    private void cancel(Deferred<IProtocol> d) {
        d.errback(new ConnectingCancelledError(connector == null ? null : connector.getDestination()));
        if (connector != null) {
            try {
                connector.stopConnecting();
            } catch (NotConnectingError alreadyDone) {
                // The attempt ended in the same iteration; there is nothing left to stop.
            }
        }
    }
}
