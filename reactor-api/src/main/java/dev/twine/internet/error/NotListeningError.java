package dev.twine.internet.error;

/** The port is not listening (Twisted's {@code NotListeningError}). */
public class NotListeningError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotListeningError() {
        super();
    }

    public NotListeningError(String message) {
        super(message);
    }
}
