package dev.twine.protocols.basic;

/**
 * Strings with a 2-byte unsigned big-endian length prefix (Twisted's
 * {@code twisted.protocols.basic.Int16StringReceiver}, struct format {@code '!H'}); every rule is
 * {@link IntNStringReceiver}'s (semantics.md §3.2).
 *
 * <p>Threading: reactor thread only.
 */
public class Int16StringReceiver extends IntNStringReceiver {
    /** The prefix is 2 byte(s). */
    @Override
    protected final int prefixLength() {
        return 2;
    }
}
