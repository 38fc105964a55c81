package dev.twine.internet.error;

/** The host name could not be resolved (Twisted's {@code UnknownHostError}). */
public class UnknownHostError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public UnknownHostError() {
        super();
    }

    public UnknownHostError(String string) {
        super(string);
    }

    public UnknownHostError(String osError, String string) {
        super(osError, string);
    }
}
