package dev.twine.internet.error;

import dev.twine.internet.IAddress;

/**
 * A client endpoint's connect was cancelled before it completed (Twisted's
 * {@code ConnectingCancelledError}). {@link #address()} is where it was connecting to.
 */
public class ConnectingCancelledError extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient IAddress address;

    public ConnectingCancelledError(IAddress address) {
        super("connecting to " + address + " was cancelled");
        this.address = address;
    }

    /** The destination of the cancelled attempt. */
    public IAddress address() {
        return address;
    }
}
