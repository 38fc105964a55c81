package dev.twine.examples.broadcast;

import dev.twine.internet.IPushProducer;
import dev.twine.internet.ITCPTransport;

/**
 * The broadcast server's backpressure policy for one receiving client, built on the transport's
 * producer/consumer API.
 *
 * <p>The valve registers itself with the client's transport as a streaming producer. The transport
 * pauses it when more than 64 KiB wait to be sent to that client, and resumes it once everything has
 * been sent (semantics.md §1.8). The policy:
 * <ol>
 *   <li>Relayed messages always go to the transport at once, whether or not the valve is paused, so a
 *       client that reads keeps getting every byte, in order, as fast as its socket takes them (the
 *       transport writes whatever the kernel accepts on each writable event).</li>
 *   <li>While the valve is paused, the bytes written are counted. A resume means the client caught up
 *       completely, and the count starts again from zero.</li>
 *   <li>If a paused client's count would exceed {@link #MAX_BEHIND}, the client is not keeping up: it is
 *       disconnected at once with {@code abortConnection} (which frees everything buffered for it), and
 *       the server logs that it dropped the client.</li>
 * </ol>
 * So the memory held for any client is bounded by 64 KiB plus {@code MAX_BEHIND} plus one message,
 * and a client that never reads costs the others nothing: no sender ever waits for it, so it cannot
 * stall them. The alternative, pausing the senders while a receiver is behind, would let one stuck
 * reader stop every conversation.
 *
 * <p>{@code MAX_BEHIND} is sized for bursts: in one reactor iteration the server may read up to 1 MiB
 * from one sender (16 reads of 64 KiB) before the receivers' sockets get a chance to drain, so a healthy
 * reader can be that far behind for a moment.
 *
 * <p>Threading: reactor thread only.
 */
final class SlowReaderValve implements IPushProducer {
    /** Bytes a client may fall behind (beyond the transport's 64 KiB) before it is dropped. */
    static final long MAX_BEHIND = 4L * 1024 * 1024;

    private final ITCPTransport transport;
    private long behind;
    private boolean paused;
    private boolean stopped;
    private boolean dropped;

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
    }

    /**
     * Sends {@code message} to the client unless that would put it more than {@link #MAX_BEHIND} behind,
     * in which case the client is dropped (see {@link #dropped()}). Messages for a client that is gone
     * or going are discarded.
     */
    void offer(byte[] message) {
        if (stopped || dropped) {
            return;
        }
        if (paused) {
            if (behind + message.length > MAX_BEHIND) {
                dropped = true;
                transport.abortConnection();
                return;
            }
            behind += message.length;
        }
        // May pause this valve synchronously, when the transport's buffer passes 64 KiB.
        transport.write(message);
    }

    /** True once the client was dropped for not keeping up. */
    boolean dropped() {
        return dropped;
    }

    /** Bytes written since the transport paused the valve (0 when it is not paused). */
    long behind() {
        return behind;
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    /** The transport has sent everything: the client has caught up. */
    @Override
    public void resumeProducing() {
        paused = false;
        behind = 0;
    }

    /** The connection is going away. */
    @Override
    public void stopProducing() {
        stopped = true;
    }
}
