package dev.twine.testing.junit;

import dev.twine.internet.IReactor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The deadline of one test invocation. When it passes, a thread call asks each of the test's reactors (on
 * its own thread, the only safe place) to note what it is still waiting on and to crash, so that
 * {@code run()} returns and the test can fail with that list. A test thread that is not in a reactor at
 * all (blocked on a latch, say) is interrupted {@value #GRACE_SECONDS} seconds later.
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

    private final Supplier<List<IReactor>> reactors;
    private final double timeoutSeconds;
    private final ScheduledFuture<?> deadline;
    private final ScheduledFuture<?> interrupt;
    /** What each reactor that was still running at the deadline was waiting on. */
    private final Map<IReactor, List<String>> waitingOn = new ConcurrentHashMap<>();
    private volatile boolean expired;

    Watchdog(Supplier<List<IReactor>> reactors, double timeoutSeconds, Thread testThread) {
        this.reactors = reactors;
        this.timeoutSeconds = timeoutSeconds;
        long nanos = (long) (timeoutSeconds * 1e9);
        deadline = TIMER.schedule(this::expire, nanos, TimeUnit.NANOSECONDS);
        interrupt = TIMER.schedule(testThread::interrupt, nanos + TimeUnit.SECONDS.toNanos(GRACE_SECONDS),
                TimeUnit.NANOSECONDS);
    }

    private void expire() {
        expired = true;
        for (IReactor reactor : reactors.get()) {
            try {
                reactor.callFromThread(() -> {
                    if (reactor.running()) {
                        waitingOn.put(reactor, PendingWork.describe(reactor));
                        reactor.crash();
                    }
                });
            } catch (RuntimeException closed) {
                // A reactor already closed by the test cannot be waiting on anything.
            }
        }
    }

    /** True once the deadline passed. */
    boolean expired() {
        return expired;
    }

    /** True once the deadline passed and {@code reactor} was found still running. */
    boolean hung(IReactor reactor) {
        return waitingOn.containsKey(reactor);
    }

    /** The failure message for a hang of {@code reactor}. */
    String hangMessage(IReactor reactor) {
        List<String> pending = waitingOn.get(reactor);
        String what = pending == null || pending.isEmpty()
                ? "nothing: no delayed call, reader or writer (a Deferred that nobody fires?)"
                : String.join("\n    ", pending);
        return "reactor [" + reactor.backendName() + "] still running after " + seconds(timeoutSeconds)
                + " s; it was waiting on:\n    " + what;
    }

    /** The failure message for a deadline that passed while the test was outside every reactor. */
    String deadlineMessage() {
        return "test still running after " + seconds(timeoutSeconds) + " s (outside the reactor; interrupted "
                + GRACE_SECONDS + " s later)";
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
