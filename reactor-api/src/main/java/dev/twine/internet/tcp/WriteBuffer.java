package dev.twine.internet.tcp;

import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The outbound bytes of one connection: a FIFO ring of pooled direct chunks, written out with gathering
 * writes (Twine's answer to Twisted #6733, which notes that Twisted never uses {@code writev}).
 *
 * <p>Every chunk is kept in "drain mode": the bytes in {@code [position, limit)} are waiting to be sent,
 * and {@code [limit, capacity)} is free room that later appends fill (only the last chunk has any).
 * Appends copy with absolute bulk puts, so the caller's arrays and buffers are neither kept nor moved.
 * A chunk goes back to the {@link ChunkPool} the moment its last byte is written, so an empty buffer
 * holds no chunk at all.
 *
 * <p>Threading: reactor thread only.
 */
final class WriteBuffer {
    /**
     * Upper bound on gathering writes per {@link #flushTo} call. Each may move up to the whole gather
     * array (64 chunks, 1 MiB); after that, other connections get their turn.
     */
    private static final int MAX_WRITES_PER_FLUSH = 4;

    private final ChunkPool pool;
    /** Ring of chunks, oldest at {@code head}; its length is always a power of two. */
    private ByteBuffer[] ring = new ByteBuffer[4];
    private int head;
    private int count;
    private long size;

    WriteBuffer(ChunkPool pool) {
        this.pool = pool;
    }

    /** Bytes waiting to be sent. */
    long size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Copies {@code src[offset .. offset+length)} to the end of the buffer. */
    void append(byte[] src, int offset, int length) {
        while (length > 0) {
            ByteBuffer tail = tailWithRoom();
            int at = tail.limit();
            int n = Math.min(length, tail.capacity() - at);
            tail.limit(at + n);
            tail.put(at, src, offset, n);
            offset += n;
            length -= n;
            size += n;
        }
    }

    /** Copies {@code src}'s remaining bytes to the end of the buffer; {@code src}'s position does not move. */
    void append(ByteBuffer src) {
        int from = src.position();
        int length = src.remaining();
        while (length > 0) {
            ByteBuffer tail = tailWithRoom();
            int at = tail.limit();
            int n = Math.min(length, tail.capacity() - at);
            tail.limit(at + n);
            tail.put(at, src, from, n);
            from += n;
            length -= n;
            size += n;
        }
    }

    /**
     * Writes as much as the socket accepts now, with at most {@link #MAX_WRITES_PER_FLUSH} gathering
     * writes, and returns drained chunks to the pool.
     *
     * @param gather a scratch array (the reactor's) for the gathering write; left holding no references
     * @return the number of bytes written, possibly 0 (the socket would block)
     * @throws IOException the socket error, e.g. {@code EPIPE} or {@code ECONNRESET}
     */
    long flushTo(StreamSocketHandle socket, ByteBuffer[] gather) throws IOException {
        long total = 0;
        for (int round = 0; round < MAX_WRITES_PER_FLUSH && count > 0; round++) {
            int n = Math.min(count, gather.length);
            long offered = 0;
            for (int i = 0; i < n; i++) {
                ByteBuffer chunk = ring[(head + i) & (ring.length - 1)];
                gather[i] = chunk;
                offered += chunk.remaining();
            }
            long written;
            try {
                written = n == 1 ? socket.write(gather[0]) : socket.write(gather, 0, n);
            } finally {
                java.util.Arrays.fill(gather, 0, n, null);
            }
            size -= written;
            total += written;
            releaseDrainedChunks();
            if (written < offered) {
                // The kernel's send buffer is full; a further write now would only return 0.
                break;
            }
        }
        return total;
    }

    /**
     * Writes the oldest byte with {@code descriptor} attached (semantics.md §8.8).
     *
     * @return 1 if sent, 0 if the socket would block
     */
    int writeOneWithDescriptor(StreamSocketHandle socket, int descriptor) throws IOException {
        if (count == 0) {
            return 0;
        }
        int n = socket.writeWithDescriptor(ring[head], descriptor);
        size -= n;
        releaseDrainedChunks();
        return n;
    }

    /**
     * Points {@code into[0..n)} at the oldest chunks, for a consumer that reads them in place (the TLS
     * layer seals plaintext straight from here); {@link #consumed} then accounts for what it took.
     *
     * @return n, the number of chunks offered
     */
    int gather(ByteBuffer[] into) {
        int n = Math.min(count, into.length);
        for (int i = 0; i < n; i++) {
            into[i] = ring[(head + i) & (ring.length - 1)];
        }
        return n;
    }

    /** The consumer of {@link #gather} advanced the chunks' positions by {@code n} bytes in total. */
    void consumed(long n) {
        size -= n;
        releaseDrainedChunks();
    }

    /** Discards everything and gives all chunks back (abort, or the connection is gone). */
    void release() {
        while (count > 0) {
            ByteBuffer chunk = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
            pool.give(chunk);
        }
        head = 0;
        size = 0;
    }

    private void releaseDrainedChunks() {
        while (count > 0 && !ring[head].hasRemaining()) {
            // The tail chunk goes back too once drained, even with free room left: an idle connection
            // must hold no buffer, and the next append takes a fresh (pooled) chunk at no cost.
            ByteBuffer chunk = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
            pool.give(chunk);
        }
        if (count == 0) {
            head = 0;
        }
    }

    private ByteBuffer tailWithRoom() {
        if (count > 0) {
            ByteBuffer tail = ring[(head + count - 1) & (ring.length - 1)];
            if (tail.limit() < tail.capacity()) {
                return tail;
            }
        }
        if (count == ring.length) {
            grow();
        }
        ByteBuffer chunk = pool.take();
        ring[(head + count) & (ring.length - 1)] = chunk;
        count++;
        return chunk;
    }

    private void grow() {
        ByteBuffer[] bigger = new ByteBuffer[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
