package dev.twine.protocols.basic;

/**
 * A string too long for its length prefix was given to {@code sendString} (Twisted's
 * {@code basic.StringTooLongError}): nothing was written (semantics.md §3.2).
 */
public class StringTooLongError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public StringTooLongError(String message) {
        super(message);
    }
}
