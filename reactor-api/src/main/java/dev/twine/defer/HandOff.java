package dev.twine.defer;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Fires waiters' Deferreds for a lock, semaphore or queue without recursion (Twisted #9304).
 *
 * <p>In Twisted, {@code release()} fires the next waiter's Deferred directly; if that waiter's callback
 * releases in turn, the next one fires one frame deeper, and a few hundred synchronous waiters exhaust the
 * stack. Here the primitive still picks the next waiter synchronously (so its state, such as
 * {@code locked}, is exactly Twisted's), but the waiter's Deferred is fired by the outermost
 * {@link #deliver} on the stack: a nested {@code deliver} only queues. Waiters are therefore served in the
 * same order, each after the previous waiter's callback has returned, in constant stack depth.
 *
 * <p>Not thread-safe; owned by one primitive, used on one thread.
 */
final class HandOff {
    private record Pending(Deferred<Object> waiter, Object value) {
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean delivering;

    /** Fires {@code waiter} with {@code value}: now, or, if a delivery is under way, right after it. */
    @SuppressWarnings("unchecked")
    void deliver(Deferred<?> waiter, Object value) {
        queue.add(new Pending((Deferred<Object>) waiter, value));
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            Pending p;
            while ((p = queue.poll()) != null) {
                if (!p.waiter.called()) {
                    p.waiter.callback(p.value);
                }
            }
        } finally {
            delivering = false;
        }
    }

    /**
     * If {@code waiter} has been given its value but not yet fired, fires it now and returns true. Used by
     * cancellers: a waiter that already holds the lock (or item) cannot be cancelled, as in Twisted where
     * it would already have fired.
     */
    boolean deliverNow(Deferred<?> waiter) {
        for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.waiter == waiter) {
                it.remove();
                p.waiter.callback(p.value);
                return true;
            }
        }
        return false;
    }
}
