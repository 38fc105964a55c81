package dev.twine.internet.error;

/** A datagram was too long for the socket to send ({@code EMSGSIZE}; Twisted's {@code MessageLengthError}). */
public class MessageLengthError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MessageLengthError(String message, Throwable cause) {
        super(message, cause);
    }
}
