package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.failureResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeferredSemaphore} (Twisted's testSemaphore and cancel tests). */
class DeferredSemaphoreTest {
    private static final int N = 13;
    private int counter;

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    private Object incr(Object ignored) {
        counter++;
        return null;
    }

    @Test
    void runWaitsForTheFunctionsDeferredThenReleases() {
        DeferredSemaphore sem = new DeferredSemaphore(N);
        Deferred<Object> control = new Deferred<>();
        Object unique = new Object();
        List<Object> helperArg = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        Deferred<Object> result = sem.run(() -> {
            helperArg.add(unique);
            return control;
        });
        result.addCallback(results::add);
        assertTrue(results.isEmpty());
        assertEquals(List.of(unique), helperArg);
        assertEquals(N - 1, sem.tokens());
        control.callback(null);
        assertEquals(1, results.size());
        assertNull(results.get(0));
        assertEquals(N, sem.tokens());
    }

    @Test
    void atMostLimitHoldersAndTheRestWaitInOrder() {
        DeferredSemaphore sem = new DeferredSemaphore(N);
        for (int i = 1; i <= N; i++) {
            sem.acquire().addCallback(this::incr);
            assertEquals(i, counter);
        }
        assertEquals(0, sem.tokens());

        List<Boolean> cancelledWhileWaiting = new ArrayList<>();
        Deferred<DeferredSemaphore> d = sem.acquire();
        d.addCallbacks(r -> cancelledWhileWaiting.add(false), f -> cancelledWhileWaiting.add(true));
        d.cancel();
        assertEquals(List.of(true), cancelledWhileWaiting);

        sem.acquire().addCallback(this::incr);
        assertEquals(N, counter);
        sem.release();
        assertEquals(N + 1, counter);
        for (int i = 0; i < N; i++) {
            sem.release();
            assertEquals(N + 1, counter);
        }
        assertEquals(N, sem.tokens());
        assertEquals(N, sem.limit());
    }

    @Test
    void invalidTokenCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(0));
        assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(-1));
    }

    @Test
    void releasingMoreThanAcquiredIsAnError() {
        DeferredSemaphore sem = new DeferredSemaphore(2);
        sem.acquire();
        sem.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().contains("too many times"));
    }

    @Test
    void cancellingAWaitingAcquireFailsItAndAnAcquiredOneDoesNothing() {
        DeferredSemaphore sem = new DeferredSemaphore(1);
        Deferred<DeferredSemaphore> held = sem.acquire();
        held.addErrback(f -> {
            throw new AssertionError("Unexpected errback call!");
        });
        held.cancel();
        Deferred<DeferredSemaphore> waiting = sem.acquire();
        waiting.cancel();
        failureResultOf(waiting, CancelledError.class);
        assertEquals(0, sem.waiting());
    }

    @Test
    void thousandsOfSynchronousWaitersAreServedWithoutDeepeningTheStack() {
        DeferredSemaphore sem = new DeferredSemaphore(3);
        sem.acquire();
        sem.acquire();
        sem.acquire();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int n = i;
            sem.acquire().addCallback(s -> {
                order.add(n);
                s.release();
                return null;
            });
        }
        sem.release();
        assertEquals(5_000, order.size());
        assertEquals(4_999, order.get(4_999));
        assertEquals(1, sem.tokens());
        assertSame(0, sem.waiting());
    }
}
