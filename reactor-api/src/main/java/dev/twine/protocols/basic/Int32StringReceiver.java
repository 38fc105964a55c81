package dev.twine.protocols.basic;

/**
 * Strings with a 4-byte unsigned big-endian length prefix (Twisted's
 * {@code twisted.protocols.basic.Int32StringReceiver}, struct format {@code '!I'}); every rule is
 * {@link IntNStringReceiver}'s (semantics.md §3.2).
 *
 * <p>Threading: reactor thread only.
 */
public class Int32StringReceiver extends IntNStringReceiver {
    /** The prefix is 4 byte(s). */
    @Override
    protected final int prefixLength() {
        return 4;
    }
}
