package dev.twine.defer;

import java.util.ArrayList;

/**
 * Runs {@link Deferred} callback chains iteratively (Twisted's {@code Deferred._runCallbacks}, semantics.md §1.11).
 *
 * <p>When a callback returns an unfired Deferred, the outer Deferred pauses and leaves a
 * {@link Link#CONTINUE} marker on the inner one. When the inner fires, its own earlier callbacks run first;
 * on reaching the marker the loop moves the result to the outer Deferred and continues with it on the
 * same stack frame, remembering the inner one in a heap list so that its remaining callbacks run after the
 * outer is done. {@link Link#CHAIN} ({@code chainDeferred}) is handled the same way. The Java stack
 * therefore stays the same depth however long the chain is (Twisted #4593; Twisted's
 * {@code chainDeferred} still recurses, Twine's does not).
 *
 * <p>Not thread-safe: a Deferred and everything chained to it belong to one thread at a time.
 */
final class CallbackLoop {
    private CallbackLoop() {
    }

    /** Processes {@code start}'s callbacks as far as its result allows; a no-op while they are running. */
    static void run(Deferred<?> start) {
        if (start.runningCallbacks) {
            // A callback of start is on the stack below us; it will see the new entries when it returns.
            return;
        }
        // Deferreds that handed their result on and must resume (with result null) after `current`.
        ArrayList<Deferred<?>> waiting = null;
        Deferred<?> current = start;
        boolean completed = false;
        try {
            while (current != null) {
                Deferred<?> next = step(current);
                if (next != null) {
                    if (waiting == null) {
                        waiting = new ArrayList<>();
                    }
                    waiting.add(current);
                    current = next;
                } else if (waiting == null || waiting.isEmpty()) {
                    current = null;
                } else {
                    current = resume(waiting.remove(waiting.size() - 1));
                }
            }
            completed = true;
        } finally {
            if (!completed && waiting != null) {
                // Only a fatal error (OutOfMemoryError and the like) gets here; leave no Deferred stuck in
                // the "running callbacks" state it was given while its chain target ran.
                for (Deferred<?> d : waiting) {
                    resume(d);
                }
            }
        }
    }

    private static Deferred<?> resume(Deferred<?> d) {
        if (d.chainHold) {
            d.chainHold = false;
            d.runningCallbacks = false;
        }
        return d;
    }

    /**
     * Runs {@code current}'s callbacks until they are exhausted, it pauses on an unfired Deferred, or it
     * hands its result to another Deferred. Returns that other Deferred, which the caller processes next,
     * or {@code null} when {@code current} is done for now.
     */
    private static Deferred<?> step(Deferred<?> current) {
        if (current.paused > 0) {
            // Twisted returns from the whole loop here, leaving the Deferreds that passed this one its
            // result stalled until someone adds a callback to them; continuing with them instead is what
            // test_pausedDeferredChained asks for ("does not prevent earlier Deferreds from continuing").
            return null;
        }
        current.chainedTo = null;
        Link link;
        while ((link = current.pollLink()) != null) {
            if (link.kind == Link.CONTINUE) {
                Deferred<?> chainee = link.target;
                chainee.result = current.result;
                current.result = null;
                DebugInfo.clearFailure(current);
                chainee.paused--;
                return chainee;
            }
            if (link.kind == Link.CHAIN) {
                Deferred<?> target = chainFire(current, link.target);
                if (target != null) {
                    // Like Twisted, where target.callback() runs inside one of current's callbacks:
                    // callbacks added to current meanwhile are queued, not run re-entrantly.
                    current.runningCallbacks = true;
                    current.chainHold = true;
                    return target;
                }
                continue;
            }
            Deferred.Callback<Object, Object> fn = current.result instanceof Failure ? link.errback : link.callback;
            if (fn == null) {
                continue;
            }
            Object r;
            current.runningCallbacks = true;
            try {
                r = fn.call(current.result);
            } catch (Throwable t) {
                r = new Failure(Deferred.rethrowIfFatal(t));
            } finally {
                current.runningCallbacks = false;
            }
            if (r instanceof Deferred) {
                Deferred<?> inner = (Deferred<?>) r;
                if (inner == current) {
                    // Twisted warns and then waits forever; an error the chain can handle is kinder.
                    r = new Failure(new IllegalStateException(
                            "Callback returned the Deferred it was attached to; this breaks the callback chain"));
                } else if (!inner.called || inner.result instanceof Deferred || inner.paused > 0) {
                    current.result = inner;
                    current.paused++;
                    current.chainedTo = inner;
                    // inner has no result to process, so appending does not need to run anything.
                    inner.appendLink(Link.continueTo(current));
                    break;
                } else {
                    // The inner Deferred already has a result: take it, and leave it null so that an inner
                    // failure is not also reported as unhandled (test_synchronousImplicitErrorChain).
                    r = inner.result;
                    inner.result = null;
                    DebugInfo.clearFailure(inner);
                }
            }
            current.result = r;
        }
        DebugInfo.chainStopped(current);
        return null;
    }

    /**
     * Fires {@code target} with {@code current}'s result as {@code target.callback(result)} would, leaving
     * {@code current} with {@code null} (or the {@link AlreadyCalledError} that call would have raised).
     * Returns {@code target} when its callbacks should be processed next, else {@code null}.
     */
    private static Deferred<?> chainFire(Deferred<?> current, Deferred<?> target) {
        Object r = current.result;
        current.result = null;
        if (target.called) {
            if (target.suppressAlreadyCalled) {
                target.suppressAlreadyCalled = false;
            } else {
                current.result = new Failure(target.alreadyCalledError());
            }
            return null;
        }
        target.markFired(r);
        return target.paused > 0 ? null : target;
    }
}
