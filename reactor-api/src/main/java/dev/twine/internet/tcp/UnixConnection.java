package dev.twine.internet.tcp;

import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.IUNIXTransport;
import dev.twine.internet.PeerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shared stream transport over an {@code AF_UNIX} socket (semantics.md §9): {@link Connection} itself,
 * with what only UNIX sockets add ({@link IUNIXTransport}). {@code listenUNIX}'s accepted connections and
 * {@code connectUNIX}'s connection are of this class. Reactor thread only.
 */
public final class UnixConnection extends Connection implements IUNIXTransport {

    UnixConnection(IReactor reactor, TcpContext context, dev.twine.spi.StreamSocketHandle socket,
            IProtocol protocol, IAddress peer, IAddress host, String logstr, Connector connector) {
        super(reactor, context, socket, protocol, peer, host, logstr, connector);
    }

    @Override
    public PeerCredentials getPeerCredentials() {
        try {
            return socket().peerCredentials();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
