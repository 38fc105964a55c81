package dev.twine.protocols.basic;

import java.util.Arrays;

/**
 * The bytes a framing protocol (line or length-prefixed) has received and not yet delivered: a growable
 * array with a read position, so that taking a frame off the front costs nothing and appending is
 * amortised O(1).
 *
 * <p>Twisted keeps a {@code bytes} object and re-slices it ({@code buffer.split(delimiter, 1)}), which is
 * quadratic when many short lines arrive in one large chunk. This buffer also remembers how far a search
 * for the delimiter got, so a long line arriving in many small chunks is scanned once, not once per
 * chunk. Not thread-safe; owned by one protocol on the reactor thread.
 */
final class LineBuffer {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int start;
    private int end;
    /** Offset from which the next delimiter search resumes; everything before it holds no delimiter. */
    private int scanned;

    /** Number of buffered bytes. */
    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return end == start;
    }

    /** Appends a copy of {@code data[offset, offset+length)}. */
    void append(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (end + length > bytes.length) {
            makeRoom(length);
        }
        System.arraycopy(data, offset, bytes, end, length);
        end += length;
    }

    private void makeRoom(int length) {
        int size = size();
        int needed = size + length;
        if (needed <= bytes.length && start >= bytes.length / 2) {
            // Plenty of room once the consumed prefix is dropped: slide the live bytes to the front.
            System.arraycopy(bytes, start, bytes, 0, size);
        } else {
            int capacity = Math.max(needed, Math.max(256, bytes.length * 2));
            byte[] grown = new byte[capacity];
            System.arraycopy(bytes, start, grown, 0, size);
            bytes = grown;
        }
        scanned -= start;
        end = size;
        start = 0;
    }

    /**
     * Index (relative to the start of the buffer) of the first occurrence of {@code delimiter}, or -1.
     * A failed search records how far it got, so the next search looks only at new bytes (and at the
     * last {@code delimiter.length - 1} old ones, in case the delimiter straddles two chunks).
     */
    int indexOf(byte[] delimiter) {
        int from = Math.max(start, scanned);
        int last = end - delimiter.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (bytes[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        scanned = Math.max(start, last + 1);
        return -1;
    }

    /** True if the last {@code length} buffered bytes are the first {@code length} bytes of {@code delimiter}. */
    boolean endsWithPrefixOf(byte[] delimiter, int length) {
        if (length > size() || length > delimiter.length) {
            return false;
        }
        for (int j = 0; j < length; j++) {
            if (bytes[end - length + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** Removes and returns the first {@code length} bytes, then discards {@code skip} more. */
    byte[] take(int length, int skip) {
        byte[] out = Arrays.copyOfRange(bytes, start, start + length);
        start += length + skip;
        scanned = start;
        if (start == end) {
            clear();
        }
        return out;
    }

    /** The byte at {@code offset} from the start of the buffer, as an unsigned value 0..255. */
    int byteAt(int offset) {
        return bytes[start + offset] & 0xff;
    }

    /** Discards the first {@code n} bytes. */
    void skip(int n) {
        start += n;
        scanned = Math.max(scanned, start);
        if (start == end) {
            clear();
        }
    }

    /** Removes and returns everything buffered. */
    byte[] takeAll() {
        byte[] out = Arrays.copyOfRange(bytes, start, end);
        clear();
        return out;
    }

    /** Forgets everything buffered, keeping a modest array for reuse. */
    void clear() {
        if (bytes.length > 64 * 1024) {
            // A burst of long lines must not pin a large array for the life of the connection.
            bytes = EMPTY;
        }
        start = 0;
        end = 0;
        scanned = 0;
    }
}
