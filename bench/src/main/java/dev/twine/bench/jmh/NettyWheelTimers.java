package dev.twine.bench.jmh;

import io.netty.util.HashedWheelTimer;
import io.netty.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty's {@link HashedWheelTimer}, the other timer Netty users reach for: thread-safe, O(1)
 * insertion, at the price of tick granularity. Ticks are 1 ms (its minimum; the default is 100 ms)
 * so the fire batch is not dominated by waiting for a tick. Timeouts are created and cancelled on
 * the benchmark thread, as users do; the worker thread moves them into buckets, fires them, and
 * removes cancelled ones, and a batch is complete only when the worker has done all of that
 * ({@code pendingTimeouts() == 0}).
 */
final class NettyWheelTimers implements TimerDriver {

    private final HashedWheelTimer timer = new HashedWheelTimer(
            r -> {
                Thread t = new Thread(r, "netty-wheel");
                t.setDaemon(true);
                return t;
            }, 1, TimeUnit.MILLISECONDS, 512);
    private final AtomicInteger remaining = new AtomicInteger();
    private final TimerTask tick = timeout -> {
        if (remaining.decrementAndGet() == 0) {
            done().countDown();
        }
    };
    private io.netty.util.Timeout[] timeouts = new io.netty.util.Timeout[0];
    private volatile CountDownLatch done;

    NettyWheelTimers() {
        timer.start();
    }

    private CountDownLatch done() {
        return done;
    }

    @Override
    public void scheduleAndFire(int count) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        done = latch;
        remaining.set(count);
        for (int i = 0; i < count; i++) {
            timer.newTimeout(tick, TimerDriver.scatterNanos(i), TimeUnit.NANOSECONDS);
        }
        TimerDriver.await(latch, "HashedWheelTimer fire batch");
    }

    @Override
    public void scheduleAndCancel(int count) throws InterruptedException {
        if (timeouts.length < count) {
            timeouts = new io.netty.util.Timeout[count];
        }
        for (int i = 0; i < count; i++) {
            timeouts[i] = timer.newTimeout(tick, 60_000_000_000L + TimerDriver.scatterNanos(i), TimeUnit.NANOSECONDS);
        }
        for (int i = 0; i < count; i++) {
            timeouts[i].cancel();
            timeouts[i] = null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BATCH_TIMEOUT_SECONDS);
        while (timer.pendingTimeouts() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("HashedWheelTimer kept " + timer.pendingTimeouts() + " timeouts");
            }
            // The worker removes cancelled timeouts once per 1 ms tick; poll at a tenth of that.
            Thread.sleep(0, 100_000);
        }
    }

    @Override
    public void close() {
        timer.stop();
    }
}
