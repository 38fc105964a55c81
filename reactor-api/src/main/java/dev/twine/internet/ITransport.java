package dev.twine.internet;

import java.nio.ByteBuffer;

/**
 * A connection's byte stream (Twisted's {@code ITransport}, semantics.md §1.7). Reactor thread only.
 *
 * <p>Twine's decision: every transport is also an {@link IConsumer} and an {@link IPushProducer}
 * (pausing it stops reading), as every Twisted transport is in practice, so no cast is needed.
 *
 * <p>Writes are never sent inside {@code write}: data is copied into the transport's buffer and sent
 * when the socket is writable (Twine flushes at the end of the reactor iteration). Writes after
 * {@link #loseConnection()} are still delivered before the close; writes after the connection is
 * gone are dropped silently.
 */
public interface ITransport extends IConsumer, IPushProducer {

    /** Buffers all of {@code data} (copied). Empty data is ignored. */
    @Override
    void write(byte[] data);

    /** Buffers {@code data}'s remaining bytes (copied); its position is not moved. */
    void write(ByteBuffer data);

    /** Buffers each element in order and sends them with one gathering write where possible. */
    void writeSequence(Iterable<byte[]> data);

    /**
     * Closes after everything buffered has been written (and any producer unregistered): no more
     * {@code dataReceived}, then {@code connectionLost(ConnectionDone)}. Repeated calls are no-ops.
     */
    void loseConnection();

    /** The remote address. */
    IAddress getPeer();

    /** The local address. */
    IAddress getHost();

    /**
     * True once {@link #loseConnection()} was called and until the connection is gone (Twisted's
     * {@code transport.disconnecting}). Framing protocols check it to stop delivering lines that were
     * already buffered when the application asked to close (semantics.md §1.15). Transports that cannot close
     * gracefully keep the default, {@code false}.
     */
    default boolean isDisconnecting() {
        return false;
    }
}
