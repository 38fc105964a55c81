package dev.twine.internet.error;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import java.io.IOException;

/**
 * The one place where socket errors from the SPI ({@link SocketErrorException}, carrying a
 * {@link SocketError}) become Twisted's error classes and the transport's decisions. Stateless.
 *
 * <p>Connect errors follow {@code twisted.internet.error.getConnectError} (semantics.md §1.6):
 * {@link SocketError#ECONNREFUSED} is a {@link ConnectionRefusedError}, {@link SocketError#ETIMEDOUT} a
 * {@link TCPTimedOutError}, {@link SocketError#ENETUNREACH}/{@link SocketError#EHOSTUNREACH} a
 * {@link NoRouteError} (Twisted maps only ENETUNREACH; an unreachable host is the same condition to a
 * caller), anything else a plain {@link ConnectError}. The OS's error name is kept in
 * {@link ConnectError#osError()} and the SPI exception as the cause.
 */
public final class SocketErrors {
    private SocketErrors() {
    }

    /** What the accept loop does with an {@code accept} error (Twisted's {@code tcp.Port.doRead}, semantics.md §1.5). */
    public enum AcceptAction {
        /** Netfilter on Linux may reject a connection yet report it readable: try the next one. */
        RETRY,
        /** The process ran out of descriptors: use the reserved descriptor to shed pending clients. */
        OUT_OF_DESCRIPTORS,
        /** A resource ran short (ENFILE, ENOBUFS, ENOMEM): stop this round and back off. */
        STOP_ROUND,
        /** The client vanished before it was accepted (ECONNABORTED): stop this round, no back-off. */
        CLIENT_GONE,
        /** Anything else: logged; the port keeps listening. */
        UNEXPECTED
    }

    /** The error an SPI exception carries; {@link SocketError#OTHER} for any other exception. */
    public static SocketError errorOf(IOException e) {
        return e instanceof SocketErrorException s ? s.error() : SocketError.OTHER;
    }

    /** Maps a failed {@code connect}/{@code finishConnect}/socket creation to Twisted's connect errors. */
    public static ConnectError connectError(IOException e) {
        String osName = e instanceof SocketErrorException s ? s.osName() : null;
        String text = detail(e);
        ConnectError error = switch (errorOf(e)) {
            case ECONNREFUSED -> new ConnectionRefusedError(osName, text);
            case ETIMEDOUT -> new TCPTimedOutError(osName, text);
            case ENETUNREACH, EHOSTUNREACH -> new NoRouteError(osName, text);
            default -> new ConnectError(osName, text);
        };
        error.initCause(e);
        return error;
    }

    /** A failed {@code bind} of the client socket's local address (Twisted's {@code ConnectBindError}). */
    public static ConnectBindError bindError(IOException e) {
        String osName = e instanceof SocketErrorException s ? s.osName() : null;
        ConnectBindError error = new ConnectBindError(osName, detail(e));
        error.initCause(e);
        return error;
    }

    /**
     * A read or write failed with a real error (the SPI reports "would block" as a return value): the
     * connection is lost uncleanly. Twisted returns the bare {@code CONNECTION_LOST}; Twine keeps the OS's
     * error in the message and the cause, which makes resets diagnosable.
     */
    public static ConnectionLost connectionLost(IOException e) {
        ConnectionLost lost = new ConnectionLost(
                "Connection to the other side was lost in a non-clean fashion: " + e.getMessage() + ".");
        lost.initCause(e);
        return lost;
    }

    /**
     * The OS delivered {@code error} with a readiness event (kqueue's {@code fflags}, AFD's {@code ABORT}):
     * the connection is lost, naming it. A connect attempt that receives this recovers a connect error from
     * the cause with {@link #connectError}.
     */
    public static ConnectionLost reportedWithEvent(SocketError error) {
        return connectionLost(new SocketErrorException(error, "reported by the poller with the event"));
    }

    /**
     * True for a write error that means "try again later" rather than "connection gone": Twisted treats
     * {@code ENOBUFS} like {@code EWOULDBLOCK} in {@code writeSomeData}. ({@code EINTR} never reaches here:
     * the native calls retry it, and "would block" is a return value.)
     */
    public static boolean isTransientWriteError(IOException e) {
        return errorOf(e) == SocketError.ENOBUFS;
    }

    /** Sorts an {@code accept} error as Twisted's accept loop does. */
    public static AcceptAction acceptAction(IOException e) {
        return switch (errorOf(e)) {
            case EPERM, EINTR -> AcceptAction.RETRY;
            case EMFILE -> AcceptAction.OUT_OF_DESCRIPTORS;
            case ENFILE, ENOBUFS, ENOMEM -> AcceptAction.STOP_ROUND;
            case ECONNABORTED -> AcceptAction.CLIENT_GONE;
            default -> AcceptAction.UNEXPECTED;
        };
    }

    /** The OS's description without the SPI's "NAME: " prefix, which the error classes add themselves. */
    private static String detail(IOException e) {
        return e instanceof SocketErrorException s ? s.detail() : String.valueOf(e.getMessage());
    }
}
