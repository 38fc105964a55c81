package dev.twine.protocols.tls;

import dev.twine.defer.Failure;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ISSLTransport;
import dev.twine.internet.ITCPTransport;
import dev.twine.internet.ITransport;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.protocols.policies.ProtocolWrapper;
import java.lang.System.Logger.Level;

/**
 * The protocol of one {@link TLSMemoryBIOFactory} connection (Twisted's
 * {@code twisted.protocols.tls.TLSMemoryBIOProtocol}, semantics.md §4.10): it starts TLS on the transport,
 * then stands between the transport and the wrapped protocol, which sees plaintext and, through this
 * wrapper, the {@link ISSLTransport} calls (peer certificate, ALPN, SNI, TLS version), which every
 * {@link ProtocolWrapper} passes on. {@code startTLS} on it throws {@link IllegalStateException}, TLS being
 * already started, as Twisted's {@code TLSMemoryBIOProtocol} refuses a second start.
 *
 * <p>Order, as under {@code listenSSL}: {@link #makeConnection} starts TLS, then makes the wrapped
 * protocol's connection, so its {@code connectionMade} runs before the handshake; what it writes then is
 * held and sent sealed once the handshake is done. If TLS cannot start (the transport is not a TLS-capable
 * one, or the context factory refuses to make an engine), the connection is aborted and the failure logged
 * at {@code ERROR}, naming the cause; the wrapped protocol was built but never sees a callback, as a
 * {@code listenSSL} port drops a client whose engine cannot be made. Other connections are not affected.
 *
 * <p>Threading: reactor thread only.
 */
public class TLSMemoryBIOProtocol extends ProtocolWrapper {
    private static final System.Logger LOG = System.getLogger(TLSMemoryBIOProtocol.class.getName());

    /** Where this connection is; the wrapped protocol is told of the connection only in {@link #WRAPPED}. */
    private enum Phase {
        /** Built, not yet connected. */
        NEW,
        /** TLS started and the wrapped protocol connected: everything is passed on. */
        WRAPPED,
        /** TLS could not start; the connection is being aborted and the wrapped protocol never hears of it. */
        REFUSED,
        /** The connection is gone. */
        LOST
    }

    private final IContextFactory contextFactory;
    private Phase phase = Phase.NEW;

    TLSMemoryBIOProtocol(TLSMemoryBIOFactory factory, IProtocol wrappedProtocol) {
        super(factory, wrappedProtocol);
        this.contextFactory = factory.contextFactory();
    }

    @Override
    public void makeConnection(ITransport transport) {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("makeConnection called twice on " + this);
        }
        // Under another wrapper TLS would still start on the real connection (ProtocolWrapper passes startTLS
        // on), but that wrapper would then see plaintext where Twisted's sees TLS records: refused, as
        // semantics.md §4.10 says.
        if (!(transport instanceof ISSLTransport tls) || transport instanceof ProtocolWrapper) {
            refuse(transport, "TLSMemoryBIOFactory needs the reactor's own transport, one that can start TLS, and "
                    + transport.getClass().getName() + " is not that; make TLSMemoryBIOFactory the outermost "
                    + "factory", null);
            return;
        }
        try {
            // normal = true: the role is not taken from the connection's side; RoleContextFactory fixes it.
            tls.startTLS(contextFactory, true);
        } catch (RuntimeException e) {
            refuse(transport, "cannot start TLS on " + transport.getPeer() + ": " + e.getMessage(), e);
            return;
        }
        phase = Phase.WRAPPED;
        super.makeConnection(transport);
    }

    private void refuse(ITransport transport, String why, RuntimeException cause) {
        phase = Phase.REFUSED;
        this.transport = transport;
        LOG.log(Level.ERROR, wrappingFactory.logPrefix() + ": " + why, cause);
        if (transport instanceof ITCPTransport tcp) {
            tcp.abortConnection();
        } else {
            transport.loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        Phase was = phase;
        phase = Phase.LOST;
        if (was == Phase.WRAPPED) {
            super.connectionLost(reason);
        }
    }

    /** True once TLS runs and the wrapped protocol has its connection; false if TLS could not start. */
    public boolean isWrapping() {
        return phase == Phase.WRAPPED;
    }
}
