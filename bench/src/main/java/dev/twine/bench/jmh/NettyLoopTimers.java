package dev.twine.bench.jmh;

import dev.twine.bench.Stack;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Netty's {@code EventLoop.schedule}, the peer of {@code callLater}: each batch runs on the event
 * loop thread, where scheduling goes straight into the loop's priority queue (from another thread
 * it would first be queued as a task), and cancellation removes the task from that queue.
 */
final class NettyLoopTimers implements TimerDriver {

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Runnable tick = this::tick;
    private ScheduledFuture<?>[] futures = new ScheduledFuture<?>[0];
    /** Event loop thread only. */
    private int remaining;
    private volatile CountDownLatch done;

    NettyLoopTimers(Stack stack) {
        this.group = stack.newNettyGroup();
        this.loop = group.next();
    }

    @Override
    public void scheduleAndFire(int count) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        done = latch;
        loop.execute(() -> {
            remaining = count;
            for (int i = 0; i < count; i++) {
                loop.schedule(tick, TimerDriver.scatterNanos(i), TimeUnit.NANOSECONDS);
            }
        });
        TimerDriver.await(latch, "EventLoop.schedule fire batch");
    }

    private void tick() {
        if (--remaining == 0) {
            done.countDown();
        }
    }

    @Override
    public void scheduleAndCancel(int count) throws InterruptedException {
        if (futures.length < count) {
            futures = new ScheduledFuture<?>[count];
        }
        ScheduledFuture<?>[] slots = futures;
        CountDownLatch latch = new CountDownLatch(1);
        loop.execute(() -> {
            for (int i = 0; i < count; i++) {
                slots[i] = loop.schedule(tick, 60_000_000_000L + TimerDriver.scatterNanos(i), TimeUnit.NANOSECONDS);
            }
            for (int i = 0; i < count; i++) {
                slots[i].cancel(false);
                slots[i] = null;
            }
            latch.countDown();
        });
        TimerDriver.await(latch, "EventLoop.schedule cancel batch");
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
    }
}
