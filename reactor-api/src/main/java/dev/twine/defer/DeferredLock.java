package dev.twine.defer;

import java.util.ArrayDeque;

/**
 * A lock for event-driven code (Twisted's {@code defer.DeferredLock}, semantics.md §1.11):
 * {@link #acquire()} returns a Deferred that fires when the caller holds the lock, waiters are served
 * first come first served, and hand-over to thousands of waiters is iterative (Twisted #9304). Not
 * thread-safe: a DeferredLock orders callbacks on one thread (the reactor's); it is no substitute for a
 * Java lock.
 */
public final class DeferredLock extends ConcurrencyPrimitive<DeferredLock> {
    private final ArrayDeque<Deferred<DeferredLock>> waiting = new ArrayDeque<>();
    private boolean locked;

    /** An unlocked lock. */
    public DeferredLock() {
    }

    @Override
    public Deferred<DeferredLock> acquire() {
        Deferred<DeferredLock> d = new Deferred<>(this::cancelAcquire);
        if (locked) {
            waiting.add(d);
        } else {
            locked = true;
            d.callback(this);
        }
        return d;
    }

    @Override
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Tried to release an unlocked lock");
        }
        Deferred<DeferredLock> next = waiting.poll();
        if (next == null) {
            locked = false;
        } else {
            // The lock passes straight to the next waiter and stays locked.
            handOff.deliver(next, this);
        }
    }

    private void cancelAcquire(Deferred<DeferredLock> d) {
        if (!waiting.remove(d)) {
            handOff.deliverNow(d);
        }
    }

    /** Whether someone holds the lock (Twisted's {@code locked}): a non-blocking way to look. */
    public boolean locked() {
        return locked;
    }

    /** How many acquirers are waiting. */
    public int waiting() {
        return waiting.size();
    }
}
