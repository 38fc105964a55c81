package dev.twine.testing;

import dev.twine.internet.IAddress;
import dev.twine.internet.IProducer;
import dev.twine.internet.ITCPTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What every in-memory transport of this kit does the same way: it keeps written bytes in a buffer, reports
 * fixed host and peer addresses, follows Twisted's producer-registration rules and remembers the TCP
 * options it is given. {@link StringTransport} (bytes stay for the test to read) and {@link FakeTransport}
 * (bytes wait for the {@link IOPump}) differ only in closing, pausing and whether a write is still
 * accepted, which they define themselves.
 *
 * <p>Package-private on purpose: it is how the two doubles share code, not a type users program against.
 * Not thread-safe; the test's thread is the only one.
 */
abstract class MemoryTransport implements ITCPTransport {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final IAddress host;
    private final IAddress peer;
    private IProducer producer;
    private boolean streaming;
    private boolean tcpNoDelay;
    private boolean tcpKeepAlive;

    MemoryTransport(IAddress host, IAddress peer) {
        this.host = host;
        this.peer = peer;
    }

    /**
     * Whether a write is kept now. A transport whose connection is going or gone drops writes silently, as
     * a TCP transport does; one that only records (StringTransport) keeps everything.
     */
    boolean acceptsWrites() {
        return true;
    }

    /** The bytes written and still buffered. */
    final byte[] writtenBytes() {
        return written.toByteArray();
    }

    /** The buffered bytes decoded one char per byte. */
    final String writtenAsLatin1() {
        return written.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** True if any written byte is still buffered. */
    final boolean hasWritten() {
        return written.size() > 0;
    }

    /** Forgets the buffered bytes. */
    final void discardWritten() {
        written.reset();
    }

    /** The registered producer, or {@code null} (Twisted's {@code producer} attribute). */
    public IProducer producer() {
        return producer;
    }

    /** Whether the registered producer is a streaming (push) producer (Twisted's {@code streaming}). */
    boolean isStreaming() {
        return streaming;
    }

    /** Buffers {@code data} if {@link #acceptsWrites()}; a null array is a programming error either way. */
    @Override
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (acceptsWrites()) {
            written.writeBytes(data);
        }
    }

    /** Buffers {@code data}'s remaining bytes; its position is not moved, as {@code ITransport} requires. */
    @Override
    public void write(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        write(copy);
    }

    @Override
    public void writeSequence(Iterable<byte[]> data) {
        for (byte[] b : data) {
            write(b);
        }
    }

    @Override
    public IAddress getPeer() {
        return peer;
    }

    @Override
    public IAddress getHost() {
        return host;
    }

    /**
     * Registers {@code p}.
     *
     * @throws IllegalStateException if a producer is registered already (Twisted raises RuntimeError)
     */
    @Override
    public void registerProducer(IProducer p, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("Cannot register producer " + p + ", because producer " + producer
                    + " was never unregistered.");
        }
        producer = Objects.requireNonNull(p, "producer");
        this.streaming = streaming;
    }

    /**
     * Unregisters the producer.
     *
     * @throws IllegalStateException if none is registered
     */
    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("Cannot unregister a producer unless one is registered");
        }
        producer = null;
        streaming = false;
    }

    @Override
    public boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        tcpNoDelay = enabled;
    }

    @Override
    public boolean getTcpKeepAlive() {
        return tcpKeepAlive;
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        tcpKeepAlive = enabled;
    }
}
