package dev.twine.protocols.basic;

import dev.twine.defer.Deferred;
import dev.twine.internet.IConsumer;
import dev.twine.internet.IPullProducer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A pull producer that sends a file to a consumer (Twisted's {@code twisted.protocols.basic.FileSender},
 * semantics.md §3.4).
 *
 * <p>{@link #beginFileTransfer} registers this sender with the consumer as a <em>pull</em> producer and
 * returns a Deferred. Each {@link #resumeProducing()} reads up to {@link #CHUNK_SIZE} bytes, passes them
 * through the optional transform and writes them. At the end of the file the sender unregisters and the
 * Deferred fires with the last byte sent (a one-byte array; empty if nothing was sent), as Twisted's
 * fires with {@code chunk[-1:]}. {@link #stopProducing()} before the end errbacks it with
 * "Consumer asked us to stop producing"; a read error unregisters and errbacks it with the
 * {@link IOException}. The stream is not closed: it is the caller's.
 *
 * <p>Threading: reactor thread only (the file is read there, one chunk per call).
 */
public class FileSender implements IPullProducer {
    /** Bytes read per {@link #resumeProducing()}; Twisted's {@code 2 ** 14}. */
    public static final int CHUNK_SIZE = 1 << 14;

    private InputStream file;
    private IConsumer consumer;
    private UnaryOperator<byte[]> transform;
    private Deferred<byte[]> deferred;
    private byte[] lastSent = new byte[0];

    /** {@link #beginFileTransfer(InputStream, IConsumer, UnaryOperator)} with no transform. */
    public Deferred<byte[]> beginFileTransfer(InputStream file, IConsumer consumer) {
        return beginFileTransfer(file, consumer, null);
    }

    /**
     * Starts sending {@code file} to {@code consumer}, each chunk through {@code transform} if not null.
     *
     * @return fires with the last byte sent once the whole file was written
     */
    public Deferred<byte[]> beginFileTransfer(InputStream file, IConsumer consumer, UnaryOperator<byte[]> transform) {
        this.file = Objects.requireNonNull(file, "file");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.transform = transform;
        // Set before registering: a pull producer is resumed inside registerProducer.
        Deferred<byte[]> d = new Deferred<>();
        this.deferred = d;
        consumer.registerProducer(this, false);
        return d;
    }

    /** Writes the next chunk, or finishes at the end of the file. */
    @Override
    public void resumeProducing() {
        byte[] chunk = new byte[0];
        if (file != null) {
            try {
                chunk = file.readNBytes(CHUNK_SIZE);
            } catch (IOException e) {
                finish(e);
                return;
            }
        }
        if (chunk.length == 0) {
            finish(null);
            return;
        }
        if (transform != null) {
            chunk = transform.apply(chunk);
        }
        consumer.write(chunk);
        if (chunk.length > 0) {
            lastSent = Arrays.copyOfRange(chunk, chunk.length - 1, chunk.length);
        }
    }

    private void finish(IOException error) {
        file = null;
        consumer.unregisterProducer();
        Deferred<byte[]> d = deferred;
        deferred = null;
        if (d != null) {
            if (error == null) {
                d.callback(lastSent);
            } else {
                d.errback(error);
            }
        }
    }

    /** Nothing to do: a pull producer only writes when asked. */
    public void pauseProducing() {
    }

    /** The consumer is going away: errbacks the transfer's Deferred if it has not fired. */
    @Override
    public void stopProducing() {
        Deferred<byte[]> d = deferred;
        deferred = null;
        file = null;
        if (d != null) {
            d.errback(new IllegalStateException("Consumer asked us to stop producing"));
        }
    }
}
