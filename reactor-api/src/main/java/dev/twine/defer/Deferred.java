package dev.twine.defer;

import dev.twine.internet.IReactorThreads;
import dev.twine.internet.IReactorTime;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A result that is not available yet (Twisted's {@code twisted.internet.defer.Deferred}, semantics.md §1.11).
 *
 * <p><b>The chain.</b> Callbacks are added in (callback, errback) pairs and run in the order added, each
 * receiving the previous one's return value. If the current result is a {@link Failure} the pair's errback
 * runs, otherwise its callback. A callback that returns a {@code Failure} or throws switches to the error
 * path (a thrown exception becomes a {@code Failure}); an errback that returns anything else switches back
 * to the success path. A missing half of a pair passes the result through unchanged.
 *
 * <p><b>Returning a Deferred.</b> A callback or errback may return another Deferred. If that one already
 * has a result (and is not paused) the result is taken at once and the inner Deferred is left holding
 * {@code null}, so an inner failure is not reported twice. Otherwise this Deferred pauses until the inner
 * one fires; the inner one's callbacks added before that point run first, then its result continues down
 * this chain. Processing is iterative: chains of any length, including {@link #chainDeferred} links, run
 * in constant stack depth (Twisted #4593).
 *
 * <p><b>Ordering.</b> Adding a callback to a Deferred that has fired runs it before the add returns,
 * unless the Deferred is paused or is running one of its own callbacks; then it is appended and runs
 * after the current callback returns, never re-entrantly.
 *
 * <p><b>Failures nobody handles</b> are reported through {@link UnhandledFailures}: deterministically (a
 * reactor calls {@link UnhandledFailures#reportAll()} when it stops; tests call
 * {@link UnhandledFailures#assertNone()}) and, failing that, when the Deferred is garbage-collected.
 *
 * <p><b>Threads.</b> A Deferred is not thread-safe. Create, fire and add callbacks to it from one thread at
 * a time, normally the reactor thread; callbacks run on the thread that fires it or adds them. To bring a
 * result in from another thread use {@code IReactorThreads.callFromThread} or
 * {@link #fromCompletionStage(CompletionStage, IReactorThreads)}.
 *
 * <p><b>Types.</b> The type parameter is the type of the current result. {@link #addCallback} returns this
 * same object re-typed to its callback's result type; a callback that returns a {@code Deferred<R>}
 * delivers an {@code R} to the next one, which {@link #addDeferredCallback} expresses in the types.
 *
 * @param <T> the type of the result the next added callback receives
 */
public class Deferred<T> {

    /**
     * A callback or errback. It may return a value, a {@link Failure} (continue on the error path), or a
     * {@link Deferred} to wait on; anything it throws becomes a {@code Failure}.
     */
    @FunctionalInterface
    public interface Callback<A, R> {
        R call(A arg) throws Exception;
    }

    /**
     * Called once by {@link #cancel()} on an unfired Deferred, to stop the underlying operation. It may fire
     * the Deferred (with anything, even success); if it does not, the Deferred errbacks with
     * {@link CancelledError}.
     */
    @FunctionalInterface
    public interface Canceller<T> {
        void cancel(Deferred<T> d);
    }

    /**
     * Twisted's {@code onTimeoutCancel}: given the result the Deferred had right after the timeout cancelled
     * it (usually a {@link CancelledError} failure) and the timeout, returns the result to continue with.
     */
    @FunctionalInterface
    public interface OnTimeoutCancel {
        Object onTimeout(Object result, double timeout) throws Exception;
    }

    /** The result of a Deferred that has not fired. Never a real result. */
    static final Object NO_RESULT = new Object() {
        @Override
        public String toString() {
            return "<no result>";
        }
    };

    private static volatile boolean debugging;

    // State shared with CallbackLoop, DebugInfo and the subclasses in this package.
    Object result = NO_RESULT;
    boolean called;
    int paused;
    boolean runningCallbacks;
    /** Set by CallbackLoop while this Deferred waits on the heap for a chainDeferred target to finish. */
    boolean chainHold;
    boolean suppressAlreadyCalled;
    Deferred<?> chainedTo;
    DebugInfo debugInfo;
    private Canceller<T> canceller;
    private Link head;
    private Link tail;

    /** An unfired Deferred without a canceller: {@link #cancel()} simply errbacks it. */
    public Deferred() {
        this(null);
    }

    /** An unfired Deferred whose {@link #cancel()} calls {@code canceller} first. */
    public Deferred(Canceller<T> canceller) {
        this.canceller = canceller;
        if (debugging) {
            debugInfo = new DebugInfo(this);
            debugInfo.creator = DebugInfo.callerStack();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Adding callbacks

    /**
     * Adds a (callback, errback) pair; {@code errback} may be null to pass failures through. Returns this
     * Deferred, whose next callback receives {@code callback}'s result.
     */
    @SuppressWarnings("unchecked")
    public <R> Deferred<R> addCallbacks(Callback<? super T, R> callback, Callback<Failure, ?> errback) {
        Objects.requireNonNull(callback, "callback");
        append(Link.call(erase(callback), erase(errback)));
        return (Deferred<R>) this;
    }

    /** Adds a callback; failures pass it by. Returns this Deferred, re-typed to the callback's result. */
    public <R> Deferred<R> addCallback(Callback<? super T, R> callback) {
        return addCallbacks(callback, null);
    }

    /**
     * Adds a callback that returns a Deferred; the next callback receives that Deferred's result. (Any
     * callback may return a Deferred; this method only states it in the types.)
     */
    @SuppressWarnings("unchecked")
    public <R> Deferred<R> addDeferredCallback(Callback<? super T, Deferred<R>> callback) {
        return (Deferred<R>) addCallbacks(callback, null);
    }

    /**
     * Adds an errback; results pass it by. Its return value recovers (continues on the success path)
     * unless it is a {@link Failure}; to handle only some errors, use {@link Failure#trap}.
     */
    @SuppressWarnings("unchecked")
    public Deferred<T> addErrback(Callback<Failure, ?> errback) {
        Objects.requireNonNull(errback, "errback");
        append(Link.call(null, erase(errback)));
        return this;
    }

    /** Adds {@code callback} as both callback and errback: it receives a result or a {@link Failure}. */
    @SuppressWarnings("unchecked")
    public <R> Deferred<R> addBoth(Callback<Object, R> callback) {
        Objects.requireNonNull(callback, "callback");
        Callback<Object, Object> both = erase(callback);
        append(Link.call(both, both));
        return (Deferred<R>) this;
    }

    /**
     * Fires {@code other} with this Deferred's result when it is available ({@code callback} or
     * {@code errback} as appropriate); this Deferred's result becomes {@code null}. Firing {@code other}
     * does not affect this one. If {@code other} has already fired, this chain continues with an
     * {@link AlreadyCalledError} failure. Unlike Twisted's, long {@code chainDeferred} chains do not
     * deepen the stack.
     */
    public Deferred<T> chainDeferred(Deferred<T> other) {
        Objects.requireNonNull(other, "other");
        other.chainedTo = this;
        append(Link.chainTo(other));
        return this;
    }

    /** Callbacks are stored untyped: the chain's result type changes from one callback to the next. */
    @SuppressWarnings("unchecked")
    private static Callback<Object, Object> erase(Callback<?, ?> c) {
        return (Callback<Object, Object>) c;
    }

    private void append(Link link) {
        appendLink(link);
        if (called) {
            CallbackLoop.run(this);
        }
    }

    void appendLink(Link link) {
        if (tail == null) {
            head = link;
        } else {
            tail.next = link;
        }
        tail = link;
    }

    Link pollLink() {
        Link l = head;
        if (l != null) {
            head = l.next;
            if (head == null) {
                tail = null;
            }
            l.next = null;
        }
        return l;
    }

    // ---------------------------------------------------------------------------------------------------
    // Firing

    /**
     * Fires with {@code result} and runs the callbacks. A {@link Failure} result behaves as
     * {@link #errback(Failure)}.
     *
     * @throws AlreadyCalledError       if this Deferred has already fired (except for the one call a
     *                                  cancelled, canceller-less Deferred swallows)
     * @throws IllegalArgumentException if {@code result} is a Deferred (return it from a callback instead)
     */
    public void callback(T result) {
        if (result instanceof Deferred) {
            throw new IllegalArgumentException("a Deferred cannot be the result of callback(); return it from a "
                    + "callback to chain it");
        }
        startRunCallbacks(result);
    }

    /** Fires with {@code failure} and runs the errbacks. Same rules as {@link #callback}. */
    public void errback(Failure failure) {
        startRunCallbacks(Objects.requireNonNull(failure, "failure"));
    }

    /** Fires with a {@link Failure} wrapping {@code error}. Same rules as {@link #callback}. */
    public void errback(Throwable error) {
        startRunCallbacks(new Failure(Objects.requireNonNull(error, "error")));
    }

    private void startRunCallbacks(Object r) {
        if (called) {
            if (suppressAlreadyCalled) {
                // cancel() without a canceller: the operation did not know it was cancelled and fires
                // once anyway; that one result is discarded (semantics.md §1.11, test_raisesAfterCancelAndCallback).
                suppressAlreadyCalled = false;
                return;
            }
            throw alreadyCalledError();
        }
        markFired(r);
        CallbackLoop.run(this);
    }

    /** Records the first result. The canceller is dropped: it is never called once the Deferred fired. */
    void markFired(Object r) {
        if (debugging) {
            if (debugInfo == null) {
                debugInfo = new DebugInfo(this);
            }
            debugInfo.invoker = DebugInfo.callerStack();
        }
        called = true;
        canceller = null;
        result = r;
    }

    AlreadyCalledError alreadyCalledError() {
        if (!debugging) {
            return new AlreadyCalledError();
        }
        if (debugInfo == null) {
            debugInfo = new DebugInfo(this);
        }
        return new AlreadyCalledError("\n" + debugInfo.tracebacks());
    }

    /** True once {@link #callback} or {@link #errback} has been called (or a cancel fired it). */
    public boolean called() {
        return called;
    }

    // ---------------------------------------------------------------------------------------------------
    // Pausing and cancelling

    /** Stops callback processing until a matching {@link #unpause()}; calls nest (a counter). */
    public void pause() {
        paused++;
    }

    /**
     * Undoes one {@link #pause()}; at zero, a fired Deferred resumes running its callbacks.
     *
     * @throws IllegalStateException if not paused
     */
    public void unpause() {
        if (paused <= 0) {
            throw new IllegalStateException("unpause() without a matching pause()");
        }
        paused--;
        if (paused == 0 && called) {
            CallbackLoop.run(this);
        }
    }

    /** True while paused, by {@link #pause()} or while waiting for a Deferred a callback returned. */
    public boolean paused() {
        return paused > 0;
    }

    /**
     * Cancels (Twisted's rules, semantics.md §1.11). If this Deferred has not fired, its canceller (if any) is called,
     * at most once in its life; if the Deferred is still unfired afterwards it errbacks with
     * {@link CancelledError}. Without a canceller, the one result the underlying operation later delivers
     * is silently discarded (a second one raises {@link AlreadyCalledError}). If it has fired and is
     * waiting on a Deferred returned by a callback, that Deferred is cancelled instead (following the whole
     * chain of waiting Deferreds iteratively). Otherwise nothing happens. An exception thrown by the
     * canceller propagates to the caller.
     */
    public void cancel() {
        Deferred<?> d = this;
        // Walk down "waiting on" links without recursion; a subclass may define its own cancel().
        while (d.called && d.result instanceof Deferred) {
            d = (Deferred<?>) d.result;
            if (d.getClass() != Deferred.class) {
                d.cancel();
                return;
            }
        }
        if (!d.called) {
            d.cancelUnfired();
        }
    }

    private void cancelUnfired() {
        Canceller<T> c = canceller;
        if (c != null) {
            canceller = null;
            c.cancel(this);
        } else {
            suppressAlreadyCalled = true;
        }
        if (!called) {
            errback(new Failure(new CancelledError()));
        }
    }

    /**
     * Cancels this Deferred after {@code seconds} on {@code clock} unless it has fired by then; a
     * {@link CancelledError} caused by the timeout becomes {@link TimeoutError}. The timeout covers the
     * callbacks added before this call, not those added after. The timer is cancelled as soon as the result
     * gets here. A manual {@link #cancel()} keeps its {@code CancelledError}; a canceller that fires the
     * Deferred decides the result. Returns this Deferred.
     */
    public Deferred<T> addTimeout(double seconds, IReactorTime clock) {
        return addTimeout(seconds, clock, Timeouts::cancelledToTimeoutError);
    }

    /**
     * Like {@link #addTimeout(double, IReactorTime)}, but on timeout the result is passed to
     * {@code onTimeoutCancel}, whose return value continues the chain.
     */
    public Deferred<T> addTimeout(double seconds, IReactorTime clock, OnTimeoutCancel onTimeoutCancel) {
        Timeouts.add(this, seconds, clock, onTimeoutCancel);
        return this;
    }

    // ---------------------------------------------------------------------------------------------------
    // Factories and module-level helpers (Twisted's defer.succeed, fail, maybeDeferred, ...)

    /** A Deferred that has already fired with {@code result}. */
    public static <T> Deferred<T> succeed(T result) {
        Deferred<T> d = new Deferred<>();
        d.callback(result);
        return d;
    }

    /** A Deferred that has already failed with {@code error}. */
    public static <T> Deferred<T> fail(Throwable error) {
        Deferred<T> d = new Deferred<>();
        d.errback(error);
        return d;
    }

    /** A Deferred that has already failed with {@code failure}. */
    public static <T> Deferred<T> fail(Failure failure) {
        Deferred<T> d = new Deferred<>();
        d.errback(failure);
        return d;
    }

    /**
     * Calls {@code f} now and wraps the outcome: a returned Deferred is returned as is, a returned
     * {@link Failure} or a thrown exception gives a failed Deferred, anything else a succeeded one. The
     * caller chooses {@code T}; it is not checked.
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<T> maybeDeferred(Callable<?> f) {
        Object r;
        try {
            r = f.call();
        } catch (Throwable t) {
            return fail(rethrowIfFatal(t));
        }
        if (r instanceof Deferred) {
            return (Deferred<T>) r;
        }
        if (r instanceof Failure) {
            return fail((Failure) r);
        }
        return succeed((T) r);
    }

    /**
     * The results of {@code deferreds} in input order, or a {@link FirstError} failure as soon as one
     * fails (Twisted's {@code gatherResults}). Cancelling the returned Deferred cancels the inputs. With
     * {@code consumeErrors}, the inputs' failures do not continue down their own chains.
     */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> deferreds,
            boolean consumeErrors) {
        return DeferredList.gather(deferreds, consumeErrors);
    }

    /** {@link #gatherResults(List, boolean)} without consuming errors. */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> deferreds) {
        return DeferredList.gather(deferreds, false);
    }

    /**
     * The first input to succeed, with its index; the others are then cancelled. If every input fails, a
     * {@link FailureGroup} with their failures in input order (Twisted's {@code race}). Cancelling the
     * returned Deferred cancels every input.
     */
    public static <T> Deferred<IndexedResult<T>> race(List<? extends Deferred<? extends T>> deferreds) {
        return Race.race(deferreds);
    }

    // ---------------------------------------------------------------------------------------------------
    // CompletionStage interop (see CompletionStages for the details)

    /**
     * A Deferred that fires when {@code stage} completes. It fires <em>on the thread that completes the
     * stage</em> (or at once, on this thread, if it is already complete), so use it only when that thread
     * owns the Deferred; otherwise use {@link #fromCompletionStage(CompletionStage, IReactorThreads)}.
     * A {@code CompletionException} or {@code ExecutionException} is unwrapped, and a cancelled stage
     * becomes {@link CancelledError}. Cancelling the Deferred cancels the stage's future when the stage
     * supports {@code toCompletableFuture()}.
     */
    public static <T> Deferred<T> fromCompletionStage(CompletionStage<T> stage) {
        return CompletionStages.toDeferred(stage, null);
    }

    /**
     * Like {@link #fromCompletionStage(CompletionStage)}, but the Deferred is always fired on
     * {@code reactor}'s thread, by {@code callFromThread}, even if the stage is already complete. Cancel
     * it on the reactor thread: the stage is cancelled and the Deferred errbacks with
     * {@link CancelledError} at once; the stage's later completion is then ignored.
     */
    public static <T> Deferred<T> fromCompletionStage(CompletionStage<T> stage, IReactorThreads reactor) {
        Objects.requireNonNull(reactor, "reactor");
        return CompletionStages.toDeferred(stage, reactor::callFromThread);
    }

    /**
     * A new {@link CompletableFuture} completed with this Deferred's result or failure's exception. Like
     * Twisted's {@code asFuture}, this consumes the result: callbacks added afterwards receive
     * {@code null}, and a failure is not reported as unhandled (the future holds it). Stages depending on
     * the future run on the thread that fires this Deferred unless added with an {@code *Async} method.
     * Cancelling the future cancels this Deferred <em>on the cancelling thread</em>; use
     * {@link #toCompletableFuture(IReactorThreads)} when that may be another thread.
     */
    public CompletableFuture<T> toCompletableFuture() {
        return CompletionStages.toFuture(this, null);
    }

    /**
     * Like {@link #toCompletableFuture()}, but cancelling the future cancels this Deferred on
     * {@code reactor}'s thread, by {@code callFromThread}.
     */
    public CompletableFuture<T> toCompletableFuture(IReactorThreads reactor) {
        Objects.requireNonNull(reactor, "reactor");
        return CompletionStages.toFuture(this, reactor::callFromThread);
    }

    // ---------------------------------------------------------------------------------------------------
    // Debugging

    /**
     * Turns Deferred debugging on or off for the whole process (Twisted's {@code defer.setDebugging}).
     * While on, each new Deferred records the stack that created it and, when fired, the stack that fired
     * it; both appear in {@link AlreadyCalledError} messages and in unhandled-failure reports. Costly: for
     * debugging only.
     */
    public static void setDebugging(boolean on) {
        debugging = on;
    }

    /** Whether {@link #setDebugging debugging} is on. */
    public static boolean getDebugging() {
        return debugging;
    }

    /**
     * Returns {@code t} unless it is an error the JVM cannot recover from (out of memory, internal error),
     * which is rethrown. A {@link StackOverflowError} is not rethrown: like Twisted's RecursionError it
     * becomes a Failure.
     */
    static Throwable rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        return t;
    }

    /**
     * {@code <Deferred@hash>}, with {@code " current result: ..."} once fired or
     * {@code " waiting on Deferred@hash"} while it waits on another Deferred (Twisted's {@code repr}).
     */
    @Override
    public String toString() {
        String name = getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
        if (chainedTo != null) {
            return "<" + name + " waiting on " + chainedTo.getClass().getSimpleName() + "@"
                    + Integer.toHexString(System.identityHashCode(chainedTo)) + ">";
        }
        if (!called) {
            return "<" + name + ">";
        }
        return "<" + name + " current result: " + result + ">";
    }
}
