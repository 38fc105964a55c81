package dev.twine.testing.junit;

import dev.twine.internet.IReactor;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline of one test invocation. When it passes, a thread call asks the reactor (on its own thread,
 * the only safe place) to note what it is still waiting on and to crash, so that {@code run()} returns and
 * the test can fail with that list. A test thread that is not in the reactor at all (blocked on a latch,
 * say) is interrupted {@value #GRACE_SECONDS} seconds later.
 *
 * <p>Thread-safe: armed and cancelled on the test thread, fired on a shared daemon thread.
 */
final class Watchdog {
    /** How long after the deadline a test thread stuck outside the reactor is interrupted. */
    static final long GRACE_SECONDS = 5;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "twine-testing-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final IReactor reactor;
    private final double timeoutSeconds;
    private final ScheduledFuture<?> deadline;
    private final ScheduledFuture<?> interrupt;
    private volatile List<String> waitingOn;

    Watchdog(IReactor reactor, double timeoutSeconds, Thread testThread) {
        this.reactor = reactor;
        this.timeoutSeconds = timeoutSeconds;
        long nanos = (long) (timeoutSeconds * 1e9);
        deadline = TIMER.schedule(this::expire, nanos, TimeUnit.NANOSECONDS);
        interrupt = TIMER.schedule(testThread::interrupt, nanos + TimeUnit.SECONDS.toNanos(GRACE_SECONDS),
                TimeUnit.NANOSECONDS);
    }

    private void expire() {
        reactor.callFromThread(() -> {
            waitingOn = PendingWork.describe(reactor);
            if (reactor.running()) {
                reactor.crash();
            }
        });
    }

    /** True once the deadline passed and the reactor noted what it was waiting on. */
    boolean expired() {
        return waitingOn != null;
    }

    /** The failure message for a hang. */
    String hangMessage() {
        List<String> pending = waitingOn;
        String what = pending == null || pending.isEmpty()
                ? "nothing: no delayed call, reader or writer (a Deferred that nobody fires?)"
                : String.join("\n    ", pending);
        return "reactor [" + reactor.backendName() + "] still running after " + seconds(timeoutSeconds)
                + " s; it was waiting on:\n    " + what;
    }

    /** Disarms both timers; the test thread is never interrupted after this returns. */
    void cancel() {
        deadline.cancel(false);
        interrupt.cancel(false);
        Thread.interrupted(); // an interrupt that raced with the cancel must not leak into the next test
    }

    static String seconds(double s) {
        return s == Math.rint(s) && !Double.isInfinite(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
