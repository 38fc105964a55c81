package dev.twine.bench.jmh;

import dev.twine.bench.Stack;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactor;
import java.util.concurrent.CountDownLatch;

/**
 * {@code callLater} on a running Twine reactor. Each batch is handed to the reactor thread with
 * {@code callFromThread} (timers are reactor-thread-only), scheduled and, for the cancel case,
 * cancelled there; the fire case completes when the last timer runs.
 */
final class TwineTimers implements TimerDriver {

    private static final Runnable NOTHING = () -> { };

    private final IReactor reactor;
    private final Thread thread;
    private final Runnable tick = this::tick;
    private IDelayedCall[] calls = new IDelayedCall[0];
    /** Reactor thread only: timers of the current fire batch still to run. */
    private int remaining;
    /** Written by the benchmark thread before the batch is queued, read on the reactor thread. */
    private volatile CountDownLatch done;

    TwineTimers(Stack stack) {
        this.reactor = stack.newReactor();
        this.thread = new Thread(reactor::run, "twine-timers-" + stack);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void scheduleAndFire(int count) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        done = latch;
        reactor.callFromThread(() -> {
            remaining = count;
            for (int i = 0; i < count; i++) {
                reactor.callLater(TimerDriver.scatterNanos(i) / 1e9, tick);
            }
        });
        TimerDriver.await(latch, "callLater fire batch");
    }

    private void tick() {
        if (--remaining == 0) {
            done.countDown();
        }
    }

    @Override
    public void scheduleAndCancel(int count) throws InterruptedException {
        if (calls.length < count) {
            calls = new IDelayedCall[count];
        }
        IDelayedCall[] slots = calls;
        CountDownLatch latch = new CountDownLatch(1);
        reactor.callFromThread(() -> {
            for (int i = 0; i < count; i++) {
                slots[i] = reactor.callLater(60 + TimerDriver.scatterNanos(i) / 1e9, NOTHING);
            }
            for (int i = 0; i < count; i++) {
                slots[i].cancel();
                slots[i] = null;
            }
            latch.countDown();
        });
        TimerDriver.await(latch, "callLater cancel batch");
    }

    @Override
    public void close() {
        reactor.callFromThread(() -> {
            if (reactor.running()) {
                reactor.stop();
            }
        });
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
