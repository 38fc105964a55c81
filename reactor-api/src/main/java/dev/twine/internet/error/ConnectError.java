package dev.twine.internet.error;

/**
 * A connection attempt failed (Twisted's {@code ConnectError(osError, string)}). {@link #osError()} is the
 * POSIX errno name when the OS reported one (e.g. {@code "ECONNREFUSED"}), else {@code null}.
 */
public class ConnectError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String osError;

    public ConnectError() {
        this(null, "");
    }

    public ConnectError(String string) {
        this(null, string);
    }

    public ConnectError(String osError, String string) {
        super(describe(osError, string));
        this.osError = osError;
    }

    private static String describe(String osError, String string) {
        String base = "An error occurred while connecting";
        if (osError != null) {
            base += ": " + osError;
        }
        if (string != null && !string.isEmpty()) {
            base += ": " + string;
        }
        return base + ".";
    }

    /** The POSIX errno name, or {@code null}. */
    public String osError() {
        return osError;
    }
}
