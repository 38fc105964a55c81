package dev.twine.defer;

import java.util.concurrent.Callable;

/**
 * What {@link DeferredLock} and {@link DeferredSemaphore} share (Twisted's {@code _ConcurrencyPrimitive}):
 * {@link #acquire()}, {@link #release()} and {@link #run(Callable)}.
 *
 * @param <S> the concrete primitive, which {@link #acquire()}'s Deferred fires with
 */
public abstract class ConcurrencyPrimitive<S extends ConcurrencyPrimitive<S>> {
    /** The waiters' Deferreds are fired through this, never recursively. */
    final HandOff handOff = new HandOff();

    ConcurrencyPrimitive() {
    }

    /**
     * A Deferred that fires with this primitive once it is acquired: at once if it is free, otherwise after
     * the waiters before it (FIFO). Cancelling it while it waits removes it from the queue (it errbacks
     * with {@link CancelledError}); cancelling it once acquired does nothing.
     */
    public abstract Deferred<S> acquire();

    /**
     * Releases one acquisition. If anyone is waiting, the first waiter acquires at once and its Deferred
     * fires before this returns, or, when called from inside a waiter's callback, right after that callback
     * returns, so that thousands of synchronous waiters do not deepen the stack.
     *
     * @throws IllegalStateException when released more often than acquired
     */
    public abstract void release();

    /**
     * Acquires, calls {@code f}, and releases when it is done: if {@code f} returns a Deferred, once that
     * fires. Returns a Deferred of {@code f}'s result or failure; {@code T} is chosen by the caller.
     */
    @SuppressWarnings("unchecked")
    public <T> Deferred<T> run(Callable<?> f) {
        return (Deferred<T>) acquire().addDeferredCallback(ignored -> Deferred.maybeDeferred(f).addBoth(r -> {
            release();
            return r;
        }));
    }
}
