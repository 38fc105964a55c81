package dev.twine.internet.error;

/** {@code stopConnecting()} while not connecting (Twisted's {@code NotConnectingError}). */
public class NotConnectingError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotConnectingError() {
        super();
    }

    public NotConnectingError(String message) {
        super(message);
    }
}
