package dev.twine.internet.tcp;

import dev.twine.internet.IAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketProvider;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A TCP port on an interface (semantics.md §1.5), optionally shared with a group's other members
 * ({@code listenBalanced}, semantics.md §5.2). Immutable.
 */
record TcpListenTarget(String iface, int port, boolean balanced) implements ListenTarget {

    @Override
    public ListeningSocketHandle open(SocketProvider sockets, int backlog) {
        try {
            InetSocketAddress address = Addresses.listenAddress(iface, port);
            return balanced ? sockets.listenBalanced(address, backlog) : sockets.listen(address, backlog);
        } catch (IOException e) {
            throw new CannotListenError(iface, port, e);
        }
    }

    @Override
    public IAddress boundAddress(ListeningSocketHandle socket) throws IOException {
        return Addresses.tcp(socket.localAddress());
    }

    @Override
    public CannotListenError cannotListen(IOException cause) {
        return new CannotListenError(iface, port, cause);
    }

    @Override
    public String describe(IAddress bound) {
        return bound == null ? "port " + port : String.valueOf(bound.port());
    }
}
