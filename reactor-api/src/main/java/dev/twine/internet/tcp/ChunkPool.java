package dev.twine.internet.tcp;

import java.nio.ByteBuffer;

/**
 * A per-reactor free list of fixed-size direct buffers ("chunks") that outbound
 * {@link WriteBuffer}s are built from.
 *
 * <p>A connection takes chunks only while it has unsent bytes and gives every chunk back as soon as it
 * has been written out, so an idle connection holds no buffer memory, and in steady state (the same
 * traffic pattern over and over) every chunk comes from this list and nothing is allocated. Chunks are
 * direct so that the kernel copies from them without the JDK's temporary direct-buffer copy.
 *
 * <p>The list keeps at most {@code maxPooled} chunks; chunks given back beyond that are left to the
 * garbage collector, so one burst (say a 4 MiB write) does not pin its peak memory forever.
 *
 * <p>Threading: reactor thread only, like everything in the reactor's TCP state ({@link TcpContext}).
 */
final class ChunkPool {
    /** Size of one chunk: 16 KiB, four pages; a gathering write of 64 chunks moves 1 MiB. */
    static final int CHUNK_SIZE = 16 * 1024;

    private final ByteBuffer[] free;
    private int count;

    /** @param maxPooled how many idle chunks to keep for reuse */
    ChunkPool(int maxPooled) {
        this.free = new ByteBuffer[maxPooled];
    }

    /**
     * Returns an empty chunk: position 0, limit 0 (no readable bytes), capacity {@link #CHUNK_SIZE}.
     * {@link WriteBuffer} keeps each chunk in "drain mode": {@code [position, limit)} is unsent data.
     */
    ByteBuffer take() {
        ByteBuffer chunk;
        if (count > 0) {
            chunk = free[--count];
            free[count] = null;
        } else {
            chunk = ByteBuffer.allocateDirect(CHUNK_SIZE);
        }
        chunk.position(0).limit(0);
        return chunk;
    }

    /** Gives a chunk back; its contents are garbage from now on. */
    void give(ByteBuffer chunk) {
        if (count < free.length) {
            free[count++] = chunk;
        }
    }

    /** How many idle chunks are pooled now (for tests and diagnostics). */
    int pooled() {
        return count;
    }
}
