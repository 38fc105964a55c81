package dev.twine.protocols.basic;

/**
 * The peer sent something that is not a netstring (Twisted's {@code basic.NetstringParseError}, a
 * {@code ValueError}): a missing or malformed length, a length above {@code MAX_LENGTH}, or a missing
 * trailing comma. The message names which (semantics.md §3.1).
 */
public class NetstringParseError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NetstringParseError(String message) {
        super(message);
    }
}
