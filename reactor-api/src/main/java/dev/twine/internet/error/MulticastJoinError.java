package dev.twine.internet.error;

/** Joining a multicast group failed (Twisted's {@code MulticastJoinError}); the cause is the socket error. */
public class MulticastJoinError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MulticastJoinError(String message, Throwable cause) {
        super(message, cause);
    }
}
