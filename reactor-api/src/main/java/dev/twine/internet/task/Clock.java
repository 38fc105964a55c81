package dev.twine.internet.task;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;
import dev.twine.internet.error.AlreadyCalled;
import dev.twine.internet.error.AlreadyCancelled;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A deterministic {@link IReactorTime} for tests (Twisted's {@code task.Clock}, semantics.md §1.13): time stands still
 * until {@link #advance} moves it.
 *
 * <ul>
 *   <li>{@link #seconds()} starts at 0.0.</li>
 *   <li>{@link #advance} runs every call due by the new time, earliest first, and calls with equal
 *       times in the order they were scheduled (Twisted's stable sort; a call moved by
 *       {@code reset}/{@code delay} keeps its original place among equals).</li>
 *   <li>A call scheduled during {@code advance} that is already due (delay 0) runs in the same
 *       {@code advance}, as in Twisted's {@code Clock}; a real reactor would run it on its next
 *       iteration.</li>
 *   <li>An exception from a call is <em>not</em> caught: it propagates out of {@code advance}
 *       (semantics.md §1.13, experiment E1b); the calls not yet run stay scheduled.</li>
 *   <li>{@link IDelayedCall} rules of semantics.md §1.2 hold: {@code cancel}, {@code reset} and {@code delay} throw
 *       {@link AlreadyCancelled} or {@link AlreadyCalled} (a call is "called" from the moment it starts
 *       running), and NaN, infinite or negative delays are rejected with
 *       {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * <p>Pending calls are kept in a sorted set, so scheduling, cancelling and running each cost
 * O(log n) rather than the re-sort per call Twisted #9822 complains of. Not thread-safe.
 */
public final class Clock implements IReactorTime {
    /** Earliest first; FIFO among equal times by scheduling order. */
    private static final Comparator<Call> ORDER =
            Comparator.comparingDouble((Call c) -> c.time).thenComparingLong(c -> c.sequence);

    private final TreeSet<Call> calls = new TreeSet<>(ORDER);
    private double now;
    private long nextSequence;

    /** A clock at time 0.0 with nothing scheduled. */
    public Clock() {
    }

    /** The current time; 0.0 until {@link #advance} is called. */
    @Override
    public double seconds() {
        return now;
    }

    /**
     * Schedules {@code f} at {@code seconds() + delay}.
     *
     * @throws IllegalArgumentException for a NaN, infinite or negative delay
     */
    @Override
    public IDelayedCall callLater(double delay, Runnable f) {
        checkDelay(delay, "delay");
        Objects.requireNonNull(f, "f");
        Call c = new Call(now + delay, nextSequence++, f);
        calls.add(c);
        return c;
    }

    /** Every pending call, in the order they would run. */
    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return new ArrayList<>(calls);
    }

    /**
     * Moves time forward by {@code amount} and runs every call that is due, including calls scheduled
     * meanwhile that are due.
     *
     * @throws IllegalArgumentException for a NaN, infinite or negative amount (time never goes back)
     */
    public void advance(double amount) {
        checkDelay(amount, "amount");
        now += amount;
        while (!calls.isEmpty() && calls.first().time <= now) {
            Call c = calls.pollFirst();
            c.called = true;
            Runnable f = c.f;
            c.f = null;
            f.run();
        }
    }

    /** {@link #advance} by each amount in turn (Twisted's {@code pump}). */
    public void pump(double... amounts) {
        for (double amount : amounts) {
            advance(amount);
        }
    }

    private static void checkDelay(double value, String what) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
        }
    }

    /** A call scheduled on this clock. */
    private final class Call implements IDelayedCall {
        /** Changed only while the call is out of {@link #calls}, to keep the set ordered. */
        double time;
        final long sequence;
        Runnable f;
        boolean called;
        boolean cancelled;

        Call(double time, long sequence, Runnable f) {
            this.time = time;
            this.sequence = sequence;
            this.f = f;
        }

        @Override
        public double getTime() {
            return time;
        }

        @Override
        public void cancel() {
            checkActive();
            cancelled = true;
            calls.remove(this);
            f = null;
        }

        @Override
        public void delay(double secondsLater) {
            if (Double.isNaN(secondsLater) || Double.isInfinite(secondsLater)) {
                throw new IllegalArgumentException("secondsLater must be finite, got " + secondsLater);
            }
            checkActive();
            move(time + secondsLater);
        }

        @Override
        public void reset(double secondsFromNow) {
            checkDelay(secondsFromNow, "secondsFromNow");
            checkActive();
            move(now + secondsFromNow);
        }

        private void move(double newTime) {
            calls.remove(this);
            time = newTime;
            calls.add(this);
        }

        private void checkActive() {
            if (cancelled) {
                throw new AlreadyCancelled();
            }
            if (called) {
                throw new AlreadyCalled();
            }
        }

        @Override
        public boolean active() {
            return !(cancelled || called);
        }

        @Override
        public String toString() {
            String state = cancelled ? " cancelled" : called ? " called" : "";
            return "<Clock call at " + time + state + ">";
        }
    }
}
