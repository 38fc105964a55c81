package dev.twine.internet.tcp;

import dev.twine.internet.error.ConnectBindError;
import dev.twine.internet.error.ConnectError;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.error.NoRouteError;
import dev.twine.internet.error.TCPTimedOutError;
import dev.twine.spi.SocketErrorException;
import java.io.IOException;

/**
 * The one place where socket errors (POSIX errno names from the SPI's {@link SocketErrorException})
 * become Twisted's error classes and decisions.
 *
 * <p>Connect errors follow {@code twisted.internet.error.getConnectError} (semantics.md §1.6): {@code ECONNREFUSED}
 * is a {@link ConnectionRefusedError}, {@code ETIMEDOUT} a {@link TCPTimedOutError},
 * {@code ENETUNREACH}/{@code EHOSTUNREACH} a {@link NoRouteError} (Twisted maps only ENETUNREACH; an
 * unreachable host is the same condition to a caller), anything else a plain {@link ConnectError}. The
 * errno name is kept in {@link ConnectError#osError()} and the SPI exception as the cause.
 */
final class SocketErrors {
    private SocketErrors() {
    }

    /** The errno name of {@code e}, or {@code null} when it is not a {@link SocketErrorException}. */
    static String errnoName(IOException e) {
        return e instanceof SocketErrorException s ? s.errnoName() : null;
    }

    /** Maps a failed {@code connect}/{@code finishConnect}/socket creation to Twisted's connect errors. */
    static ConnectError connectError(IOException e) {
        String errno = errnoName(e);
        String text = describe(e);
        ConnectError error;
        if (errno == null) {
            error = new ConnectError(null, text);
        } else {
            error = switch (errno) {
                case "ECONNREFUSED" -> new ConnectionRefusedError(errno, text);
                case "ETIMEDOUT" -> new TCPTimedOutError(errno, text);
                case "ENETUNREACH", "EHOSTUNREACH" -> new NoRouteError(errno, text);
                default -> new ConnectError(errno, text);
            };
        }
        error.initCause(e);
        return error;
    }

    /** A failed {@code bind} of the client socket's local address (Twisted's {@code ConnectBindError}). */
    static ConnectBindError bindError(IOException e) {
        ConnectBindError error = new ConnectBindError(errnoName(e), describe(e));
        error.initCause(e);
        return error;
    }

    /**
     * A read or write failed with a real error (the SPI reports "would block" as a return value):
     * the connection is lost uncleanly. Twisted returns the bare {@code CONNECTION_LOST}; Twine keeps the
     * errno in the message and the cause, which makes resets diagnosable.
     */
    static ConnectionLost connectionLost(IOException e) {
        ConnectionLost lost = new ConnectionLost(
                "Connection to the other side was lost in a non-clean fashion: " + e.getMessage() + ".");
        lost.initCause(e);
        return lost;
    }

    /**
     * Write errors that mean "try again later" rather than "connection gone": Twisted treats
     * {@code ENOBUFS} like {@code EWOULDBLOCK} in {@code writeSomeData}; {@code EINTR} is retried by
     * {@code untilConcludes}.
     */
    static boolean isTransientWriteError(IOException e) {
        String errno = errnoName(e);
        return "ENOBUFS".equals(errno) || "EINTR".equals(errno) || "EAGAIN".equals(errno)
                || "EWOULDBLOCK".equals(errno);
    }

    /** What the accept loop does with an {@code accept} error (Twisted's {@code tcp._accept}, semantics.md §1.5). */
    enum AcceptAction {
        /** Netfilter on Linux may reject a connection yet report it readable: try the next one. */
        RETRY,
        /** The process ran out of descriptors: use the reserved descriptor to shed pending clients. */
        OUT_OF_DESCRIPTORS,
        /** A resource ran short (ENFILE, ENOBUFS, ENOMEM) or the client vanished: stop this round. */
        STOP_ROUND,
        /** Anything else: logged; the port keeps listening. */
        UNEXPECTED
    }

    static AcceptAction acceptAction(IOException e) {
        String errno = errnoName(e);
        if (errno == null) {
            return AcceptAction.UNEXPECTED;
        }
        return switch (errno) {
            case "EPERM", "EINTR" -> AcceptAction.RETRY;
            case "EMFILE" -> AcceptAction.OUT_OF_DESCRIPTORS;
            case "ENFILE", "ENOBUFS", "ENOMEM", "ECONNABORTED" -> AcceptAction.STOP_ROUND;
            default -> AcceptAction.UNEXPECTED;
        };
    }

    /** The OS's description without the SPI's "ERRNO: " prefix, which the error classes add themselves. */
    private static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        String errno = errnoName(e);
        if (errno != null && m.startsWith(errno + ": ")) {
            return m.substring(errno.length() + 2);
        }
        return m;
    }
}
