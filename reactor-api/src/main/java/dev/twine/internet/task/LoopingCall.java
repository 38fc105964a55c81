package dev.twine.internet.task;

import dev.twine.defer.Deferred;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Calls a function repeatedly, every {@code interval} seconds (Twisted's {@code task.LoopingCall},
 * semantics.md §1.13).
 *
 * <ul>
 *   <li>Calls are aligned to {@code start + k * interval}. If the function or the clock overruns, the
 *       missed slots are skipped, not queued: the next call is at the next slot strictly in the future.</li>
 *   <li>If the function returns a Deferred, the next call is scheduled only after it fires.</li>
 *   <li>{@link #stop()} cancels the pending call and fires {@link #start}'s Deferred with this
 *       LoopingCall; stopped while the function's Deferred is pending, it fires once that completes.</li>
 *   <li>If the function throws or its Deferred fails, the loop stops ({@link #running()} becomes false)
 *       and {@code start}'s Deferred errbacks with that failure.</li>
 *   <li>An interval of 0 calls again with {@code callLater(0)} each time.</li>
 * </ul>
 *
 * <p>The clock is given at construction (Twisted defaults it to the global reactor). Use the
 * LoopingCall on the clock's thread only.
 */
public final class LoopingCall {
    /** The function of a {@link #withCount} LoopingCall: receives the number of intervals elapsed. */
    @FunctionalInterface
    public interface CountCallable {
        Object call(int count) throws Exception;
    }

    private final IReactorTime clock;
    private Callable<?> f;
    private IDelayedCall call;
    private boolean running;
    private Deferred<LoopingCall> deferred;
    private double interval = Double.NaN;
    private double starttime = Double.NaN;
    private boolean runAtStart;
    /** For {@link #withCount}: when the counter last fired, or NaN before the first call. */
    private double realLastTime = Double.NaN;

    /**
     * Calls {@code f} on {@code clock}; {@code f} may return a Deferred, which is waited on before the
     * next call. Its result is otherwise ignored.
     */
    public LoopingCall(IReactorTime clock, Callable<?> f) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.f = Objects.requireNonNull(f, "f");
    }

    /** Calls {@code f} on {@code clock}. */
    public LoopingCall(IReactorTime clock, Runnable f) {
        this(clock, callable(f));
    }

    private static Callable<Object> callable(Runnable f) {
        Objects.requireNonNull(f, "f");
        return () -> {
            f.run();
            return null;
        };
    }

    /**
     * A LoopingCall that passes {@code f} the number of calls that should have happened since the last
     * one: normally 1, more when slots were skipped (always 1 with an interval of 0). Twisted's
     * {@code LoopingCall.withCount}.
     */
    public static LoopingCall withCount(IReactorTime clock, CountCallable f) {
        Objects.requireNonNull(f, "f");
        LoopingCall lc = new LoopingCall(clock, () -> null);
        lc.f = () -> lc.countAndCall(f);
        return lc;
    }

    private Object countAndCall(CountCallable countCallable) throws Exception {
        double now = clock.seconds();
        if (interval == 0) {
            realLastTime = now;
            return countCallable.call(1);
        }
        double lastTime = realLastTime;
        if (Double.isNaN(lastTime)) {
            lastTime = starttime;
            if (runAtStart) {
                lastTime -= interval;
            }
        }
        int count = intervalOf(now) - intervalOf(lastTime);
        if (count > 0) {
            realLastTime = now;
            return countCallable.call(count);
        }
        return null;
    }

    private int intervalOf(double t) {
        return (int) ((t - starttime) / interval);
    }

    /** {@link #start(double, boolean) start(interval, true)}. */
    public Deferred<LoopingCall> start(double interval) {
        return start(interval, true);
    }

    /**
     * Starts calling every {@code interval} seconds, the first time now if {@code now}, else after one
     * interval. Returns a Deferred that fires with this LoopingCall when {@link #stop()} is called, or
     * errbacks when the function fails.
     *
     * @throws IllegalArgumentException if {@code interval} is negative, NaN or infinite
     * @throws IllegalStateException    if already running
     */
    public Deferred<LoopingCall> start(double interval, boolean now) {
        if (running) {
            throw new IllegalStateException("Tried to start an already running LoopingCall.");
        }
        if (Double.isNaN(interval) || Double.isInfinite(interval) || interval < 0) {
            throw new IllegalArgumentException("interval must be finite and >= 0, got " + interval);
        }
        running = true;
        // The loop may fail during the first call and clear `deferred`; return the one made here.
        Deferred<LoopingCall> d = deferred = new Deferred<>();
        starttime = clock.seconds();
        this.interval = interval;
        runAtStart = now;
        realLastTime = Double.NaN;
        if (now) {
            tick();
        } else {
            scheduleFrom(starttime);
        }
        return d;
    }

    /**
     * Stops the loop.
     *
     * @throws IllegalStateException if not running
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("Tried to stop a LoopingCall that was not running.");
        }
        running = false;
        if (call != null) {
            call.cancel();
            call = null;
            fireDeferred();
        }
        // Otherwise the function's Deferred is pending; start()'s Deferred fires when it completes.
    }

    /**
     * Skips the pending call and restarts the timing from now: the next call is one interval from now.
     *
     * @throws IllegalStateException if not running
     */
    public void reset() {
        if (!running) {
            throw new IllegalStateException("Tried to reset a LoopingCall that was not running.");
        }
        if (call != null) {
            call.cancel();
            call = null;
            starttime = clock.seconds();
            scheduleFrom(starttime);
        }
    }

    /** True from {@link #start} until {@link #stop} or a failure of the function. */
    public boolean running() {
        return running;
    }

    /** The interval given to {@link #start}, or NaN before the first start. */
    public double interval() {
        return interval;
    }

    private void tick() {
        call = null;
        Deferred<Object> d = Deferred.maybeDeferred(f);
        d.addCallback(ignored -> {
            if (running) {
                scheduleFrom(clock.seconds());
            } else {
                fireDeferred();
            }
            return null;
        });
        d.addErrback(failure -> {
            running = false;
            Deferred<LoopingCall> started = deferred;
            deferred = null;
            started.errback(failure);
            return null;
        });
    }

    private void fireDeferred() {
        Deferred<LoopingCall> started = deferred;
        deferred = null;
        started.callback(this);
    }

    private void scheduleFrom(double when) {
        call = clock.callLater(delayFrom(when), this::tick);
    }

    /** Seconds from {@code when} to the next slot {@code start + k * interval} strictly after it. */
    private double delayFrom(double when) {
        if (interval == 0) {
            return 0;
        }
        double runningFor = when - starttime;
        // Python's % is a floor modulo; Java's keeps the sign of the dividend.
        double intoInterval = runningFor % interval;
        if (intoInterval < 0) {
            intoInterval += interval;
        }
        double untilNextInterval = interval - intoInterval;
        // When `when` is large, a tiny remainder can vanish when added to it; that is the current slot
        // boundary, so wait a whole interval instead of scheduling a call at `when` itself (task.py).
        if (when == when + untilNextInterval) {
            return interval;
        }
        return untilNextInterval;
    }

    @Override
    public String toString() {
        return "LoopingCall<" + interval + ">(" + f + ")";
    }
}
