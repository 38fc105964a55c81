package dev.twine.internet.error;

/**
 * An address a UDP call cannot use: a host name where an IP literal is needed, or a target that does not
 * fit the port's connected state (Twisted's {@code InvalidAddressError}).
 */
public class InvalidAddressError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidAddressError(String message) {
        super(message);
    }
}
