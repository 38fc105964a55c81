package dev.twine.internet.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WriteBufferTest {

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void appendsAcrossChunkBoundariesAndFlushesTheExactBytesInOrder() throws Exception {
        ChunkPool pool = new ChunkPool(64);
        WriteBuffer buffer = new WriteBuffer(pool);
        byte[] small = pattern(100, 1);
        byte[] straddling = pattern(ChunkPool.CHUNK_SIZE, 2);
        byte[] large = pattern(3 * ChunkPool.CHUNK_SIZE + 17, 3);
        buffer.append(small, 0, small.length);
        buffer.append(straddling, 0, straddling.length);
        buffer.append(ByteBuffer.wrap(large));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(small);
        expected.write(straddling);
        expected.write(large);
        assertEquals(expected.size(), buffer.size());

        try (LoopbackPair pair = new LoopbackPair(0)) {
            long written = buffer.flushTo(pair.writer, new ByteBuffer[TcpContext.GATHER_LIMIT]);
            assertEquals(expected.size(), written, "a loopback socket takes ~82 KiB at once");
            assertTrue(buffer.isEmpty());
            assertEquals(1, pair.writer.gatheringWrites, "five chunks leave in one gathering write");
            assertArrayEquals(expected.toByteArray(), pair.readExactly(expected.size()));
        }
    }

    @Test
    void drainedChunksGoBackToThePoolSoAnEmptyBufferHoldsNone() throws Exception {
        ChunkPool pool = new ChunkPool(64);
        WriteBuffer buffer = new WriteBuffer(pool);
        byte[] data = pattern(2 * ChunkPool.CHUNK_SIZE + 1, 4);
        buffer.append(data, 0, data.length);
        assertEquals(0, pool.pooled(), "three chunks are in use");
        try (LoopbackPair pair = new LoopbackPair(0)) {
            buffer.flushTo(pair.writer, new ByteBuffer[TcpContext.GATHER_LIMIT]);
            pair.readExactly(data.length);
        }
        assertTrue(buffer.isEmpty());
        assertEquals(3, pool.pooled(), "every chunk, the partly filled tail included, was given back");

        buffer.append(data, 0, 10);
        assertEquals(2, pool.pooled(), "the next append reuses a pooled chunk instead of allocating");
    }

    @Test
    void partialWritesResumeWhereTheKernelStoppedUntilEveryByteArrives() throws Exception {
        ChunkPool pool = new ChunkPool(8);
        WriteBuffer buffer = new WriteBuffer(pool);
        byte[] data = pattern(4 * 1024 * 1024, 5);
        // Append in uneven pieces so chunk boundaries and append boundaries never line up.
        for (int off = 0; off < data.length; ) {
            int n = Math.min(7919, data.length - off);
            buffer.append(data, off, n);
            off += n;
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer[] gather = new ByteBuffer[TcpContext.GATHER_LIMIT];
        try (LoopbackPair pair = new LoopbackPair(8192)) {
            pair.reader.configureBlocking(false);
            ByteBuffer in = ByteBuffer.allocate(256 * 1024);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (received.size() < data.length && System.nanoTime() < deadline) {
                long sent = buffer.flushTo(pair.writer, gather);
                in.clear();
                int got = pair.reader.read(in);
                if (got > 0) {
                    received.write(in.array(), 0, got);
                } else if (sent == 0) {
                    Thread.sleep(1); // loopback moves the bytes within microseconds; don't spin meanwhile
                }
            }
            for (ByteBuffer b : gather) {
                assertEquals(null, b, "the scratch array keeps no chunk reachable");
            }
        }
        assertEquals(data.length, received.size(), "bytes received; still buffered: " + buffer.size());
        assertTrue(buffer.isEmpty());
        assertArrayEquals(data, received.toByteArray());
        assertEquals(8, pool.pooled(), "the pool keeps at most its cap; the rest went to the GC");
    }

    @Test
    void appendingAByteBufferCopiesItsRemainingBytesWithoutMovingItsPosition() throws Exception {
        WriteBuffer buffer = new WriteBuffer(new ChunkPool(4));
        ByteBuffer src = ByteBuffer.allocateDirect(10);
        src.put(pattern(10, 6)).flip();
        src.position(3);
        buffer.append(src);
        assertEquals(3, src.position());
        assertEquals(7, buffer.size());
        try (LoopbackPair pair = new LoopbackPair(0)) {
            buffer.flushTo(pair.writer, new ByteBuffer[4]);
            byte[] expected = new byte[7];
            System.arraycopy(pattern(10, 6), 3, expected, 0, 7);
            assertArrayEquals(expected, pair.readExactly(7));
        }
    }

    @Test
    void releaseDiscardsEverythingAndReturnsTheChunks() {
        ChunkPool pool = new ChunkPool(16);
        WriteBuffer buffer = new WriteBuffer(pool);
        byte[] data = pattern(5 * ChunkPool.CHUNK_SIZE, 7);
        buffer.append(data, 0, data.length);
        buffer.release();
        assertTrue(buffer.isEmpty());
        assertEquals(5, pool.pooled());
    }
}
