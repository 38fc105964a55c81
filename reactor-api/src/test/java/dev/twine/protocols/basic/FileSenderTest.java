package dev.twine.protocols.basic;

import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IConsumer;
import dev.twine.internet.IProducer;
import dev.twine.internet.IPullProducer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** FileSender (Twisted's {@code test_basic.FileSenderTests}, semantics.md §3.4). */
class FileSenderTest {

    /** A consumer that, like a transport, resumes a pull producer until it unregisters (at most 1000 times). */
    static final class PullingConsumer implements IConsumer {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        IProducer producer;
        boolean streaming;
        int pulls;

        @Override
        public void registerProducer(IProducer p, boolean streaming) {
            this.producer = p;
            this.streaming = streaming;
        }

        @Override
        public void unregisterProducer() {
            producer = null;
        }

        @Override
        public void write(byte[] data) {
            written.writeBytes(data);
        }

        void pullUntilDone() {
            while (producer != null && pulls++ < 1000) {
                ((IPullProducer) producer).resumeProducing();
            }
        }
    }

    private static byte[] file(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    @Test
    void registersAsAPullProducerAndSendsTheWholeFileInChunks() {
        byte[] data = file(FileSender.CHUNK_SIZE * 2 + 5);
        PullingConsumer c = new PullingConsumer();
        Deferred<byte[]> d = new FileSender().beginFileTransfer(new ByteArrayInputStream(data), c);
        assertEquals(false, c.streaming);
        c.pullUntilDone();
        assertArrayEquals(data, c.written.toByteArray());
        assertEquals(4, c.pulls, "three chunks, then the call that finds the end");
        assertArrayEquals(new byte[] {data[data.length - 1]}, successResultOf(d));
        assertNull(c.producer, "unregistered at the end");
    }

    @Test
    void anEmptyFileFiresWithNoLastByte() {
        PullingConsumer c = new PullingConsumer();
        Deferred<byte[]> d = new FileSender().beginFileTransfer(new ByteArrayInputStream(new byte[0]), c);
        c.pullUntilDone();
        assertArrayEquals(new byte[0], successResultOf(d));
    }

    @Test
    void theTransformIsAppliedToEachChunkAndTheLastByteIsTheTransformedOne() {
        PullingConsumer c = new PullingConsumer();
        Deferred<byte[]> d = new FileSender().beginFileTransfer(new ByteArrayInputStream("abc".getBytes()), c,
                chunk -> new String(chunk).toUpperCase().getBytes());
        c.pullUntilDone();
        assertEquals("ABC", c.written.toString());
        assertArrayEquals("C".getBytes(), successResultOf(d));
    }

    @Test
    void stopProducingBeforeTheEndErrbacksTheTransfer() {
        PullingConsumer c = new PullingConsumer();
        FileSender sender = new FileSender();
        Deferred<byte[]> d = sender.beginFileTransfer(new ByteArrayInputStream(file(100)), c);
        sender.stopProducing();
        Failure f = failureResultOf(d);
        assertEquals("Consumer asked us to stop producing", f.value().getMessage());
    }

    @Test
    void aReadErrorUnregistersAndErrbacksWithTheError() {
        PullingConsumer c = new PullingConsumer();
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        Deferred<byte[]> d = new FileSender().beginFileTransfer(broken, c);
        c.pullUntilDone();
        assertNull(c.producer);
        assertEquals("disk on fire", failureResultOf(d, IOException.class).value().getMessage());
    }
}
