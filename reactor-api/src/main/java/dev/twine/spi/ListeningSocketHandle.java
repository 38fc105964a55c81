package dev.twine.spi;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A non-blocking listening TCP socket. It is readable (for {@link Poller#READ}) when a connection
 * is waiting to be accepted. Reactor thread only.
 */
public interface ListeningSocketHandle extends SelectableHandle {

    /**
     * Accepts one pending connection, already non-blocking and close-on-exec.
     *
     * @return the new socket, or {@code null} if none is pending (EAGAIN)
     * @throws SocketErrorException with the errno name, e.g. {@code EMFILE}, {@code ECONNABORTED}
     */
    StreamSocketHandle accept() throws IOException;

    /** The bound address; its port is the real one when port 0 was asked for. */
    InetSocketAddress localAddress() throws IOException;
}
