package dev.twine.internet.tcp;

import dev.twine.internet.IProducer;
import dev.twine.internet.IPullProducer;
import dev.twine.internet.IPushProducer;
import java.lang.System.Logger.Level;

/**
 * The producer side of a transport's {@link dev.twine.internet.IConsumer} role (Twisted's
 * {@code abstract._ConsumerMixin} plus the producer half of {@code FileDescriptor.doWrite}, semantics.md §1.8).
 *
 * <ul>
 *   <li>A <b>streaming</b> (push) producer is paused when more than {@link #PAUSE_THRESHOLD} bytes are
 *       buffered, strictly greater, checked after every write, so it is paused again on each write made
 *       while above the threshold (Twisted's {@code _maybePauseProducer}).</li>
 *   <li>It is resumed only when the buffer has <em>completely</em> drained, and only if this coupling
 *       paused it; {@code producerPaused} is cleared <em>before</em> {@code resumeProducing()} runs, so a
 *       producer that refills the buffer synchronously is paused again correctly
 *       ({@code test_reentrantStreamingProducerUsingWrite}).</li>
 *   <li>A <b>pull</b> producer is resumed once at registration and again on every drain; it is never
 *       paused ({@code test_dontPausePullConsumerOnWrite}).</li>
 * </ul>
 *
 * <p>Threading: reactor thread only.
 */
final class ProducerCoupling {
    /** Twisted's {@code FileDescriptor.bufferSize}, {@code 2**2**2**2} = 64 KiB. */
    static final long PAUSE_THRESHOLD = 65536;

    private static final System.Logger LOG = System.getLogger(ProducerCoupling.class.getName());

    private IProducer producer;
    private boolean streaming;
    private boolean producerPaused;

    /** True while a producer is registered. */
    boolean isRegistered() {
        return producer != null;
    }

    /** True if the registered producer is a streaming one that this coupling paused. */
    boolean isPaused() {
        return producerPaused;
    }

    /**
     * Registers {@code p}; a pull producer is resumed at once, synchronously (Twisted's
     * {@code registerProducer}). The caller has already handled the disconnected case.
     *
     * @throws IllegalStateException    if a producer is registered (Twisted raises RuntimeError)
     * @throws IllegalArgumentException if {@code p} cannot be driven the way {@code streaming} says
     */
    void register(IProducer p, boolean isStreaming) {
        requireNone(p);
        if (isStreaming && !(p instanceof IPushProducer)) {
            throw new IllegalArgumentException("a streaming producer must be an IPushProducer: " + p);
        }
        if (!isStreaming && !(p instanceof IPullProducer) && !(p instanceof IPushProducer)) {
            throw new IllegalArgumentException("a pull producer must have resumeProducing(): " + p);
        }
        producer = p;
        streaming = isStreaming;
        producerPaused = false;
        if (!isStreaming) {
            resume(p);
        }
    }

    /**
     * Checks that no producer is registered.
     *
     * @throws IllegalStateException if one is (Twisted raises RuntimeError, {@code test_doubleProducer})
     */
    void requireNone(IProducer p) {
        if (producer != null) {
            throw new IllegalStateException("Cannot register producer " + p + ", because producer "
                    + producer + " was never unregistered.");
        }
    }

    /** Forgets the producer without telling it anything (Twisted's {@code unregisterProducer}). */
    void unregister() {
        producer = null;
        producerPaused = false;
    }

    /** Pauses a streaming producer if {@code buffered} exceeds the threshold; called after each write. */
    void maybePause(long buffered) {
        if (producer != null && streaming && buffered > PAUSE_THRESHOLD) {
            producerPaused = true;
            ((IPushProducer) producer).pauseProducing();
        }
    }

    /**
     * The write buffer has just drained completely: resumes a pull producer, or a streaming producer
     * this coupling had paused. Exceptions from the producer propagate (the reactor then closes the
     * connection with that exception, as Twisted's {@code doWrite} does).
     */
    void bufferDrained() {
        IProducer p = producer;
        if (p != null && (!streaming || producerPaused)) {
            producerPaused = false;
            resume(p);
        }
    }

    /**
     * The connection is gone: tells the producer to stop for good and forgets it. An exception from
     * {@code stopProducing} is logged ("Error stopping producer", as Twisted's
     * {@code FileDescriptor.connectionLost}) and does not stop the rest of the close.
     */
    void connectionLost(String logPrefix) {
        IProducer p = producer;
        producer = null;
        producerPaused = false;
        if (p != null) {
            try {
                p.stopProducing();
            } catch (RuntimeException | Error e) {
                Callbacks.rethrowIfFatal(e);
                LOG.log(Level.ERROR, logPrefix + ": Error stopping producer " + p, e);
            }
        }
    }

    private static void resume(IProducer p) {
        if (p instanceof IPullProducer pull) {
            pull.resumeProducing();
        } else {
            ((IPushProducer) p).resumeProducing();
        }
    }
}
