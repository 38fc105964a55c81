package dev.twine.internet;

import java.util.concurrent.Callable;

/**
 * The reactor's life cycle and system events (Twisted's {@code IReactorCore}); semantics in
 * semantics.md §1.1.
 *
 * <p>Threading: {@link #run()} makes the calling thread the reactor thread. {@link #stop()} and
 * {@link #crash()} must be called on the reactor thread (use {@link IReactorThreads#callFromThread}
 * from elsewhere). A reactor that was {@link #stop() stopped} cannot run again
 * ({@code ReactorNotRestartable}); one that was {@link #crash() crashed} can.
 */
public interface IReactorCore {

    /** The three phases of a system event, run in this order. */
    enum Phase { BEFORE, DURING, AFTER }

    /** Identifies a registered system-event trigger, for {@link #removeSystemEventTrigger}. */
    interface TriggerId {
    }

    /**
     * Fires "startup", runs the loop until {@link #stop()} (or {@link #crash()}), fires "shutdown"
     * and returns.
     *
     * @throws dev.twine.internet.error.ReactorAlreadyRunning   if it is running
     * @throws dev.twine.internet.error.ReactorNotRestartable  if it was stopped before
     */
    void run();

    /**
     * Asks the reactor to stop: shutdown triggers run at the end of the current iteration, not inside
     * this call. Twisted's order: before-triggers (their Deferreds awaited while I/O continues), then
     * during (the reactor disconnects every descriptor with {@code ConnectionLost} and joins its thread
     * pool), then after; then {@link #run()} returns.
     *
     * @throws dev.twine.internet.error.ReactorNotRunning if not running or already stopping
     */
    void stop();

    /**
     * Makes {@link #run()} return at the end of the current iteration with no shutdown triggers;
     * {@link #run()} may be called again.
     */
    void crash();

    /**
     * One iteration, without {@link #run()}: thread calls, due timed calls, then wait at most
     * {@code delay} seconds for I/O and dispatch it. Never blocks longer than {@code delay}.
     *
     * @throws IllegalArgumentException if {@code delay} is negative or NaN
     */
    void iterate(double delay);

    /** Iterate with delay 0. */
    default void iterate() {
        iterate(0);
    }

    /** True from the "during startup" phase until the "during shutdown" phase. */
    boolean running();

    /**
     * Runs {@code f} now if running (returns {@code null}), else when the reactor starts (an "after
     * startup" trigger, FIFO; returns its id).
     */
    TriggerId callWhenRunning(Runnable f);

    /**
     * Adds a trigger for {@code eventType} ("startup", "shutdown" or any user event) in {@code phase}.
     * A BEFORE trigger may return a {@link dev.twine.defer.Deferred}; DURING and AFTER triggers then wait
     * until every such Deferred has fired. A trigger that throws is logged; the others still run.
     */
    TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger);

    /** As above, for a trigger with no result. */
    TriggerId addSystemEventTrigger(Phase phase, String eventType, Runnable trigger);

    /**
     * Removes a trigger that has not run yet. Removing a BEFORE trigger that already ran in the firing
     * under way only logs a warning, as Twisted does.
     *
     * @throws IllegalArgumentException for an unknown id, or one that already ran or was removed
     */
    void removeSystemEventTrigger(TriggerId id);

    /** Runs the before, during and after triggers of {@code eventType}. */
    void fireSystemEvent(String eventType);
}
