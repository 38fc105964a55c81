package dev.twine.defer;

import java.util.ArrayDeque;

/**
 * An event-driven queue (Twisted's {@code defer.DeferredQueue}, semantics.md §1.11). {@link #get()} returns a Deferred
 * that fires with the next item: at once if one is buffered, otherwise when one is {@link #put}. Items go
 * to the oldest waiting getter first; hand-over to many synchronous getters is iterative.
 *
 * <p>{@code size} bounds the buffer ({@link QueueOverflow} beyond it) and {@code backlog} the number of
 * waiting getters ({@link QueueUnderflow} beyond it); both are unbounded by default. Items may be
 * {@code null}. Not thread-safe: use it on one thread, normally the reactor's.
 *
 * @param <T> the item type
 */
public final class DeferredQueue<T> {
    /** Stands in for a null item, which ArrayDeque cannot hold. */
    private static final Object NULL_ITEM = new Object();

    private final ArrayDeque<Deferred<T>> waiting = new ArrayDeque<>();
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final HandOff handOff = new HandOff();
    private final int size;
    private final int backlog;

    /** An unbounded queue. */
    public DeferredQueue() {
        this(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A queue buffering at most {@code size} items with at most {@code backlog} waiting getters; use
     * {@link Integer#MAX_VALUE} for no limit.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public DeferredQueue(int size, int backlog) {
        if (size < 0 || backlog < 0) {
            throw new IllegalArgumentException("size and backlog must be >= 0");
        }
        this.size = size;
        this.backlog = backlog;
    }

    /**
     * Gives {@code item} to the oldest waiting getter, or buffers it.
     *
     * @throws QueueOverflow if nobody is waiting and the buffer is full
     */
    public void put(T item) {
        Deferred<T> getter = waiting.poll();
        if (getter != null) {
            handOff.deliver(getter, item);
        } else if (pending.size() < size) {
            pending.add(item == null ? NULL_ITEM : item);
        } else {
            throw new QueueOverflow();
        }
    }

    /**
     * A Deferred firing with the next item. Cancelling it while it waits removes it from the queue (it
     * errbacks with {@link CancelledError}); cancelling it once it has its item does nothing.
     *
     * @throws QueueUnderflow if no item is buffered and {@code backlog} getters are already waiting
     */
    @SuppressWarnings("unchecked")
    public Deferred<T> get() {
        Object item = pending.poll();
        if (item != null) {
            return Deferred.succeed(item == NULL_ITEM ? null : (T) item);
        }
        if (waiting.size() >= backlog) {
            throw new QueueUnderflow();
        }
        Deferred<T> d = new Deferred<>(this::cancelGet);
        waiting.add(d);
        return d;
    }

    private void cancelGet(Deferred<T> d) {
        if (!waiting.remove(d)) {
            handOff.deliverNow(d);
        }
    }

    /** How many items are buffered. */
    public int pendingCount() {
        return pending.size();
    }

    /** How many getters are waiting. */
    public int waitingCount() {
        return waiting.size();
    }
}
