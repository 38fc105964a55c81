package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IHandshakeListener;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.ITLSTransport;
import dev.twine.internet.ITransport;
import dev.twine.internet.ssl.IContextFactory;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * TLS over any stream client endpoint (Twisted's {@code wrapClientTLS}, semantics.md §4.9): made by
 * {@link #wrapClientTLS}. Each {@code connect} connects the wrapped endpoint, starts TLS as the client on
 * the new transport ({@code ITLSTransport.startTLS}) before the protocol's {@code connectionMade}, and
 * fires with the protocol. The wrapped endpoint's transport must be an {@link ITLSTransport} (every Twine
 * TCP transport is); otherwise the connection is closed and the Deferred errbacks with an
 * {@link IllegalStateException} naming it.
 *
 * <p>Threading: construct anywhere; {@code connect} on the reactor thread.
 */
public final class TLSWrapClientEndpoint implements IStreamClientEndpoint {
    private final IContextFactory contextFactory;
    private final IStreamClientEndpoint wrapped;

    private TLSWrapClientEndpoint(IContextFactory contextFactory, IStreamClientEndpoint wrapped) {
        this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
        this.wrapped = Objects.requireNonNull(wrapped, "wrappedEndpoint");
    }

    /** Twisted's {@code wrapClientTLS(connectionCreator, wrappedEndpoint)}. */
    public static TLSWrapClientEndpoint wrapClientTLS(IContextFactory contextFactory, IStreamClientEndpoint wrappedEndpoint) {
        return new TLSWrapClientEndpoint(contextFactory, wrappedEndpoint);
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        IProtocolFactory starting = new IProtocolFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                IProtocol inner = factory.buildProtocol(addr);
                if (inner == null) {
                    return null;
                }
                return inner instanceof IHalfCloseableProtocol ? new HalfCloseableStarter(inner) : new Starter(inner);
            }

            @Override
            public void doStart() {
                factory.doStart();
            }

            @Override
            public void doStop() {
                factory.doStop();
            }
        };
        return wrapped.connect(starting).addCallback(p -> ((Starter) p).inner);
    }

    /** The endpoint TLS runs over. */
    public IStreamClientEndpoint wrappedEndpoint() {
        return wrapped;
    }

    @Override
    public String toString() {
        return "wrapClientTLS(" + contextFactory + ", " + wrapped + ")";
    }

    /** Starts TLS on the transport, then hands it to the user's protocol; passes everything else on. */
    private class Starter implements IProtocol, IHandshakeListener {
        final IProtocol inner;

        Starter(IProtocol inner) {
            this.inner = inner;
        }

        @Override
        public void makeConnection(ITransport transport) {
            if (!(transport instanceof ITLSTransport tls)) {
                transport.loseConnection();
                throw new IllegalStateException("wrapClientTLS: the transport of " + wrapped
                        + " cannot start TLS: " + transport);
            }
            tls.startTLS(contextFactory, true);
            inner.makeConnection(transport);
        }

        @Override
        public void connectionMade() {
            inner.connectionMade();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            inner.dataReceived(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            inner.connectionLost(reason);
        }

        /** The handshake this starter began completed: the user's protocol hears of it if it listens. */
        @Override
        public void handshakeCompleted() {
            if (inner instanceof IHandshakeListener listener) {
                listener.handshakeCompleted();
            }
        }
    }

    private final class HalfCloseableStarter extends Starter implements IHalfCloseableProtocol {
        HalfCloseableStarter(IProtocol inner) {
            super(inner);
        }

        @Override
        public void readConnectionLost() {
            ((IHalfCloseableProtocol) inner).readConnectionLost();
        }

        @Override
        public void writeConnectionLost() {
            ((IHalfCloseableProtocol) inner).writeConnectionLost();
        }
    }
}
