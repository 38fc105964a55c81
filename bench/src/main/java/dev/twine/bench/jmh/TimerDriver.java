package dev.twine.bench.jmh;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One timer implementation under test, driven in batches of {@code count} timers. Each call runs
 * the whole batch and returns once it is complete, so a benchmark operation is one batch and
 * {@code @OperationsPerInvocation} turns the score into time per timer.
 *
 * <p>Delays are scattered over one millisecond in a fixed order ({@link #scatterNanos}), so the
 * timer heaps do real sift work instead of appending equal deadlines, and every implementation
 * gets the same sequence. Not thread-safe: one benchmark thread.
 */
interface TimerDriver extends AutoCloseable {

    /** The longest any batch may take before the benchmark fails instead of hanging. */
    long BATCH_TIMEOUT_SECONDS = 30;

    /** Schedules {@code count} timers due within about a millisecond and waits until all have fired. */
    void scheduleAndFire(int count) throws InterruptedException;

    /**
     * Schedules {@code count} timers due in a minute, cancels every one, and returns when the
     * implementation has finished with them (for a hashed wheel, once its worker has removed the
     * cancelled timeouts).
     */
    void scheduleAndCancel(int count) throws InterruptedException;

    @Override
    void close();

    /** The i-th delay: a fixed permutation of 0..999 microseconds, in nanoseconds. */
    static long scatterNanos(int i) {
        // 7919 is prime, so i * 7919 mod 1000 walks every residue before repeating: deadlines
        // arrive out of order, as real timeouts do.
        return (i * 7919L % 1000) * 1000;
    }

    /** Waits for {@code done}, failing the benchmark after {@link #BATCH_TIMEOUT_SECONDS}. */
    static void await(CountDownLatch done, String what) throws InterruptedException {
        if (!done.await(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + " did not finish within " + BATCH_TIMEOUT_SECONDS + " s");
        }
    }
}
