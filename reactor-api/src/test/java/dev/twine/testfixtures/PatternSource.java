package dev.twine.testfixtures;

import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends {@code total} bytes of a {@link BytePattern} through a non-blocking socket, taking its buffers
 * from a fixed rotation of batches: a batch of one buffer is written with {@code write(ByteBuffer)}, a
 * batch of several (heap and direct mixed) with the gathering {@code write(ByteBuffer[], ...)}, so one
 * transfer exercises both native paths and both kinds of memory. Each batch is written to its end, across
 * as many partial writes as it takes, before the next is filled, so the stream order is the pattern
 * order and the receiver can {@link BytePattern#check} it.
 *
 * <p>Not thread-safe: driven by the one thread that writes the socket.
 */
public final class PatternSource {
    private final long total;
    private final ByteBuffer[][] batches;
    private final BytePattern pattern = new BytePattern();
    private int batch = -1;
    private long filled;
    private long written;
    private int chunk = Integer.MAX_VALUE;

    /**
     * @param total   how many bytes to send in all
     * @param batches the rotation of buffer sets; their capacities are the largest writes attempted
     */
    public PatternSource(long total, ByteBuffer[]... batches) {
        this.total = total;
        this.batches = batches;
    }

    /** Fills at most {@code bytes} into each buffer from now on, to force many small writes. */
    public PatternSource chunksOf(int bytes) {
        this.chunk = bytes;
        return this;
    }

    /**
     * One write call with the current batch, filling the next batch first when this one is drained.
     *
     * @return the bytes written, {@code 0} when the socket took none or everything has been sent
     */
    public long writeTo(StreamSocketHandle socket) throws IOException {
        if (batch < 0 || drained(batches[batch])) {
            if (filled == total) {
                return 0;
            }
            batch = (batch + 1) % batches.length;
            for (ByteBuffer b : batches[batch]) {
                b.clear().limit((int) Math.min(Math.min(b.capacity(), chunk), total - filled));
                filled += b.limit();
                pattern.fill(b);
                b.flip();
            }
        }
        ByteBuffer[] current = batches[batch];
        long n = current.length == 1 ? socket.write(current[0]) : socket.write(current, 0, current.length);
        written += n;
        return n;
    }

    /** The bytes the socket has taken so far. */
    public long written() {
        return written;
    }

    /** True once all {@code total} bytes have been written. */
    public boolean done() {
        return written == total;
    }

    private static boolean drained(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return false;
            }
        }
        return true;
    }
}
