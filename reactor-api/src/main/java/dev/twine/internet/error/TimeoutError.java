package dev.twine.internet.error;

/** The connect timeout given to {@code connectTCP} expired (Twisted's {@code error.TimeoutError}). */
public class TimeoutError extends UserError {
    private static final long serialVersionUID = 1L;

    public TimeoutError() {
        super();
    }

    public TimeoutError(String string) {
        super(string);
    }

    public TimeoutError(String osError, String string) {
        super(osError, string);
    }
}
