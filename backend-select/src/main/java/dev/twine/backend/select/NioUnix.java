package dev.twine.backend.select;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.InvalidPathException;

/**
 * Between Twine's UNIX socket names (semantics.md §8.1) and the JDK's {@link UnixDomainSocketAddress}.
 * Stateless.
 */
final class NioUnix {
    private NioUnix() {
    }

    /**
     * The JDK address for a path name.
     *
     * @throws IOException naming the path if it is not a valid path (an abstract name, whose NUL no
     *                     {@code Path} may hold)
     */
    static UnixDomainSocketAddress address(String name) throws IOException {
        try {
            return UnixDomainSocketAddress.of(name);
        } catch (InvalidPathException e) {
            throw new IOException("not a UNIX socket path the JDK accepts: " + e.getMessage(), e);
        }
    }

    /** The name of a channel's address: its path, or {@code ""} when unnamed. */
    static String name(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress u ? u.getPath().toString() : "";
    }

    /**
     * True for an {@code AF_UNIX} channel. An unbound one reports no local address, so ask for an option
     * only TCP sockets have: {@code supportedOptions} differs by family.
     */
    static boolean isUnix(SocketChannel ch) {
        return !ch.supportedOptions().contains(java.net.StandardSocketOptions.TCP_NODELAY);
    }
}
