package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IFileDescriptorReceiver;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IHandshakeListener;
import dev.twine.internet.ILoggingContext;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ITransport;
import java.nio.ByteBuffer;

/**
 * Stands between the transport and a client endpoint's protocol (Twisted's {@code _WrappingProtocol}) so
 * that the endpoint's Deferred fires with the user's protocol right after that protocol's
 * {@code connectionMade}. Every later call is passed on unchanged.
 *
 * <p>The transport asks its protocol's type what it wants: an {@link IHalfCloseableProtocol} keeps a
 * half-closed connection open (semantics.md §1.7), an {@link IFileDescriptorReceiver} reads passed
 * descriptors (§8.8). So, as Twisted's wrapper provides exactly those of its protocol's interfaces, this
 * wrapper comes in one class per combination, and {@link #wrap} picks the one that matches.
 */
class WrappingProtocol implements IProtocol, ILoggingContext, IHandshakeListener {
    private final Deferred<IProtocol> connected;
    final IProtocol wrapped;
    private ITransport transport;

    WrappingProtocol(Deferred<IProtocol> connected, IProtocol wrapped) {
        this.connected = connected;
        this.wrapped = wrapped;
    }

    /** A wrapper that has the half-close and descriptor calls exactly when {@code wrapped} has them. */
    static WrappingProtocol wrap(Deferred<IProtocol> connected, IProtocol wrapped) {
        boolean halfCloseable = wrapped instanceof IHalfCloseableProtocol;
        if (wrapped instanceof IFileDescriptorReceiver) {
            return halfCloseable ? new HalfCloseableReceiver(connected, wrapped) : new Receiver(connected, wrapped);
        }
        return halfCloseable ? new HalfCloseable(connected, wrapped) : new WrappingProtocol(connected, wrapped);
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

    /**
     * Passes the TLS handshake's completion on, as Twisted's wrapper does for an {@code IHandshakeListener}.
     * Unlike half-closing and descriptors it changes nothing the transport does, so every wrapper has it.
     */
    @Override
    public void handshakeCompleted() {
        if (wrapped instanceof IHandshakeListener listener) {
            listener.handshakeCompleted();
        }
    }

    @Override
    public String logPrefix() {
        return wrapped instanceof ILoggingContext ctx ? ctx.logPrefix() : wrapped.getClass().getSimpleName();
    }

    /** The wrapper for a protocol that keeps half-closed connections open. */
    static class HalfCloseable extends WrappingProtocol implements IHalfCloseableProtocol {
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

    /** The wrapper for a protocol that takes passed descriptors. */
    static final class Receiver extends WrappingProtocol implements IFileDescriptorReceiver {
        Receiver(Deferred<IProtocol> connected, IProtocol wrapped) {
            super(connected, wrapped);
        }

        @Override
        public void fileDescriptorReceived(int descriptor) {
            ((IFileDescriptorReceiver) wrapped).fileDescriptorReceived(descriptor);
        }
    }

    /** The wrapper for a protocol that does both. */
    static final class HalfCloseableReceiver extends HalfCloseable implements IFileDescriptorReceiver {
        HalfCloseableReceiver(Deferred<IProtocol> connected, IProtocol wrapped) {
            super(connected, wrapped);
        }

        @Override
        public void fileDescriptorReceived(int descriptor) {
            ((IFileDescriptorReceiver) wrapped).fileDescriptorReceived(descriptor);
        }
    }
}
