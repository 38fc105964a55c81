package dev.twine.internet.error;

/** The connection was closed cleanly (Twisted's {@code ConnectionDone}). */
public class ConnectionDone extends ConnectionClosed {
    private static final long serialVersionUID = 1L;

    public ConnectionDone() {
        super("Connection was closed cleanly.");
    }

    public ConnectionDone(String message) {
        super(message);
    }

    private ConnectionDone(String message, boolean writableStackTrace) {
        super(message, writableStackTrace);
    }

    /** A stack-less instance, for shared reason values. */
    public static ConnectionDone shared(String message) {
        return new ConnectionDone(message, false);
    }
}
