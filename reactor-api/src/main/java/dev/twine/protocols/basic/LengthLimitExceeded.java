package dev.twine.protocols.basic;

/**
 * A length prefix announced a string longer than the receiver's {@code MAX_LENGTH}: the cause carried by
 * the Failure of an {@link IntNStringReceiver} whose {@code lengthLimitExceeded} closed the connection
 * (semantics.md §3.2). Twisted only closes; Twine names the cause as well.
 */
public class LengthLimitExceeded extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long length;

    public LengthLimitExceeded(long length, int maxLength) {
        super("announced length " + length + " exceeds MAX_LENGTH " + maxLength);
        this.length = length;
    }

    /** The length the peer announced. */
    public long length() {
        return length;
    }
}
