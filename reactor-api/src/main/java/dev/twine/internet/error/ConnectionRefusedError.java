package dev.twine.internet.error;

/** The peer refused the connection, {@code ECONNREFUSED} (Twisted's {@code ConnectionRefusedError}). */
public class ConnectionRefusedError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedError() {
        super();
    }

    public ConnectionRefusedError(String string) {
        super(string);
    }

    public ConnectionRefusedError(String osError, String string) {
        super(osError, string);
    }
}
