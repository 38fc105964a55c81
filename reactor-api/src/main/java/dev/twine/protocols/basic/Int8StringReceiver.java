package dev.twine.protocols.basic;

/**
 * Strings with a 1-byte unsigned big-endian length prefix (Twisted's
 * {@code twisted.protocols.basic.Int8StringReceiver}, struct format {@code '!B'}); every rule is
 * {@link IntNStringReceiver}'s (semantics.md §3.2).
 *
 * <p>Threading: reactor thread only.
 */
public class Int8StringReceiver extends IntNStringReceiver {
    /** The prefix is 1 byte(s). */
    @Override
    protected final int prefixLength() {
        return 1;
    }
}
