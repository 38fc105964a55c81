package dev.twine.internet.task;

import dev.twine.defer.Deferred;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Twisted's module-level scheduling helpers from {@code twisted.internet.task} (semantics.md §1.13).
 */
public final class Task {
    private Task() {
    }

    /**
     * A Deferred that fires with {@code f}'s result {@code delay} seconds from now on {@code clock}
     * ({@code f} runs then, on the clock's thread). If {@code f} throws, the Deferred errbacks; if it
     * returns a Deferred, that one's result is awaited. Cancelling the Deferred before then cancels the
     * scheduled call, and the Deferred errbacks with {@link dev.twine.defer.CancelledError}.
     *
     * @throws IllegalArgumentException for a delay the clock rejects (NaN, infinite, negative)
     */
    public static <T> Deferred<T> deferLater(IReactorTime clock, double delay, Callable<? extends T> f) {
        Objects.requireNonNull(f, "f");
        return schedule(clock, delay, f);
    }

    /** A Deferred that fires with {@code null} after {@code delay} seconds; see {@link #deferLater}. */
    public static Deferred<Void> deferLater(IReactorTime clock, double delay) {
        return schedule(clock, delay, null);
    }

    private static <T> Deferred<T> schedule(IReactorTime clock, double delay, Callable<? extends T> f) {
        IDelayedCall[] call = new IDelayedCall[1];
        // The canceller stops the timer; it does not fire the Deferred, so cancel() then errbacks it with
        // CancelledError (task.py deferLater).
        Deferred<Object> d = new Deferred<>(ignored -> call[0].cancel());
        Deferred<T> result = d.addCallback(ignored -> f == null ? null : f.call());
        call[0] = clock.callLater(delay, () -> d.callback(null));
        return result;
    }
}
