package dev.twine.examples.poetry;

import dev.twine.internet.IPullProducer;
import dev.twine.internet.ITransport;

/**
 * Writes one poem to a transport as a pull producer (Twisted's {@code basic.FileSender} idea), then
 * closes the connection with {@code loseConnection}, so every byte is flushed before the close.
 *
 * <p>The transport asks for the next slice only when it has sent the previous one, so however many
 * clients connect, and however slowly they read, each holds at most one {@link #SLICE} of the poem in
 * its write buffer; the poem itself is shared, read-only, by every connection.
 *
 * <p>Threading: reactor thread only.
 */
final class PoemSender implements IPullProducer {
    /** Bytes handed to the transport per request: Twisted's {@code FileSender.CHUNK_SIZE} is 16 KiB. */
    static final int SLICE = 64 * 1024;

    private final ITransport transport;
    private final byte[] poem;
    private int offset;
    private boolean stopped;

    PoemSender(ITransport transport, byte[] poem) {
        this.transport = transport;
        this.poem = poem;
    }

    /** Registers with the transport, which asks for the first slice at once. */
    void start() {
        if (poem.length == 0) {
            transport.loseConnection();
            return;
        }
        transport.registerProducer(this, false);
    }

    @Override
    public void resumeProducing() {
        if (stopped || offset >= poem.length) {
            return;
        }
        int n = Math.min(SLICE, poem.length - offset);
        transport.write(java.nio.ByteBuffer.wrap(poem, offset, n));
        offset += n;
        if (offset == poem.length) {
            // Unregister first: a transport waits for its producer before a loseConnection completes.
            stopped = true;
            transport.unregisterProducer();
            transport.loseConnection();
        }
    }

    /** The connection went away (a reset, a shutdown): nothing more to send. */
    @Override
    public void stopProducing() {
        stopped = true;
    }

    /** Bytes handed to the transport so far. */
    int sent() {
        return offset;
    }
}
