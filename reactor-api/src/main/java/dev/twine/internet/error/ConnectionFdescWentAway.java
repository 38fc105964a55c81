package dev.twine.internet.error;

/** The descriptor's handle was closed while registered (Twisted's {@code ConnectionFdescWentAway}). */
public class ConnectionFdescWentAway extends ConnectionLost {
    private static final long serialVersionUID = 1L;

    public ConnectionFdescWentAway() {
        super();
    }

    public ConnectionFdescWentAway(String message) {
        super(message);
    }
}
