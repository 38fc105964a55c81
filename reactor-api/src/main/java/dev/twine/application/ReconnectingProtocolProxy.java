package dev.twine.application;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IFileDescriptorReceiver;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IHandshakeListener;
import dev.twine.internet.ILoggingContext;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.ITransport;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Stands between a {@link ClientService}'s connection and the user's protocol to learn when the connection
 * ends (Twisted's {@code _ReconnectingProtocolProxy}); every call is passed on, then
 * {@code connectionLost} also tells the service. Like the endpoint's wrapper it is half-closeable, and a
 * descriptor receiver, exactly when the user's protocol is (Twisted's proxy passes every attribute on, its
 * interfaces included), so the transport treats the connection as the user's protocol asks. Reactor
 * thread only.
 */
class ReconnectingProtocolProxy implements IProtocol, ILoggingContext, IHandshakeListener {
    final IProtocol protocol;
    private final Consumer<Failure> lost;
    ITransport transport;

    ReconnectingProtocolProxy(IProtocol protocol, Consumer<Failure> lost) {
        this.protocol = protocol;
        this.lost = lost;
    }

    /** Twisted's {@code _DisconnectFactory}: builds proxies around what {@code factory} builds. */
    static IProtocolFactory disconnectFactory(IProtocolFactory factory, Consumer<Failure> lost) {
        return new IProtocolFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                IProtocol built = factory.buildProtocol(addr);
                if (built == null) {
                    return null;
                }
                boolean halfCloseable = built instanceof IHalfCloseableProtocol;
                if (built instanceof IFileDescriptorReceiver) {
                    return halfCloseable ? new HalfCloseableReceiver(built, lost) : new Receiver(built, lost);
                }
                return halfCloseable ? new HalfCloseable(built, lost) : new ReconnectingProtocolProxy(built, lost);
            }

            @Override
            public void doStart() {
                factory.doStart();
            }

            @Override
            public void doStop() {
                factory.doStop();
            }

            @Override
            public String toString() {
                return "<DisconnectFactory wrapping " + factory + ">";
            }
        };
    }

    @Override
    public void makeConnection(ITransport transport) {
        this.transport = transport;
        protocol.makeConnection(transport);
    }

    @Override
    public void connectionMade() {
        protocol.connectionMade();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        protocol.dataReceived(data);
    }

    /** Passes the loss on, then tells the service even if the protocol threw (Twisted's try/finally). */
    @Override
    public void connectionLost(Failure reason) {
        try {
            protocol.connectionLost(reason);
        } finally {
            lost.accept(reason);
        }
    }

    /** Passes the TLS handshake's completion on; it changes nothing the transport does, so every proxy has it. */
    @Override
    public void handshakeCompleted() {
        if (protocol instanceof IHandshakeListener listener) {
            listener.handshakeCompleted();
        }
    }

    @Override
    public String logPrefix() {
        return protocol instanceof ILoggingContext ctx ? ctx.logPrefix() : protocol.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "<ReconnectingProtocolProxy wrapping " + protocol + ">";
    }

    /** The proxy for a protocol that keeps half-closed connections open. */
    static class HalfCloseable extends ReconnectingProtocolProxy implements IHalfCloseableProtocol {
        HalfCloseable(IProtocol protocol, Consumer<Failure> lost) {
            super(protocol, lost);
        }

        @Override
        public void readConnectionLost() {
            ((IHalfCloseableProtocol) protocol).readConnectionLost();
        }

        @Override
        public void writeConnectionLost() {
            ((IHalfCloseableProtocol) protocol).writeConnectionLost();
        }
    }

    /** The proxy for a protocol that takes passed descriptors. */
    static final class Receiver extends ReconnectingProtocolProxy implements IFileDescriptorReceiver {
        Receiver(IProtocol protocol, Consumer<Failure> lost) {
            super(protocol, lost);
        }

        @Override
        public void fileDescriptorReceived(int descriptor) {
            ((IFileDescriptorReceiver) protocol).fileDescriptorReceived(descriptor);
        }
    }

    /** The proxy for a protocol that does both. */
    static final class HalfCloseableReceiver extends HalfCloseable implements IFileDescriptorReceiver {
        HalfCloseableReceiver(IProtocol protocol, Consumer<Failure> lost) {
            super(protocol, lost);
        }

        @Override
        public void fileDescriptorReceived(int descriptor) {
            ((IFileDescriptorReceiver) protocol).fileDescriptorReceived(descriptor);
        }
    }
}
