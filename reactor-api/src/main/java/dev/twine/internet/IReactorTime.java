package dev.twine.internet;

import java.util.List;

/**
 * Time and scheduling (Twisted's {@code IReactorTime}, semantics.md §1.2).
 *
 * <p>Twine's decisions: timers run on a monotonic clock, so a wall-clock jump neither fires nor delays
 * them; calls due at the same time run in the order they were scheduled (FIFO); NaN, infinite and
 * negative delays are rejected with {@link IllegalArgumentException}. Reactor thread only.
 */
public interface IReactorTime {
    /**
     * The current time in seconds since the epoch, from the wall clock, like Twisted's. Timers do not use
     * it: a call's deadline is kept on a monotonic clock and only reported in these terms by
     * {@link IDelayedCall#getTime()}.
     */
    double seconds();

    /**
     * Runs {@code f} on the reactor thread after {@code delay} seconds (never earlier). A call made from
     * inside a timed call with delay 0 runs on the next iteration, not in the same pass. An exception from
     * {@code f} is logged; the loop continues. Delays beyond about 292 years are kept as about 292 years.
     *
     * @throws IllegalArgumentException if {@code delay} is NaN, infinite or negative
     */
    IDelayedCall callLater(double delay, Runnable f);

    /** A new list of every call that is scheduled and neither cancelled nor called, in no particular order. */
    List<IDelayedCall> getDelayedCalls();
}
