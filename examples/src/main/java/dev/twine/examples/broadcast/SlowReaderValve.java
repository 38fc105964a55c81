package dev.twine.examples.broadcast;

import dev.twine.internet.IPushProducer;
import dev.twine.internet.ITCPTransport;
import java.util.ArrayDeque;

/**
 * The broadcast server's backpressure policy for one client, built on the transport's
 * producer/consumer API.
 *
 * <p>The valve registers itself with the client's transport as a streaming producer. The transport
 * pauses it when more than 64 KiB wait to be sent to that client (§1.8) and resumes it once they have
 * all been sent. The policy:
 * <ol>
 *   <li>While the valve is open, relayed messages go straight to the transport.</li>
 *   <li>While it is paused, messages wait in a per-client backlog, in order, and are written when the
 *       transport resumes the valve. A client that is merely a little behind therefore loses nothing.</li>
 *   <li>If the backlog would exceed {@link #MAX_BACKLOG} bytes, the client is not reading: it is
 *       disconnected at once ({@code abortConnection}, which also frees everything buffered for it),
 *       and the server logs {@code lost connect: ID}.</li>
 * </ol>
 * So the memory held for any client is at most about 64 KiB in the transport, plus one message, plus
 * {@code MAX_BACKLOG}, and a client that never reads costs the others nothing: nothing ever waits for
 * it. (Pausing the senders instead would let one stuck reader stall every conversation.)
 *
 * <p>Threading: reactor thread only.
 */
final class SlowReaderValve implements IPushProducer {
    /** Bytes a paused client may have waiting beyond the transport's own buffer before it is dropped. */
    static final long MAX_BACKLOG = 1024 * 1024;

    private final ITCPTransport transport;
    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    private long backlogBytes;
    private boolean paused;
    private boolean stopped;
    private boolean overflowed;

    SlowReaderValve(ITCPTransport transport) {
        this.transport = transport;
    }

    /** Registers with the transport. */
    void attach() {
        transport.registerProducer(this, true);
    }

    /** Unregisters, so that a {@code loseConnection} can complete. */
    void detach() {
        if (!stopped) {
            stopped = true;
            transport.unregisterProducer();
        }
        backlog.clear();
        backlogBytes = 0;
    }

    /**
     * Sends {@code message} to the client, or queues it while the client is behind, or, if that would
     * put it more than {@link #MAX_BACKLOG} behind, drops the client (see {@link #overflowed()}).
     * Messages for a client that is gone or going are discarded.
     */
    void offer(byte[] message) {
        if (stopped || overflowed) {
            return;
        }
        if (!paused) {
            transport.write(message);
            return;
        }
        if (backlogBytes + message.length > MAX_BACKLOG) {
            overflowed = true;
            backlog.clear();
            backlogBytes = 0;
            transport.abortConnection();
            return;
        }
        backlog.add(message);
        backlogBytes += message.length;
    }

    /** True once the client was dropped for not reading. */
    boolean overflowed() {
        return overflowed;
    }

    /** Bytes waiting in the backlog. */
    long backlogBytes() {
        return backlogBytes;
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    /**
     * The transport has sent everything: write the backlog. A write may pause the valve again
     * synchronously (the transport clears its flag before calling this), which stops the loop.
     */
    @Override
    public void resumeProducing() {
        paused = false;
        while (!paused && !stopped && !backlog.isEmpty()) {
            byte[] next = backlog.poll();
            backlogBytes -= next.length;
            transport.write(next);
        }
    }

    /** The connection is going away. */
    @Override
    public void stopProducing() {
        stopped = true;
        backlog.clear();
        backlogBytes = 0;
    }
}
