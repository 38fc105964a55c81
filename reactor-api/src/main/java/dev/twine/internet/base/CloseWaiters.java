package dev.twine.internet.base;

import dev.twine.defer.Deferred;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The Deferreds a listening port's {@code stopListening} handed out while its close was pending, fired
 * together once the close completes (semantics.md §1.5): with {@code null}, or with the exception the
 * factory's or protocol's stop hook threw. TCP and UDP ports share it, so the rule exists once.
 *
 * <p>Reactor thread only.
 */
public final class CloseWaiters {
    private final List<Deferred<Void>> waiting = new ArrayList<>(1);

    /** A new Deferred fired by the next {@link #fire}. */
    public Deferred<Void> add() {
        Deferred<Void> done = new Deferred<>();
        waiting.add(done);
        return done;
    }

    /**
     * Fires every waiting Deferred, in the order they were handed out, and forgets them. A stop error that
     * no Deferred is waiting for would be lost, so it is logged instead, as {@code "PREFIX: exception in
     * HOOK"}.
     *
     * @param stopError what the stop hook threw, or {@code null}
     */
    public void fire(Throwable stopError, Logger log, String logPrefix, String hook) {
        List<Deferred<Void>> fired = new ArrayList<>(waiting);
        waiting.clear();
        if (stopError != null && fired.isEmpty()) {
            log.log(Level.ERROR, logPrefix + ": exception in " + hook, stopError);
        }
        for (Deferred<Void> d : fired) {
            if (stopError == null) {
                d.callback(null);
            } else {
                d.errback(stopError);
            }
        }
    }
}
