package dev.twine.testfixtures;

import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Moves test data through non-blocking {@link StreamSocketHandle}s without a poller: each call retries
 * the non-blocking read or write with {@link Await} until it is done, so it is bounded by
 * {@link Await#PATIENCE}. Text is US-ASCII.
 *
 * <p>For tests below the reactor (a backend's sockets, a poller's mechanism), on the test thread.
 */
public final class SocketIo {
    private SocketIo() {
    }

    /** Writes all of {@code text}, retrying while the send buffer is full. */
    public static void writeFully(StreamSocketHandle socket, String text) throws IOException {
        writeFully(socket, ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Writes all that remains of {@code bytes}, retrying while the send buffer is full. */
    public static void writeFully(StreamSocketHandle socket, ByteBuffer bytes) throws IOException {
        Await.until(bytes.remaining() + " more bytes written", () -> {
            socket.write(bytes);
            return bytes.hasRemaining() ? null : Boolean.TRUE;
        });
    }

    /** Reads exactly {@code count} bytes into a heap buffer; fails at an end of stream before that. */
    public static byte[] readExactly(StreamSocketHandle socket, int count) throws IOException {
        return readExactly(socket, ByteBuffer.allocate(count));
    }

    /**
     * Reads until {@code into} is full (a direct buffer where the test checks the native path of direct
     * memory); fails at an end of stream before that. Returns the bytes read.
     */
    public static byte[] readExactly(StreamSocketHandle socket, ByteBuffer into) throws IOException {
        int count = into.remaining();
        Await.until(count + " bytes", () -> {
            if (socket.read(into) < 0) {
                throw new AssertionError("end of stream after " + (count - into.remaining()) + " of " + count
                        + " bytes");
            }
            return into.hasRemaining() ? null : Boolean.TRUE;
        });
        into.flip();
        byte[] bytes = new byte[into.remaining()];
        into.get(bytes);
        return bytes;
    }

    /** Reads exactly {@code count} bytes and returns them as text. */
    public static String readAscii(StreamSocketHandle socket, int count) throws IOException {
        return new String(readExactly(socket, count), StandardCharsets.US_ASCII);
    }

    /** Reads and discards until the end of stream; returns the {@code -1} that announced it. */
    public static int readUntilEof(StreamSocketHandle socket) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        return Await.until("end of stream", () -> {
            scratch.clear();
            int n = socket.read(scratch);
            return n < 0 ? n : null;
        });
    }
}
