package dev.twine.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;

/**
 * Creates the non-blocking sockets of one backend. Their handles are the only ones that backend's
 * {@link Poller} accepts. Reactor thread only (creation is cheap and never blocks).
 */
public interface SocketProvider {

    /**
     * Opens an unconnected, non-blocking, close-on-exec TCP socket.
     *
     * @param family {@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}
     */
    StreamSocketHandle openStream(StandardProtocolFamily family) throws IOException;

    /**
     * Opens a non-blocking listening TCP socket with {@code SO_REUSEADDR} (on POSIX), bound to
     * {@code local} with the given backlog. The family follows the address.
     *
     * @throws SocketErrorException if bind or listen fails, e.g. {@link SocketError#EADDRINUSE}
     */
    ListeningSocketHandle listen(InetSocketAddress local, int backlog) throws IOException;
}
