package dev.twine.internet.base;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.error.AlreadyCalled;
import dev.twine.internet.error.AlreadyCancelled;

/**
 * One call scheduled by {@code callLater}: Twisted's {@code DelayedCall} (semantics.md §1.2, {@code base.py:58-260}).
 *
 * <p>Times are nanoseconds on the owning {@link TimerQueue}'s monotonic clock. Like Twisted, a call keeps
 * two numbers: {@link #time}, its position in the heap, and {@link #delayedTime}, a postponement made by
 * {@link #reset} or {@link #delay} that is applied lazily when the call reaches the top of the heap, so
 * that pushing a call later never costs a heap operation. Moving a call sooner is applied at once.
 *
 * <p>{@link #seq} breaks ties between equal times: it is taken from a counter whenever the call enters
 * or moves in the heap, which makes calls with equal deadlines run in the order they were scheduled
 * (Twine's decision; Twisted #6718 leaves the order undefined).
 *
 * <p>Reactor thread only.
 */
final class DelayedCall implements IDelayedCall {
    private final TimerQueue queue;
    /** The function, or null once called or cancelled so that its references can be collected. */
    Runnable func;
    /** Where the call sits in the heap, in queue-clock nanoseconds. */
    long time;
    /** A postponement not yet applied to {@link #time}; never negative. */
    long delayedTime;
    /** FIFO tie-breaker among equal {@link #time}s. */
    long seq;
    /** Index in the heap array, or -1 while it waits in the new-calls list or has left the heap. */
    int heapIndex = -1;
    boolean cancelled;
    boolean called;

    DelayedCall(TimerQueue queue, long time, long seq, Runnable func) {
        this.queue = queue;
        this.time = time;
        this.seq = seq;
        this.func = func;
    }

    /** The time it will run: the heap time plus any pending postponement, saturating. */
    long effectiveTime() {
        return TimerQueue.saturatedAdd(time, delayedTime);
    }

    @Override
    public double getTime() {
        return queue.toSeconds(effectiveTime());
    }

    @Override
    public void cancel() {
        checkNotFinished();
        cancelled = true;
        func = null;
        queue.cancelled(this);
    }

    /**
     * Twisted's {@code reset}: a sooner time moves the call in the heap now; a later one is recorded in
     * {@link #delayedTime} and applied when the call surfaces.
     */
    @Override
    public void reset(double secondsFromNow) {
        checkNotFinished();
        long newTime = queue.deadline(TimerQueue.checkDelay(secondsFromNow));
        if (newTime < time) {
            time = newTime;
            delayedTime = 0;
            queue.movedSooner(this);
        } else {
            delayedTime = newTime - time;
        }
    }

    /**
     * Twisted's {@code delay}: adds to the postponement; if the result is negative the call moves sooner
     * at once.
     */
    @Override
    public void delay(double secondsLater) {
        checkNotFinished();
        if (Double.isNaN(secondsLater) || Double.isInfinite(secondsLater)) {
            throw new IllegalArgumentException("delay must be finite, got " + secondsLater);
        }
        delayedTime = TimerQueue.saturatedAdd(delayedTime, TimerQueue.toNanos(secondsLater));
        if (delayedTime < 0) {
            time = TimerQueue.saturatedAdd(time, delayedTime);
            delayedTime = 0;
            queue.movedSooner(this);
        }
    }

    @Override
    public boolean active() {
        return !(cancelled || called);
    }

    private void checkNotFinished() {
        if (cancelled) {
            throw new AlreadyCancelled();
        }
        if (called) {
            throw new AlreadyCalled();
        }
    }

    @Override
    public String toString() {
        String state = cancelled ? "cancelled" : called ? "called" : "pending";
        double in = (effectiveTime() - queue.now()) / 1e9;
        return "<DelayedCall " + state + " in " + in + "s: " + func + ">";
    }
}
