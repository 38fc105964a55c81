package dev.twine.internet.error;

/** Binding the client socket's local address failed (Twisted's {@code ConnectBindError}). */
public class ConnectBindError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public ConnectBindError() {
        super();
    }

    public ConnectBindError(String string) {
        super(string);
    }

    public ConnectBindError(String osError, String string) {
        super(osError, string);
    }
}
