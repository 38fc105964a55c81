package dev.twine.internet.error;

/** The base of every connection-end reason (Twisted's {@code ConnectionClosed}). */
public class ConnectionClosed extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectionClosed() {
        super();
    }

    public ConnectionClosed(String message) {
        super(message);
    }

    /** For shared, stack-less reason values such as {@code Main.CONNECTION_DONE}. */
    protected ConnectionClosed(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
