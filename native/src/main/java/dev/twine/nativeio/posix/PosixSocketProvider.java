package dev.twine.nativeio.posix;

import dev.twine.spi.SocketProvider;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;

import static dev.twine.nativeio.posix.SocketConstant.SOL_SOCKET;
import static dev.twine.nativeio.posix.SocketConstant.SO_REUSEADDR;

/**
 * Opens non-blocking, close-on-exec TCP sockets on POSIX descriptors: the {@link SocketProvider} of
 * every descriptor-based backend (epoll here, kqueue on BSD and macOS). It knows nothing about
 * pollers; a backend pairs it with its own.
 *
 * <p>Built from a {@link SocketCalls}, which fixes the system calls (the jnr-ffi binding, or a
 * fault-injecting decorator in tests), the OS's constants and its errno table.
 *
 * <p>Thread-safe: each call uses the calling thread's scratch memory; the handles it returns belong
 * to the reactor thread.
 */
public final class PosixSocketProvider implements SocketProvider {

    private final SocketCalls calls;

    public PosixSocketProvider(SocketCalls calls) {
        this.calls = calls;
    }

    /** The calls this provider's handles make. */
    public SocketCalls calls() {
        return calls;
    }

    @Override
    public PosixStreamSocket openStream(StandardProtocolFamily family) throws IOException {
        boolean ipv6 = isIpv6(family);
        return new PosixStreamSocket(calls, calls.openStream(ipv6), ipv6);
    }

    /** Opens a non-blocking, close-on-exec UDP socket, unbound. */
    @Override
    public PosixDatagramSocket openDatagram(StandardProtocolFamily family) throws IOException {
        boolean ipv6 = isIpv6(family);
        return new PosixDatagramSocket(calls, calls.openDatagram(ipv6), ipv6);
    }

    /**
     * Opens a listening socket: {@code socket}, {@code SO_REUSEADDR} (so a restarted server can
     * bind while old connections sit in TIME_WAIT, as Twisted's {@code tcp.Port} does),
     * {@code bind}, {@code listen}. The descriptor is closed if any step fails.
     */
    @Override
    public PosixListeningSocket listen(InetSocketAddress local, int backlog) throws IOException {
        return listen(local, backlog, false);
    }

    /** True where the ABI names a balancing option ({@link SocketAbi#balancedReuseport()}). */
    @Override
    public boolean balancesSharedListeners() {
        return calls.abi().balancedReuseport() != 0;
    }

    /**
     * As {@link #listen}, with the balancing option set before {@code bind}, as socket(7) requires of every
     * socket that shares the address.
     */
    @Override
    public PosixListeningSocket listenBalanced(InetSocketAddress local, int backlog) throws IOException {
        if (!balancesSharedListeners()) {
            throw new UnsupportedOperationException(calls.abi().platform() + " cannot balance a shared listening address");
        }
        return listen(local, backlog, true);
    }

    // -- UNIX sockets (semantics.md §8) --

    /** Every POSIX system has {@code AF_UNIX} stream sockets. */
    @Override
    public boolean supportsUnix() {
        return true;
    }

    /** Abstract names are Linux's alone (unix(7)); the BSDs and macOS have file system names only. */
    @Override
    public boolean supportsAbstractUnixNames() {
        return calls.abi().platform() == dev.twine.nativeio.Platform.LINUX;
    }

    @Override
    public PosixStreamSocket openUnixStream() throws IOException {
        return PosixStreamSocket.unix(calls, calls.openUnixStream(), null);
    }

    /** Every POSIX system has {@code AF_UNIX} datagram sockets. */
    @Override
    public boolean supportsUnixDatagram() {
        return true;
    }

    @Override
    public PosixDatagramSocket openUnixDatagram() throws IOException {
        return PosixDatagramSocket.unix(calls, calls.openUnixDatagram());
    }

    /**
     * {@code socket}, {@code bind}, {@code listen}, without {@code SO_REUSEADDR}, which means nothing for
     * {@code AF_UNIX}: an existing file fails the bind with {@code EADDRINUSE}, and the reactor decides. The
     * descriptor is closed if any step fails.
     */
    @Override
    public PosixListeningSocket listenUnix(String name, int backlog) throws IOException {
        if (!supportsAbstractUnixNames() && !name.isEmpty() && name.charAt(0) == '\0') {
            throw new dev.twine.spi.SocketErrorException(dev.twine.spi.SocketError.EAFNOSUPPORT,
                    "abstract UNIX socket names exist on Linux only");
        }
        int fd = calls.openUnixStream();
        try {
            calls.bindUnix(fd, name);
            calls.listen(fd, backlog);
        } catch (IOException | RuntimeException e) {
            calls.close(fd);
            throw e;
        }
        return new PosixListeningSocket(calls, fd, false, true);
    }

    private PosixListeningSocket listen(InetSocketAddress local, int backlog, boolean balanced) throws IOException {
        boolean ipv6 = local.getAddress() instanceof Inet6Address;
        int fd = calls.openStream(ipv6);
        try {
            SocketAbi abi = calls.abi();
            calls.setIntOption(fd, abi.get(SOL_SOCKET), abi.get(SO_REUSEADDR), 1);
            if (balanced) {
                calls.setIntOption(fd, abi.get(SOL_SOCKET), abi.balancedReuseport(), 1);
            }
            calls.bind(fd, ipv6, local);
            calls.listen(fd, backlog);
        } catch (IOException | RuntimeException e) {
            calls.close(fd);
            throw e;
        }
        return new PosixListeningSocket(calls, fd, ipv6);
    }

    // -- adopting sockets made elsewhere (semantics.md §9) --

    /** Always: every POSIX socket is a descriptor, and duplicating one is {@code fcntl(F_DUPFD_CLOEXEC)}. */
    @Override
    public boolean supportsAdoption() {
        return true;
    }

    /**
     * A listening socket of {@code family} made outside Twine, through a duplicate of {@code fd}
     * ({@link SocketCalls#adopt}); the caller still owns {@code fd}.
     */
    @Override
    public PosixListeningSocket adoptListening(int fd, StandardProtocolFamily family) throws IOException {
        boolean unix = family == StandardProtocolFamily.UNIX;
        return new PosixListeningSocket(calls, calls.adopt(fd), !unix && isIpv6(family), unix);
    }

    /** A connected stream socket of {@code family} made outside Twine, through a duplicate of {@code fd}. */
    @Override
    public PosixStreamSocket adoptStream(int fd, StandardProtocolFamily family) throws IOException {
        if (family == StandardProtocolFamily.UNIX) {
            return PosixStreamSocket.unix(calls, calls.adopt(fd), null);
        }
        boolean ipv6 = isIpv6(family);
        return new PosixStreamSocket(calls, calls.adopt(fd), ipv6);
    }

    /** A bound datagram socket of {@code family} (IP only) made outside Twine, through a duplicate of {@code fd}. */
    @Override
    public PosixDatagramSocket adoptDatagram(int fd, StandardProtocolFamily family) throws IOException {
        boolean ipv6 = isIpv6(family);
        return new PosixDatagramSocket(calls, calls.adopt(fd), ipv6);
    }

    /** {@code close(2)}, never retried ({@link SocketCalls#close}). */
    @Override
    public void closeDescriptor(int fd) {
        calls.close(fd);
    }

    private static boolean isIpv6(StandardProtocolFamily family) {
        switch (family) {
            case INET:
                return false;
            case INET6:
                return true;
            default:
                throw new UnsupportedOperationException("not an IP family: " + family);
        }
    }
}
