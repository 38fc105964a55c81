package dev.twine.backend.select;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Translates the JDK's socket exceptions into {@link SocketErrorException}s with POSIX errno names. NIO
 * hides errno, so the translation reads the exception type and the OS message (strerror text on POSIX,
 * which the JDK passes through). This is the only place the select backend does so.
 */
final class NioErrors {
    private NioErrors() {
    }

    static SocketErrorException translate(IOException e) {
        if (e instanceof SocketErrorException s) {
            return s;
        }
        String name = errnoName(e);
        return new SocketErrorException(SocketError.forName(name), name, 0, String.valueOf(e.getMessage()), e);
    }

    static String errnoName(IOException e) {
        if (e instanceof ClosedChannelException) {
            return "EBADF";
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("refused")) {
            return "ECONNREFUSED";
        }
        if (m.contains("reset")) {
            return "ECONNRESET";
        }
        if (m.contains("broken pipe")) {
            return "EPIPE";
        }
        if (m.contains("too many open files")) {
            return "EMFILE";
        }
        if (m.contains("timed out")) {
            return "ETIMEDOUT";
        }
        if (m.contains("network is unreachable")) {
            return "ENETUNREACH";
        }
        if (m.contains("no route to host")) {
            return "EHOSTUNREACH";
        }
        if (m.contains("address already in use")) {
            return "EADDRINUSE";
        }
        if (m.contains("cannot assign requested address")) {
            return "EADDRNOTAVAIL";
        }
        if (m.contains("permission denied")) {
            return "EACCES";
        }
        if (m.contains("connection abort")) {
            return "ECONNABORTED";
        }
        if (m.contains("message too long")) {
            return "EMSGSIZE";
        }
        if (m.contains("no buffer space")) {
            return "ENOBUFS";
        }
        if (e instanceof ConnectException) {
            return "ECONNREFUSED";
        }
        if (e instanceof NoRouteToHostException) {
            return "EHOSTUNREACH";
        }
        if (e instanceof BindException) {
            return "EADDRINUSE";
        }
        if (e instanceof PortUnreachableException) {
            return "ECONNREFUSED";
        }
        return "EIO";
    }
}
