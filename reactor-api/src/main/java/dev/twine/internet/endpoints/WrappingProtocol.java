package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.ILoggingContext;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ITransport;
import java.nio.ByteBuffer;

/**
 * Stands between the transport and a client endpoint's protocol (Twisted's {@code _WrappingProtocol}) so
 * that the endpoint's Deferred fires with the user's protocol right after that protocol's
 * {@code connectionMade}. Every later call is passed on unchanged. The half-close calls exist only in
 * {@link HalfCloseable}, made only for a protocol that has them, because the transport decides how to end a
 * read side by whether the protocol is an {@link IHalfCloseableProtocol} (semantics.md §1.7).
 */
class WrappingProtocol implements IProtocol, ILoggingContext {
    private final Deferred<IProtocol> connected;
    final IProtocol wrapped;
    private ITransport transport;

    WrappingProtocol(Deferred<IProtocol> connected, IProtocol wrapped) {
        this.connected = connected;
        this.wrapped = wrapped;
    }

    /** A wrapper with the half-close calls exactly when {@code wrapped} has them. */
    static WrappingProtocol wrap(Deferred<IProtocol> connected, IProtocol wrapped) {
        return wrapped instanceof IHalfCloseableProtocol ? new HalfCloseable(connected, wrapped)
                : new WrappingProtocol(connected, wrapped);
    }

    @Override
    public void makeConnection(ITransport transport) {
        this.transport = transport;
        connectionMade();
    }

    /**
     * Starts the wrapped protocol, then fires the Deferred with it. Twine's decision: if the wrapped
     * {@code connectionMade} throws, the Deferred errbacks with that exception (Twisted's never fires) and
     * the exception goes on to the transport, which closes the connection (semantics.md §1.10).
     */
    @Override
    public void connectionMade() {
        try {
            wrapped.makeConnection(transport);
        } catch (RuntimeException e) {
            connected.errback(e);
            throw e;
        }
        connected.callback(wrapped);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        wrapped.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        wrapped.connectionLost(reason);
    }

    @Override
    public String logPrefix() {
        return wrapped instanceof ILoggingContext ctx ? ctx.logPrefix() : wrapped.getClass().getSimpleName();
    }

    /** The wrapper for a protocol that keeps half-closed connections open. */
    static final class HalfCloseable extends WrappingProtocol implements IHalfCloseableProtocol {
        HalfCloseable(Deferred<IProtocol> connected, IProtocol wrapped) {
            super(connected, wrapped);
        }

        @Override
        public void readConnectionLost() {
            ((IHalfCloseableProtocol) wrapped).readConnectionLost();
        }

        @Override
        public void writeConnectionLost() {
            ((IHalfCloseableProtocol) wrapped).writeConnectionLost();
        }
    }
}
