package dev.twine.spi;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A non-blocking listening TCP socket. It is readable (for {@link Poller#READ}) when a connection
 * is waiting to be accepted. Reactor thread only.
 */
public interface ListeningSocketHandle extends SelectableHandle {

    /**
     * Accepts one pending connection, already non-blocking and close-on-exec. The new socket's
     * {@link StreamSocketHandle#remoteAddress()} is the address {@code accept(2)} itself returned: it is
     * known without another system call, and even when the peer reset the connection before it was
     * accepted (Twisted's {@code tcp.Port.doRead} takes the address from {@code accept} the same way).
     *
     * @return the new socket, or {@code null} if none is pending (EAGAIN)
     * @throws SocketErrorException e.g. {@link SocketError#EMFILE}, {@link SocketError#ECONNABORTED}
     */
    StreamSocketHandle accept() throws IOException;

    /** The bound address; its port is the real one when port 0 was asked for. {@code null} for a UNIX socket. */
    InetSocketAddress localAddress() throws IOException;

    /** The {@code AF_UNIX} name it is bound to, or {@code null} if this is not a UNIX socket. */
    default String localUnixName() throws IOException {
        return null;
    }
}
