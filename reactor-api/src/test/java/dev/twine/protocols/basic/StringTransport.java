package dev.twine.protocols.basic;

import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProducer;
import dev.twine.internet.ITCPTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An in-memory transport for protocol unit tests (Twisted's {@code StringTransport}, semantics.md §1.17): it records
 * what is written and how the protocol asked it to close or pause, and sends nothing anywhere.
 *
 * <p>As in Twisted, {@link #loseConnection()} only sets {@link #isDisconnecting()}; the test decides
 * whether and when the protocol's {@code connectionLost} follows.
 */
final class StringTransport implements ITCPTransport {
    /** Twisted's {@code producerState}. */
    enum ProducerState { PRODUCING, PAUSED, STOPPED }

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean disconnecting;
    private boolean aborted;
    private ProducerState producerState = ProducerState.PRODUCING;
    private IProducer producer;

    /** Everything written so far. */
    byte[] value() {
        return written.toByteArray();
    }

    /** Forgets what was written. */
    void clear() {
        written.reset();
    }

    ProducerState producerState() {
        return producerState;
    }

    boolean aborted() {
        return aborted;
    }

    @Override
    public void write(byte[] data) {
        written.writeBytes(data);
    }

    @Override
    public void write(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        written.writeBytes(copy);
    }

    @Override
    public void writeSequence(Iterable<byte[]> data) {
        for (byte[] b : data) {
            written.writeBytes(b);
        }
    }

    @Override
    public void loseConnection() {
        disconnecting = true;
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting;
    }

    @Override
    public void loseWriteConnection() {
        disconnecting = true;
    }

    @Override
    public void abortConnection() {
        aborted = true;
        disconnecting = true;
    }

    @Override
    public IAddress getPeer() {
        return new IPv4Address("TCP", "192.168.1.1", 54321);
    }

    @Override
    public IAddress getHost() {
        return new IPv4Address("TCP", "10.0.0.1", 12345);
    }

    @Override
    public void registerProducer(IProducer p, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("Cannot register two producers");
        }
        producer = p;
    }

    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("Cannot unregister a producer unless one is registered");
        }
        producer = null;
    }

    @Override
    public void pauseProducing() {
        producerState = ProducerState.PAUSED;
    }

    @Override
    public void resumeProducing() {
        producerState = ProducerState.PRODUCING;
    }

    @Override
    public void stopProducing() {
        producerState = ProducerState.STOPPED;
    }

    @Override
    public boolean getTcpNoDelay() {
        return false;
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
    }

    @Override
    public boolean getTcpKeepAlive() {
        return false;
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
    }
}
