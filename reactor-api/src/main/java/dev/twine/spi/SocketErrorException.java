package dev.twine.spi;

import java.io.IOException;

/**
 * A socket call failed with an OS error. Every backend reports errors with the POSIX errno
 * <em>name</em> ({@code "ECONNREFUSED"}, {@code "EMFILE"}, ...) so that the transport maps them to
 * Twisted's error classes in one place; {@link #errno()} keeps the OS's own number for messages.
 *
 * <p>Backends without errno (NIO, Winsock) translate to the nearest POSIX name; where no name fits
 * they use {@code "EIO"}.
 */
public class SocketErrorException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String errnoName;
    private final int errno;

    /**
     * @param errnoName the POSIX name, e.g. {@code "ECONNRESET"}
     * @param errno     the OS's number for it, or {@code 0} if unknown
     * @param message   a human-readable description (strerror or the JDK's message)
     */
    public SocketErrorException(String errnoName, int errno, String message) {
        super(errnoName + ": " + message);
        this.errnoName = errnoName;
        this.errno = errno;
    }

    /** As above, keeping the JDK exception that was translated. */
    public SocketErrorException(String errnoName, int errno, String message, Throwable cause) {
        this(errnoName, errno, message);
        initCause(cause);
    }

    /** The POSIX errno name, e.g. {@code "ECONNREFUSED"}. */
    public String errnoName() {
        return errnoName;
    }

    /** The OS's errno number, or {@code 0} if unknown. */
    public int errno() {
        return errno;
    }
}
