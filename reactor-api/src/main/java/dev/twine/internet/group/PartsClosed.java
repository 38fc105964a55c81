package dev.twine.internet.group;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The close of a group port made of one part per member ({@link GroupPort}, {@link GroupDatagramPort}): counts
 * the parts still open, keeps the first error a part's stop raised, and completes one future when the last
 * part has closed, exceptionally with that error if there was one.
 *
 * <p>Threading: thread-safe; parts close on their own members' threads.
 */
final class PartsClosed {
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final CompletableFuture<Void> future = new CompletableFuture<>();

    /** Sets how many parts must close; called once, before any part can close. */
    void expect(int parts) {
        open.set(parts);
    }

    /** Keeps {@code e} for the future if it is the first error; returns false if one was already kept. */
    boolean recordError(Throwable e) {
        return firstError.compareAndSet(null, e);
    }

    /**
     * One part closed. The last one runs {@code lastly} (when not null: what must happen once the whole port
     * has closed, and may {@link #recordError}), then completes {@link #future()}.
     */
    void partClosed(Runnable lastly) {
        if (open.decrementAndGet() != 0) {
            return;
        }
        if (lastly != null) {
            lastly.run();
        }
        Throwable e = firstError.get();
        if (e == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(e);
        }
    }

    /** Completes when every part has closed; the same future on every call. */
    CompletableFuture<Void> future() {
        return future;
    }
}
