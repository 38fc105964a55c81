package dev.twine.internet.tcp;

import dev.twine.internet.IAddress;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketProvider;
import java.io.IOException;
import java.net.StandardProtocolFamily;

/**
 * A listening socket made outside Twine and handed over by descriptor (Twisted's
 * {@code IReactorSocket.adoptStreamPort}, semantics.md §9): the port serves a duplicate of it, so the
 * socket is already bound and listening, and the backlog it was given stays. Immutable.
 */
public record AdoptedListenTarget(int descriptor, StandardProtocolFamily family) implements ListenTarget {

    @Override
    public ListeningSocketHandle open(SocketProvider sockets, int backlog) {
        try {
            return sockets.adoptListening(descriptor, family);
        } catch (IOException e) {
            throw cannotListen(e);
        }
    }

    @Override
    public IAddress boundAddress(ListeningSocketHandle socket) throws IOException {
        String name = socket.localUnixName();
        return name != null ? new UNIXAddress(name) : Addresses.tcp(socket.localAddress());
    }

    @Override
    public CannotListenError cannotListen(IOException cause) {
        return new CannotListenError("descriptor " + descriptor, cause);
    }

    @Override
    public String describe(IAddress bound) {
        return bound == null ? "descriptor " + descriptor
                : bound instanceof UNIXAddress u ? String.valueOf(u.name()) : String.valueOf(bound.port());
    }
}
