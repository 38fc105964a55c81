package dev.twine.spi;

import java.util.Locale;

/**
 * The socket errors Twine acts on, by their POSIX names, whatever the OS calls them.
 *
 * <p>A backend translates its OS's error (an errno, a Winsock {@code WSAE*} code, a JDK exception) into
 * one of these once, where the error happens; everything above the SPI decides by constant, never by
 * string. An error Twine has no rule for is {@link #OTHER}: the exception that carries it still names
 * the OS's own error in its message, so nothing is lost for the reader of a log.
 *
 * <p>Which layer acts on which (see {@code dev.twine.internet.error.SocketErrors}, the one mapping to
 * Twisted's error classes):
 * <ul>
 *   <li>connect: {@link #ECONNREFUSED}, {@link #ETIMEDOUT}, {@link #ENETUNREACH}, {@link #EHOSTUNREACH};</li>
 *   <li>accept: {@link #EMFILE}, {@link #ENFILE}, {@link #ENOBUFS}, {@link #ENOMEM}, {@link #ECONNABORTED},
 *       {@link #EPERM}, {@link #EINTR};</li>
 *   <li>read and write: {@link #ECONNRESET}, {@link #EPIPE}, {@link #ENOBUFS} (a write that may be retried);</li>
 *   <li>the rest name conditions tests and messages distinguish: a closed handle ({@link #EBADF}), a
 *       port in use ({@link #EADDRINUSE}), an address that cannot be encoded ({@link #EINVAL},
 *       {@link #EAFNOSUPPORT}), and so on.</li>
 * </ul>
 * "Would block" is never an error: the SPI reports it as a return value.
 */
public enum SocketError {
    ECONNREFUSED,
    ECONNRESET,
    ECONNABORTED,
    EPIPE,
    ETIMEDOUT,
    ENETUNREACH,
    EHOSTUNREACH,
    EADDRINUSE,
    EADDRNOTAVAIL,
    EACCES,
    EPERM,
    EMFILE,
    ENFILE,
    ENOBUFS,
    ENOMEM,
    EINTR,
    EBADF,
    ENOTCONN,
    EINVAL,
    EAFNOSUPPORT,
    /** A datagram too long to send in one piece (sendto(2)); Twisted raises {@code MessageLengthError}. */
    EMSGSIZE,
    /**
     * No such file: an {@code AF_UNIX} name whose file is missing, for {@code connect} and {@code sendto}
     * (unix(7)); a connected UNIX datagram port reports it as its peer gone (semantics.md §8.9).
     */
    ENOENT,
    /** An error Twine has no rule for; the exception's message names the OS's own error. */
    OTHER;

    private static final SocketError[] VALUES = values();

    /**
     * The constant for a POSIX errno name, {@link #OTHER} for a name Twine does not act on. Accepts the
     * names any errno table uses ({@code "ECONNRESET"}); {@code EWOULDBLOCK}/{@code EAGAIN} are not errors
     * and map to {@link #OTHER} like any unknown name.
     */
    public static SocketError forName(String posixName) {
        if (posixName == null) {
            return OTHER;
        }
        String upper = posixName.toUpperCase(Locale.ROOT);
        for (SocketError e : VALUES) {
            if (e != OTHER && e.name().equals(upper)) {
                return e;
            }
        }
        return OTHER;
    }
}
