package dev.twine.internet.tcp;

import dev.twine.internet.IAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketProvider;
import java.io.IOException;

/**
 * What a {@link Port} listens on, and what that family needs around the socket: a TCP port, or a UNIX
 * socket with its file, mode and lock (semantics.md §8). The port itself (accepting, serving, stopping)
 * is the same for both, which is why the family is a strategy and not a second port class.
 *
 * <p>The port calls {@link #open} from {@code startListening}, {@link #boundAddress} right after, and
 * {@link #closed()} once after the socket it opened is closed. Reactor thread only.
 */
public interface ListenTarget {

    /**
     * Opens the listening socket.
     *
     * @throws CannotListenError naming the address and the cause
     */
    ListeningSocketHandle open(SocketProvider sockets, int backlog);

    /** The address {@code getHost()} reports and each connection's fallback local address. */
    IAddress boundAddress(ListeningSocketHandle socket) throws IOException;

    /** The error for a failure after {@link #open}, e.g. of {@code getsockname}. */
    CannotListenError cannotListen(IOException cause);

    /** How logs name the address: a port number, or a path. */
    String describe(IAddress bound);

    /** The socket this target opened has been closed: release what {@link #open} took besides it. */
    default void closed() {
    }
}
