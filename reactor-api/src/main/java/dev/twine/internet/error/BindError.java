package dev.twine.internet.error;

/** Binding a listening socket failed (Twisted's {@code BindError}). */
public class BindError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BindError() {
        super();
    }

    public BindError(String message) {
        super(message);
    }
}
