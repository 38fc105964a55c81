package dev.twine.nativeio.posix;

import dev.twine.spi.ListeningSocketHandle;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A listening TCP socket on a POSIX descriptor, opened by {@link PosixSocketProvider#listen}.
 * Poller-agnostic: epoll and kqueue register it the same way, for reading.
 *
 * <p>Reactor thread only.
 */
public final class PosixListeningSocket extends PosixHandle implements ListeningSocketHandle {

    private final boolean ipv6;
    /** An {@code AF_UNIX} listener: its connections are UNIX sockets (semantics.md §8). */
    private final boolean unix;

    PosixListeningSocket(SocketCalls calls, int fd, boolean ipv6) {
        this(calls, fd, ipv6, false);
    }

    PosixListeningSocket(SocketCalls calls, int fd, boolean ipv6, boolean unix) {
        super(calls, fd);
        this.ipv6 = ipv6;
        this.unix = unix;
    }

    /**
     * Accepts one connection with {@code accept4(SOCK_NONBLOCK | SOCK_CLOEXEC)} (or {@code accept}
     * plus {@code fcntl} where there is no accept4). The new socket has the listener's family: an
     * IPv6 listener's connections from IPv4 peers are IPv6 sockets with IPv4-mapped peer addresses.
     *
     * @return the connection, or {@code null} if none is pending
     */
    @Override
    public PosixStreamSocket accept() throws IOException {
        SocketCalls.Accepted accepted = calls.accept(openFd("accept"));
        if (accepted == null) {
            return null;
        }
        if (unix) {
            return PosixStreamSocket.unix(calls, accepted.fd(), accepted.unixPeer() == null ? "" : accepted.unixPeer());
        }
        return new PosixStreamSocket(calls, accepted.fd(), ipv6, accepted.peer());
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        if (unix) {
            return null;
        }
        return calls.localAddress(openFd("getsockname"));
    }

    @Override
    public String localUnixName() throws IOException {
        return unix ? calls.unixName(openFd("getsockname"), false) : null;
    }
}
