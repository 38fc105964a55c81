package dev.twine.internet.threads;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IReactorThreads;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Running blocking code in threads and getting its results back on the reactor thread (Twisted's
 * {@code twisted.internet.threads}, semantics.md §3.13).
 *
 * <ul>
 *   <li>{@link #deferToThread} and {@link #deferToThreadPool} run a function in a pool thread and return
 *       a Deferred that fires <em>on the reactor thread</em> (through {@code callFromThread}) with its
 *       result, or errbacks with what it threw. Call them on the reactor thread.</li>
 *   <li>{@link #blockingCallFromThread} is the reverse: a non-reactor thread runs a function on the
 *       reactor thread and waits for the Deferred it returns, getting its value or having its failure's
 *       exception thrown. On the reactor thread itself it would wait for ever, so there it is refused
 *       at once with {@link IllegalStateException}. It cannot tell that a reactor has not yet been
 *       started by the calling thread; do not call it from the thread that will run the reactor.</li>
 *   <li>{@link #callMultipleInThread} runs several functions, in order, in one pool thread.</li>
 * </ul>
 */
public final class Threads {
    private Threads() {
    }

    /**
     * Runs {@code f} in the reactor's thread pool ({@link IReactorThreads#getThreadPool()}); see the class
     * comment. Reactor thread only.
     */
    public static <T> Deferred<T> deferToThread(IReactorThreads reactor, Callable<? extends T> f) {
        return deferToThreadPool(reactor, reactor.getThreadPool(), f);
    }

    /**
     * Runs {@code f} on {@code pool}; the Deferred fires on the reactor thread with its result or errbacks
     * with what it threw. A pool that refuses the work gives a Deferred that has already failed with the
     * {@link RejectedExecutionException}.
     */
    public static <T> Deferred<T> deferToThreadPool(IReactorThreads reactor, Executor pool, Callable<? extends T> f) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(f, "f");
        Deferred<T> d = new Deferred<>();
        try {
            pool.execute(() -> {
                T result;
                try {
                    result = f.call();
                } catch (Throwable t) {
                    Failure failure = new Failure(t);
                    reactor.callFromThread(() -> d.errback(failure));
                    return;
                }
                reactor.callFromThread(() -> d.callback(result));
            });
        } catch (RejectedExecutionException e) {
            return Deferred.fail(e);
        }
        return d;
    }

    /**
     * Runs {@code f} on the reactor thread and waits for the Deferred it returns (wrap a plain value in
     * {@link Deferred#succeed}). Thread-safe; never on the reactor thread.
     *
     * @return the Deferred's result
     * @throws IllegalStateException on the reactor thread, before anything is scheduled
     * @throws Exception             the exception of the Deferred's failure (or what {@code f} threw);
     *                               {@link InterruptedException} if the waiting thread is interrupted
     */
    public static <T> T blockingCallFromThread(IReactorThreads reactor, Callable<? extends Deferred<? extends T>> f)
            throws Exception {
        if (reactor.isInIOThread()) {
            throw new IllegalStateException("blockingCallFromThread called on the reactor thread: it would wait "
                    + "for the reactor, which cannot run while this thread waits");
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        reactor.callFromThread(() -> Deferred.<T>maybeDeferred(f).addBoth(result -> {
            outcome.complete(result);
            return null;
        }));
        Object result;
        try {
            result = outcome.get();
        } catch (ExecutionException e) {
            // Never completed exceptionally: every outcome, failures included, is a value.
            throw new IllegalStateException(e);
        }
        if (result instanceof Failure failure) {
            failure.raiseException();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result;
        return value;
    }

    /**
     * Runs {@code calls}, in order, one after another in a single thread of the reactor's pool
     * ({@link IReactorThreads#callInThread}). An exception is logged there and ends the sequence, as in
     * Twisted. Reactor thread only.
     */
    public static void callMultipleInThread(IReactorThreads reactor, List<? extends Runnable> calls) {
        List<Runnable> copy = List.copyOf(calls);
        reactor.callInThread(() -> {
            for (Runnable r : copy) {
                r.run();
            }
        });
    }
}
