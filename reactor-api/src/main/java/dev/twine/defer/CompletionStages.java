package dev.twine.defer;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link CompletionStage} interop for {@link Deferred} (Twisted's {@code Deferred.fromFuture} and
 * {@code asFuture}, adapted to Java's threading).
 *
 * <p>A {@code CompletionStage} may complete on any thread; a Deferred belongs to one. Each direction
 * therefore takes an optional {@code hop} (the reactor's {@code callFromThread}) that moves the work crossing
 * over to the Deferred's thread; without it the work runs on whatever thread triggers it, which is right
 * only when that thread owns the Deferred.
 */
final class CompletionStages {
    private CompletionStages() {
    }

    static <T> Deferred<T> toDeferred(CompletionStage<T> stage, Executor hop) {
        CompletableFuture<T> future = futureOf(stage);
        // Cancelling the Deferred cancels the future. Without a hop the future's completion then fires the
        // Deferred synchronously (with CancelledError); with a hop it fires later, so cancel() errbacks the
        // Deferred itself and the hopped completion finds it already fired.
        Deferred<T> d = new Deferred<>(future == null ? null : ignored -> future.cancel(false));
        stage.whenComplete((value, error) -> {
            Runnable fire = () -> {
                if (d.called()) {
                    return;
                }
                if (error == null) {
                    d.callback(value);
                } else {
                    d.errback(translate(error));
                }
            };
            if (hop == null) {
                fire.run();
            } else {
                hop.execute(fire);
            }
        });
        return d;
    }

    static <T> CompletableFuture<T> toFuture(Deferred<T> d, Executor hop) {
        CompletableFuture<T> future = new CompletableFuture<>();
        AtomicBoolean settledByDeferred = new AtomicBoolean();
        d.addCallbacks(value -> {
            settledByDeferred.set(true);
            future.complete(value);
            return null;
        }, failure -> {
            settledByDeferred.set(true);
            future.completeExceptionally(failure.value());
            return null;
        });
        future.whenComplete((value, error) -> {
            if (!future.isCancelled() || settledByDeferred.get()) {
                return;
            }
            if (hop == null) {
                d.cancel();
            } else {
                hop.execute(d::cancel);
            }
        });
        return future;
    }

    /** The stage as a CompletableFuture for cancelling, or null if it does not support that. */
    private static <T> CompletableFuture<T> futureOf(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Unwraps the wrappers CompletableFuture adds and maps cancellation to Twisted's CancelledError. */
    static Throwable translate(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CancellationException && !(t instanceof CancelledError)) {
            return new CancelledError(t.getMessage(), t);
        }
        return t;
    }
}
