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

    /**
     * True if {@link #listenBalanced} works here: several sockets may listen on one address and the kernel
     * spreads incoming connections among them (Linux {@code SO_REUSEPORT}, FreeBSD {@code SO_REUSEPORT_LB}).
     * The same option spreads datagrams over UDP sockets sharing an address, so this also says that
     * {@link DatagramSocketHandle#shareBalanced()} works on this provider's datagram sockets.
     * False by default, and wherever the OS would not balance (macOS, Windows, the portable select backend).
     */
    default boolean balancesSharedListeners() {
        return false;
    }

    /**
     * Opens a listening socket as {@link #listen} does, and also marks it for kernel-balanced sharing, so
     * that further sockets opened the same way may bind the same address and share its connections. A
     * {@code ReactorGroup} opens one per member (semantics.md §5.2).
     *
     * @throws UnsupportedOperationException if {@link #balancesSharedListeners()} is false
     * @throws SocketErrorException if bind or listen fails
     */
    default ListeningSocketHandle listenBalanced(InetSocketAddress local, int backlog) throws IOException {
        throw new UnsupportedOperationException("this socket provider cannot share a listening address");
    }

    /**
     * Opens an unbound, non-blocking, close-on-exec UDP socket (semantics.md §7). Backends without datagram
     * support keep this default.
     *
     * @param family {@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}
     * @throws UnsupportedOperationException if this backend has no datagram sockets
     */
    default DatagramSocketHandle openDatagram(StandardProtocolFamily family) throws IOException {
        throw new UnsupportedOperationException("this socket provider has no datagram sockets");
    }

    // -- UNIX sockets (semantics.md §8) --

    /**
     * True if this provider opens {@code AF_UNIX} stream sockets ({@link #openUnixStream},
     * {@link #listenUnix}). False by default.
     */
    default boolean supportsUnix() {
        return false;
    }

    /**
     * True if {@code AF_UNIX} names may be Linux abstract names (a leading NUL, no file). False by default.
     */
    default boolean supportsAbstractUnixNames() {
        return false;
    }

    /**
     * Opens an unconnected, non-blocking, close-on-exec {@code AF_UNIX} stream socket; connect it with
     * {@link StreamSocketHandle#connectUnix}.
     *
     * @throws SocketErrorException {@link SocketError#EAFNOSUPPORT} where {@link #supportsUnix()} is false
     */
    default StreamSocketHandle openUnixStream() throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "this backend has no UNIX sockets");
    }

    /**
     * Opens a non-blocking listening {@code AF_UNIX} stream socket bound to {@code name} (a file system
     * path, or a Linux abstract name starting with {@code '\0'}) with the given backlog. It does not remove
     * an existing file, change the file's mode or take a lock: that is the reactor's business.
     *
     * @throws SocketErrorException if bind or listen fails, e.g. {@link SocketError#EADDRINUSE}, or
     *                              {@link SocketError#EAFNOSUPPORT} where {@link #supportsUnix()} is false
     */
    default ListeningSocketHandle listenUnix(String name, int backlog) throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "this backend has no UNIX sockets");
    }

    /**
     * True if this provider opens {@code AF_UNIX} datagram sockets ({@link #openUnixDatagram}, semantics.md
     * §8.9). False by default: the JDK's {@code DatagramChannel} has no {@code AF_UNIX}, so the select backend
     * keeps this default.
     */
    default boolean supportsUnixDatagram() {
        return false;
    }

    /**
     * Opens an unbound, non-blocking, close-on-exec {@code AF_UNIX} datagram socket; bind and connect it with
     * the {@code *Unix} calls of {@link DatagramSocketHandle}. Abstract names are accepted where
     * {@link #supportsAbstractUnixNames()} is true.
     *
     * @throws SocketErrorException {@link SocketError#EAFNOSUPPORT} where {@link #supportsUnixDatagram()} is
     *                              false
     */
    default DatagramSocketHandle openUnixDatagram() throws IOException {
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "this backend has no UNIX datagram sockets");
    }

    /**
     * True if this provider can take over sockets made outside Twine ({@link #adoptListening},
     * {@link #adoptStream}, {@link #adoptDatagram}; semantics.md §9). False by default: the JDK's channels
     * cannot wrap a descriptor, and Winsock handles are not descriptors, so select and iocp keep this default.
     */
    default boolean supportsAdoption() {
        return false;
    }

    /**
     * A listening stream socket of {@code family} ({@code INET}, {@code INET6} or {@code UNIX}) that was
     * made, bound and put in the listening state outside Twine. The handle owns a non-blocking, close-on-exec
     * duplicate of {@code fd}; the caller still owns {@code fd} itself.
     *
     * @throws SocketErrorException if {@code fd} cannot be duplicated (not open: {@code EBADF})
     * @throws UnsupportedOperationException where {@link #supportsAdoption()} is false
     */
    default ListeningSocketHandle adoptListening(int fd, StandardProtocolFamily family) throws IOException {
        throw new UnsupportedOperationException("this backend cannot adopt descriptors");
    }

    /**
     * A connected stream socket of {@code family} made outside Twine, as {@link #adoptListening} takes a
     * listening one.
     */
    default StreamSocketHandle adoptStream(int fd, StandardProtocolFamily family) throws IOException {
        throw new UnsupportedOperationException("this backend cannot adopt descriptors");
    }

    /** A bound datagram socket of {@code family} ({@code INET} or {@code INET6}) made outside Twine, likewise. */
    default DatagramSocketHandle adoptDatagram(int fd, StandardProtocolFamily family) throws IOException {
        throw new UnsupportedOperationException("this backend cannot adopt descriptors");
    }

    /** Closes a descriptor the caller owns, without retrying; where {@link #supportsAdoption()} is true. */
    default void closeDescriptor(int fd) {
        throw new UnsupportedOperationException("this backend cannot adopt descriptors");
    }
}
