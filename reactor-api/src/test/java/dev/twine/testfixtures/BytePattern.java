package dev.twine.testfixtures;

import java.nio.ByteBuffer;

/**
 * A deterministic, non-repeating-looking byte stream for transfer tests: the sender fills buffers from
 * one instance, the receiver checks what arrives against another, byte by byte, so a lost, duplicated or
 * reordered byte is caught at its position. Byte {@code n} is the top byte of {@code n} times the 64-bit
 * golden-ratio constant (Fibonacci hashing): cheap, and unlike a counter it does not repeat every 256
 * bytes, so a shift by a multiple of 256 is caught too.
 *
 * <p>Not thread-safe: one instance per direction, used by one thread at a time.
 */
public final class BytePattern {
    private long position;

    private byte next() {
        long x = position++ * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56);
    }

    /** Fills what remains of {@code buffer} with the next bytes of the stream. */
    public void fill(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            buffer.put(next());
        }
    }

    /** Fills all of {@code into} with the next bytes of the stream. */
    public void fill(byte[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = next();
        }
    }

    /**
     * Consumes what remains of {@code buffer}, checking each byte against the stream.
     *
     * @throws AssertionError at the first byte that differs, naming its position in the stream
     */
    public void check(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            long at = position;
            byte expected = next();
            byte got = buffer.get();
            if (got != expected) {
                throw new AssertionError("byte " + at + " is " + got + ", expected " + expected);
            }
        }
    }
}
