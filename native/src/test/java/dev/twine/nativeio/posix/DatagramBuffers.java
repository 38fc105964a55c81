package dev.twine.nativeio.posix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Datagrams as ASCII text in buffers, for the datagram handle tests of both families. */
final class DatagramBuffers {
    private DatagramBuffers() {
    }

    /** {@code text} in a new direct or heap buffer, flipped for sending. */
    static ByteBuffer bytes(String text, boolean direct) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(b.length) : ByteBuffer.allocate(b.length);
        return buffer.put(b).flip();
    }

    /** What a receive put into {@code received}, as text (flips the buffer). */
    static String text(ByteBuffer received) {
        received.flip();
        byte[] b = new byte[received.remaining()];
        received.get(b);
        return new String(b, StandardCharsets.US_ASCII);
    }
}
