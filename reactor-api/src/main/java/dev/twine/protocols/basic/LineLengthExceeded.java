package dev.twine.protocols.basic;

/**
 * The peer sent a line longer than the receiver's {@code MAX_LENGTH}: the cause carried by the Failure
 * with which the default {@code lineLengthExceeded} of {@link LineReceiver} and {@link LineOnlyReceiver}
 * closes the connection (semantics.md §1.15). Twisted only closes; Twine names the cause as well.
 */
public class LineLengthExceeded extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LineLengthExceeded(int maxLength) {
        super("a line longer than MAX_LENGTH " + maxLength + " bytes");
    }
}
