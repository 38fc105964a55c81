package dev.twine.spi;

import java.io.IOException;
import java.util.Objects;

/**
 * A socket call failed with an OS error. Every backend reports it as a {@link SocketError}, so code above
 * the SPI decides by constant in one place ({@code dev.twine.internet.error.SocketErrors}); the OS's own
 * name and number stay in {@link #osName()} and {@link #osCode()} for messages.
 *
 * <p>The message reads {@code "OSNAME: detail"}, for example {@code "ECONNRESET: read: Connection reset by
 * peer"} or, for a Winsock error, {@code "ECONNREFUSED: connect: WSAECONNREFUSED (10061) ..."}.
 * Immutable; safe to pass between threads.
 */
public class SocketErrorException extends IOException {
    private static final long serialVersionUID = 2L;

    private final SocketError error;
    private final String osName;
    private final int osCode;

    /**
     * @param error  what Twine makes of the error
     * @param osName the OS's name for it (an errno name such as {@code "ECONNRESET"}, or the nearest
     *               POSIX name where the OS has none)
     * @param osCode the OS's number for it, or {@code 0} if unknown
     * @param detail what failed and the OS's description (strerror or the JDK's message)
     */
    public SocketErrorException(SocketError error, String osName, int osCode, String detail) {
        super(osName + ": " + detail);
        this.error = Objects.requireNonNull(error, "error");
        this.osName = osName;
        this.osCode = osCode;
    }

    /** An error whose OS name is the constant's own name. */
    public SocketErrorException(SocketError error, String detail) {
        this(error, error.name(), 0, detail);
    }

    /** As {@link #SocketErrorException(SocketError, String, int, String)}, keeping the translated cause. */
    public SocketErrorException(SocketError error, String osName, int osCode, String detail, Throwable cause) {
        this(error, osName, osCode, detail);
        initCause(cause);
    }

    /** What Twine makes of this error; {@link SocketError#OTHER} when it has no rule for it. */
    public SocketError error() {
        return error;
    }

    /** The OS's name for the error, e.g. {@code "ECONNREFUSED"}; for messages. */
    public String osName() {
        return osName;
    }

    /** The OS's number for the error, or {@code 0} if unknown; for messages. */
    public int osCode() {
        return osCode;
    }

    /** The message after the {@code "OSNAME: "} prefix: what failed and the OS's description. */
    public String detail() {
        String m = String.valueOf(getMessage());
        String prefix = osName + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
