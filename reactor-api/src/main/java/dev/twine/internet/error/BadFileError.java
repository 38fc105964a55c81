package dev.twine.internet.error;

/** A bad file descriptor was used (Twisted's {@code BadFileError}). */
public class BadFileError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public BadFileError() {
        super();
    }

    public BadFileError(String string) {
        super(string);
    }

    public BadFileError(String osError, String string) {
        super(osError, string);
    }
}
