package dev.twine.internet.error;

/**
 * {@code listenTCP} could not bind or listen (Twisted's {@code CannotListenError(interface, port,
 * socketError)}). Thrown synchronously from {@code listenTCP}.
 */
public class CannotListenError extends BindError {
    private static final long serialVersionUID = 1L;

    private final String iface;
    private final int port;
    private final String address;

    public CannotListenError(String iface, int port, Throwable socketError) {
        super("Couldn't listen on " + (iface == null || iface.isEmpty() ? "any" : iface) + ":" + port + ": "
                + (socketError == null ? "unknown error" : socketError.getMessage()) + ".");
        this.iface = iface;
        this.port = port;
        this.address = null;
        if (socketError != null) {
            initCause(socketError);
        }
    }

    /**
     * A UNIX socket could not listen (semantics.md §8): {@code address} is the path (or abstract name)
     * that the message names; {@link #iface()} is null and {@link #port()} 0.
     */
    public CannotListenError(String address, Throwable socketError) {
        super("Couldn't listen on " + address + ": "
                + (socketError == null ? "unknown error" : socketError.getMessage()) + ".");
        this.iface = null;
        this.port = 0;
        this.address = address;
        if (socketError != null) {
            initCause(socketError);
        }
    }

    /** The UNIX socket name that could not listen, or null for a TCP port. */
    public String address() {
        return address;
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
