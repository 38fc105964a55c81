package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code callFromThread}, the thread pool and the I/O thread (Twisted's {@code IReactorThreads},
 * semantics.md §1.3).
 */
class ThreadsTest {
    private static final double TIMEOUT = 120;

    @ReactorTest
    void callsFromEightThreadsAllRunInEachThreadsOrder(ReactorBuilder b) throws Exception {
        IReactor reactor = b.buildReactor();
        int threads = 8;
        int perThread = 10_000;
        int[] next = new int[threads];
        List<String> errors = new ArrayList<>();
        int[] total = {0};
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread p = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    int seq = i;
                    reactor.callFromThread(() -> {
                        if (next[id] != seq && errors.size() < 10) {
                            errors.add("thread " + id + ": expected " + next[id] + ", got " + seq);
                        }
                        next[id] = seq + 1;
                        if (++total[0] == threads * perThread) {
                            reactor.stop();
                        }
                    });
                }
            }, "producer-" + t);
            p.start();
            producers.add(p);
        }
        b.needsRunningReactor(reactor, go::countDown);
        b.runReactor(reactor, TIMEOUT);
        for (Thread p : producers) {
            p.join(10_000);
        }
        assertEquals(List.of(), errors);
        assertEquals(threads * perThread, total[0]);
    }

    @ReactorTest
    void aHundredThousandQueuedCallsAllRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        int[] ran = {0};
        for (int i = 0; i < 100_000; i++) {
            reactor.callFromThread(() -> ran[0]++);
        }
        reactor.callFromThread(reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(100_000, ran[0]);
    }

    @ReactorTest
    void callQueuedBeforeRunRunsOnlyOnceTheReactorRuns(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.callFromThread(() -> {
            events.add("thread call, running=" + reactor.running());
            reactor.stop();
        });
        reactor.callWhenRunning(() -> events.add("callWhenRunning"));
        assertEquals(List.of(), events);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("callWhenRunning", "thread call, running=true"), events);
    }

    @ReactorTest
    void callQueuedByAQueuedCallWaitsForTheNextIteration(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.callFromThread(() -> {
            events.add("first");
            reactor.callFromThread(() -> events.add("queued by first"));
        });
        reactor.callFromThread(() -> events.add("second"));
        for (int i = 0; i < 1_000 && events.isEmpty(); i++) {
            reactor.iterate(0);
        }
        assertEquals(List.of("first", "second"), events);
        reactor.iterate(0);
        assertEquals(List.of("first", "second", "queued by first"), events);
    }

    @ReactorTest
    void exceptionInAThreadCallIsLoggedAndTheRestStillRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.callFromThread(() -> {
            throw new IllegalStateException("thread call boom");
        });
        reactor.callFromThread(() -> {
            events.add("next");
            reactor.stop();
        });
        try (LogCapture logs = LogCapture.reactor()) {
            b.runReactor(reactor, TIMEOUT);
            assertEquals(1, logs.errors(IllegalStateException.class).size());
        }
        assertEquals(List.of("next"), events);
    }

    @ReactorTest
    void idleReactorIsWokenByACallFromAnotherThread(ReactorBuilder b) throws Exception {
        IReactor reactor = b.buildReactor();
        AtomicBoolean woken = new AtomicBoolean();
        Thread waker = new Thread(() -> {
            try {
                // Give the loop time to go to sleep with nothing to do (only the test's timeout is
                // scheduled), so the call has to wake it.
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            reactor.callFromThread(() -> {
                woken.set(true);
                reactor.stop();
            });
        });
        b.needsRunningReactor(reactor, waker::start);
        // Fails with "reactor still running" if the wake-up is lost.
        b.runReactor(reactor, 60);
        waker.join(10_000);
        assertTrue(woken.get());
    }

    @ReactorTest
    void callInThreadRunsOnAPoolThreadAndShutdownWaitsForIt(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        AtomicReference<String> ranOn = new AtomicReference<>();
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        b.needsRunningReactor(reactor, () -> {
            reactor.callInThread(() -> {
                ranOn.set(Thread.currentThread().getName() + ", inIOThread=" + reactor.isInIOThread());
                started.countDown();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                finished.set(true);
            });
            try {
                assertTrue(started.await(30, TimeUnit.SECONDS), "pool thread started");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertTrue(finished.get(), "the pool was joined before run() returned");
        assertTrue(ranOn.get().endsWith("inIOThread=false"), ranOn.get());
        assertFalse(ranOn.get().startsWith(Thread.currentThread().getName() + ","), ranOn.get());
    }

    @ReactorTest
    void threadPoolIsNotStartedBeforeRunAndIsDroppedAfterShutdown(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        CountDownLatch ran = new CountDownLatch(1);
        reactor.callInThread(ran::countDown);
        ThreadPoolExecutor pool = reactor.getThreadPool();
        assertEquals(0, pool.getPoolSize(), "no thread before run()");
        assertEquals(1, ran.getCount());
        b.needsRunningReactor(reactor, () -> reactor.callInThread(() -> {
            try {
                ran.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            reactor.callFromThread(reactor::stop);
        }));
        b.runReactor(reactor, TIMEOUT);
        assertEquals(0, ran.getCount(), "work given before run() ran once the pool started");
        assertTrue(pool.isTerminated(), "joined at shutdown");
        assertNotSame(pool, reactor.getThreadPool(), "a new pool after shutdown");
    }

    @ReactorTest
    void suggestThreadPoolSizeSetsTheMaximum(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        assertEquals(10, reactor.getThreadPool().getMaximumPoolSize(), "Twisted's default");
        reactor.suggestThreadPoolSize(17);
        assertEquals(17, reactor.getThreadPool().getMaximumPoolSize());
        reactor.suggestThreadPoolSize(3);
        assertEquals(3, reactor.getThreadPool().getMaximumPoolSize());
    }

    @ReactorTest
    void isInIOThreadIsTrueOnlyOnTheThreadRunningTheReactor(ReactorBuilder b) throws Exception {
        IReactor reactor = b.buildReactor();
        assertFalse(reactor.isInIOThread(), "before run()");
        List<Boolean> seen = new ArrayList<>();
        AtomicBoolean otherThread = new AtomicBoolean(true);
        b.needsRunningReactor(reactor, () -> {
            seen.add(reactor.isInIOThread());
            Thread t = new Thread(() -> otherThread.set(reactor.isInIOThread()));
            t.start();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of(true), seen);
        assertFalse(otherThread.get());
    }
}
