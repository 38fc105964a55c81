package dev.twine.internet.error;

/** The kernel timed the connect out, {@code ETIMEDOUT} (Twisted's {@code TCPTimedOutError}). */
public class TCPTimedOutError extends ConnectError {
    private static final long serialVersionUID = 1L;

    public TCPTimedOutError() {
        super();
    }

    public TCPTimedOutError(String string) {
        super(string);
    }

    public TCPTimedOutError(String osError, String string) {
        super(osError, string);
    }
}
