package dev.twine.protocols.haproxy;

/**
 * The bytes a connection began with are not a valid PROXY header (Twisted's {@code InvalidProxyHeader}).
 * The message says what is wrong.
 */
public class InvalidProxyHeader extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidProxyHeader(String message) {
        super(message);
    }
}
