package dev.twine.defer;

import java.util.ArrayDeque;

/**
 * A semaphore for event-driven code (Twisted's {@code defer.DeferredSemaphore}, semantics.md §1.11): at most
 * {@link #limit()} holders at once, FIFO waiters, iterative hand-over (Twisted #9304). Not thread-safe:
 * use it on one thread, normally the reactor's.
 */
public final class DeferredSemaphore extends ConcurrencyPrimitive<DeferredSemaphore> {
    private final ArrayDeque<Deferred<DeferredSemaphore>> waiting = new ArrayDeque<>();
    private final int limit;
    private int tokens;

    /**
     * A semaphore with {@code tokens} tokens.
     *
     * @throws IllegalArgumentException if {@code tokens < 1}
     */
    public DeferredSemaphore(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("DeferredSemaphore requires tokens >= 1");
        }
        this.tokens = tokens;
        this.limit = tokens;
    }

    @Override
    public Deferred<DeferredSemaphore> acquire() {
        Deferred<DeferredSemaphore> d = new Deferred<>(this::cancelAcquire);
        if (tokens == 0) {
            waiting.add(d);
        } else {
            tokens--;
            d.callback(this);
        }
        return d;
    }

    @Override
    public void release() {
        if (tokens >= limit) {
            throw new IllegalStateException("Someone released me too many times: too many tokens!");
        }
        Deferred<DeferredSemaphore> next = waiting.poll();
        if (next == null) {
            tokens++;
        } else {
            // The token passes straight to the next waiter.
            handOff.deliver(next, this);
        }
    }

    private void cancelAcquire(Deferred<DeferredSemaphore> d) {
        if (!waiting.remove(d)) {
            handOff.deliverNow(d);
        }
    }

    /** Tokens available now: {@link #limit()} minus the current holders. */
    public int tokens() {
        return tokens;
    }

    /** The number of tokens it was created with. */
    public int limit() {
        return limit;
    }

    /** How many acquirers are waiting. */
    public int waiting() {
        return waiting.size();
    }
}
