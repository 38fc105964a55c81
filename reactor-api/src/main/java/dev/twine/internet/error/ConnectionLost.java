package dev.twine.internet.error;

/** The connection was lost in a non-clean fashion (Twisted's {@code ConnectionLost}). */
public class ConnectionLost extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    public ConnectionLost() {
        super("Connection to the other side was lost in a non-clean fashion.");
    }

    public ConnectionLost(String message) {
        super(message);
    }

    protected ConnectionLost(String message, boolean writableStackTrace) {
        super(message, writableStackTrace);
    }

    /** A stack-less instance, for shared reason values. */
    public static ConnectionLost shared(String message) {
        return new ConnectionLost(message, false);
    }
}
