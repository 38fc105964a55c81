package dev.twine.defer;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;

import java.util.Objects;

/** {@link Deferred#addTimeout} (Twisted's {@code Deferred.addTimeout}, semantics.md §1.11). */
final class Timeouts {
    private Timeouts() {
    }

    static void add(Deferred<?> d, double seconds, IReactorTime clock, Deferred.OnTimeoutCancel onTimeoutCancel) {
        Objects.requireNonNull(onTimeoutCancel, "onTimeoutCancel");
        boolean[] timedOut = {false};
        IDelayedCall timer = clock.callLater(seconds, () -> {
            timedOut[0] = true;
            d.cancel();
        });
        // Added now, these two run after the callbacks added so far and before any added later: the
        // timeout covers exactly the former. Only a cancellation caused by the timer is translated.
        d.addBoth(r -> timedOut[0] ? onTimeoutCancel.onTimeout(r, seconds) : r);
        d.addBoth(r -> {
            if (timer.active()) {
                timer.cancel();
            }
            return r;
        });
    }

    /** The default translation: a {@link CancelledError} failure becomes {@link TimeoutError}. */
    static Object cancelledToTimeoutError(Object result, double timeout) throws Exception {
        if (result instanceof Failure) {
            ((Failure) result).trap(CancelledError.class);
            throw new TimeoutError(timeout, "Deferred");
        }
        return result;
    }
}
