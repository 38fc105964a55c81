package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeferredLock} (Twisted's testLock and cancel tests, plus #9304's many waiters). */
class DeferredLockTest {
    private static final int WAITERS = 5_000;
    private final DeferredLock lock = new DeferredLock();
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
    void acquireFiresAtOnceWhenFreeAndAfterReleaseWhenHeld() {
        lock.acquire().addCallback(this::incr);
        assertTrue(lock.locked());
        assertEquals(1, counter);

        lock.acquire().addCallback(this::incr);
        assertTrue(lock.locked());
        assertEquals(1, counter);
        assertEquals(1, lock.waiting());

        lock.release();
        assertTrue(lock.locked(), "the lock passed straight to the waiter");
        assertEquals(2, counter);

        lock.release();
        assertFalse(lock.locked());
        assertEquals(2, counter);
    }

    @Test
    void releasingAnUnlockedLockIsAnError() {
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void waitersAcquireInFifoOrder() {
        List<Integer> order = new ArrayList<>();
        lock.acquire();
        for (int i = 0; i < 5; i++) {
            int n = i;
            lock.acquire().addCallback(l -> {
                order.add(n);
                return null;
            });
        }
        for (int i = 0; i < 5; i++) {
            lock.release();
        }
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        assertTrue(lock.locked());
    }

    @Test
    void runHoldsTheLockUntilTheFunctionsDeferredFires() {
        Object firstUnique = new Object();
        Deferred<Object> control = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        Deferred<Object> result = lock.run(() -> {
            seen.add(firstUnique);
            return control;
        });
        assertTrue(lock.locked());
        assertEquals(List.of(firstUnique), seen);

        lock.acquire().addCallback(this::incr);
        assertEquals(0, counter);

        Object secondUnique = new Object();
        control.callback(secondUnique);
        assertSame(secondUnique, successResultOf(result));
        assertTrue(lock.locked(), "released by run, then taken by the waiter");
        assertEquals(1, counter);
        lock.release();
        assertFalse(lock.locked());
    }

    @Test
    void runReleasesWhenTheFunctionFails() {
        Deferred<Object> result = lock.run(() -> {
            throw new IllegalStateException("inside");
        });
        failureResultOf(result, IllegalStateException.class);
        assertFalse(lock.locked());
    }

    @Test
    void cancellingAWaitingAcquireRemovesItFromTheQueue() {
        lock.acquire();
        Deferred<DeferredLock> d = lock.acquire();
        d.cancel();
        failureResultOf(d, CancelledError.class);
        assertEquals(0, lock.waiting());
        lock.release();
        assertFalse(lock.locked(), "nobody was left waiting");
    }

    @Test
    void cancellingAnAcquiredLockDoesNothing() {
        Deferred<DeferredLock> d = lock.acquire();
        d.addErrback(f -> {
            throw new AssertionError("Unexpected errback call!");
        });
        d.cancel();
        assertTrue(lock.locked());
    }

    @Test
    void cancellingAWaiterAlreadyHandedTheLockDeliversItInstead() {
        // With iterative hand-off, a waiter can own the lock before its Deferred has fired; cancelling it
        // then is "too late", as cancelling an acquired lock is in Twisted.
        lock.acquire();
        List<Deferred<DeferredLock>> second = new ArrayList<>();
        List<Object> secondResult = new ArrayList<>();
        lock.acquire().addCallback(l -> {
            l.release();            // hands the lock to `second`; its delivery waits for us to return
            second.get(0).cancel();
            return null;
        });
        second.add(lock.acquire());
        second.get(0).addBoth(secondResult::add);
        lock.release();
        assertEquals(List.of(lock), secondResult);
        assertTrue(lock.locked(), "the second waiter holds the lock");
        assertEquals(0, lock.waiting());
    }

    @Test
    void thousandsOfSynchronousWaitersAreServedInOrderAtConstantStackDepth() {
        // Twisted #9304: each waiter releases inside its callback; a recursive hand-off overflows.
        lock.acquire();
        List<Integer> order = new ArrayList<>();
        Set<Integer> depths = new HashSet<>();
        for (int i = 0; i < WAITERS; i++) {
            int n = i;
            lock.acquire().addCallback(l -> {
                order.add(n);
                depths.add(StackWalker.getInstance().walk(s -> (int) s.count()));
                l.release();
                return null;
            });
        }
        lock.release();
        assertEquals(WAITERS, order.size());
        for (int i = 0; i < WAITERS; i++) {
            assertEquals(i, order.get(i));
        }
        assertEquals(1, depths.size(), "every waiter ran at the same depth: " + depths);
        assertFalse(lock.locked());
    }

    @Test
    void thousandsOfRunCallsOfSynchronousFunctionsComplete() {
        lock.acquire();
        List<Deferred<Object>> results = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            int n = i;
            results.add(lock.run(() -> n));
        }
        assertNoResult(results.get(0));
        lock.release();
        for (int i = 0; i < WAITERS; i++) {
            assertEquals(i, successResultOf(results.get(i)));
        }
        assertFalse(lock.locked());
    }
}
