package dev.twine.internet.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.base.Handles;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Serves one accepted socket on a reactor: {@code factory.buildProtocol(peer)}, a {@link Connection} that
 * starts reading, then {@code protocol.makeConnection(transport)}, in Twisted's order ({@code tcp.Port.doRead},
 * semantics.md §1.5). {@link Port} uses it for its own clients; a {@code ReactorGroup} uses it on the member
 * that a handed-off socket was given to (semantics.md §5.2).
 *
 * <p>Threading: the thread of {@code reactor}, which from then on owns the connection.
 */
public final class AcceptedConnection {
    private static final System.Logger LOG = System.getLogger(Port.class.getName());

    private AcceptedConnection() {
    }

    /**
     * Serves {@code client} on {@code reactor}. {@code null} from {@code buildProtocol}, or an exception
     * from it, closes the socket; an exception from {@code makeConnection}/{@code connectionMade} is logged
     * and the connection stays open (semantics.md, experiment E5).
     *
     * @param listening the listening port's address, {@code getHost()}'s answer if {@code getsockname} fails
     * @param session   the port's session number, part of the transport's log prefix
     */
    public static void serve(IReactor reactor, IProtocolFactory factory, StreamSocketHandle client, IAddress listening,
            int session) {
        serve(reactor, factory, client, listening, session, null);
    }

    /**
     * {@link #serve(IReactor, IProtocolFactory, StreamSocketHandle, IAddress, int)}, speaking TLS as the
     * server configured by {@code contextFactory} ({@code listenSSL}, semantics.md §4.1), or plain TCP
     * for {@code null}. The engine is made before {@code buildProtocol}; if the factory throws, the
     * socket is logged and closed.
     */
    public static void serve(IReactor reactor, IProtocolFactory factory, StreamSocketHandle client, IAddress listening,
            int session, IContextFactory contextFactory) {
        String prefix = factory.getClass().getName();
        IAddress peer;
        try {
            // The address accept(2) returned: no system call, and known even if the client has already
            // reset the connection. Twisted builds the protocol for such a client too and lets the first
            // read report the reset as connectionLost(ConnectionLost) (semantics.md §1.5).
            peer = Addresses.peer(client);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, prefix + ": accepted a socket without a peer address", e);
            Handles.closeQuietly(client, prefix);
            return;
        }
        IAddress host;
        try {
            host = Addresses.host(client);
            // A port bound to one address gives every connection that same local address: keep the port's
            // object rather than one equal copy per connection (about 80 bytes of an idle connection's heap,
            // bench/README.md "Idle connections on a group").
            if (host.equals(listening)) {
                host = listening;
            }
        } catch (IOException | RuntimeException e) {
            // getsockname failed on a connection already torn down; the listening address is the best
            // answer left for getHost(), and the reset itself reaches the protocol through its first read.
            host = listening;
        }
        javax.net.ssl.SSLEngine engine = null;
        if (contextFactory != null) {
            try {
                engine = contextFactory.createEngine(false, peer.host(), peer.port());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, prefix + ": cannot make a TLS engine for " + peer, e);
                Handles.closeQuietly(client, prefix);
                return;
            }
        }
        IProtocol protocol;
        try {
            protocol = factory.buildProtocol(peer);
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            LOG.log(Level.ERROR, prefix + ": exception in buildProtocol for " + peer, e);
            Handles.closeQuietly(client, prefix);
            return;
        }
        if (protocol == null) {
            Handles.closeQuietly(client, prefix);
            return;
        }
        String logstr = Connection.protocolPrefix(protocol) + "," + session + "," + peer.host();
        Connection transport = Connection.create(reactor, TcpContext.of(reactor), client, protocol, peer, host, logstr,
                null);
        if (engine != null) {
            try {
                transport.beginTLS(engine, contextFactory.handshakeTimeout());
            } catch (IllegalStateException e) {
                LOG.log(Level.ERROR, logstr + ": " + e.getMessage(), e);
                transport.connectionLost(new Failure(e));
                return;
            }
        }
        transport.startReading();
        try {
            protocol.makeConnection(transport);
        } catch (RuntimeException | Error e) {
            Callbacks.rethrowIfFatal(e);
            // Twisted's log.deferr(): the connection stays open (semantics.md, experiment E5).
            LOG.log(Level.ERROR, logstr + ": exception in connectionMade", e);
        }
    }

}
