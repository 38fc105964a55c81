package dev.twine.internet.error;

/**
 * {@code listenTCP} could not bind or listen (Twisted's {@code CannotListenError(interface, port,
 * socketError)}). Thrown synchronously from {@code listenTCP}.
 */
public class CannotListenError extends BindError {
    private static final long serialVersionUID = 1L;

    private final String iface;
    private final int port;

    public CannotListenError(String iface, int port, Throwable socketError) {
        super("Couldn't listen on " + (iface == null || iface.isEmpty() ? "any" : iface) + ":" + port + ": "
                + (socketError == null ? "unknown error" : socketError.getMessage()) + ".");
        this.iface = iface;
        this.port = port;
        if (socketError != null) {
            initCause(socketError);
        }
    }

    public String iface() {
        return iface;
    }

    public int port() {
        return port;
    }

    /** The socket error that caused this. */
    public Throwable socketError() {
        return getCause();
    }
}
