package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeferredQueue} (Twisted's testQueue and cancel tests). */
class DeferredQueueTest {

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    @Test
    void boundedQueueHandsItemsToWaitersThenBuffersThenOverflows() {
        int n = 2;
        int m = 2;
        DeferredQueue<Integer> queue = new DeferredQueue<>(n, m);
        List<Integer> gotten = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            queue.get().addCallback(gotten::add);
        }
        assertThrows(QueueUnderflow.class, queue::get);
        for (int i = 0; i < m; i++) {
            queue.put(i);
            assertEquals(i + 1, gotten.size());
        }
        for (int i = 0; i < n; i++) {
            queue.put(n + i);
            assertEquals(List.of(0, 1), gotten);
        }
        assertThrows(QueueOverflow.class, () -> queue.put(null));

        gotten.clear();
        for (int i = 0; i < n; i++) {
            queue.get().addCallback(gotten::add);
            assertEquals(i + 1, gotten.size());
        }
        assertEquals(List.of(2, 3), gotten);
    }

    @Test
    void unboundedQueueServesWaitersInOrder() {
        DeferredQueue<Integer> queue = new DeferredQueue<>();
        List<Integer> gotten = new ArrayList<>();
        queue.get().addCallback(gotten::add);
        queue.get().addCallback(gotten::add);
        queue.put(0);
        queue.put(1);
        assertEquals(List.of(0, 1), gotten);
    }

    @Test
    void zeroSizeOverflowsAndZeroBacklogUnderflowsAtOnce() {
        assertThrows(QueueOverflow.class, () -> new DeferredQueue<Object>(0, 10).put(null));
        assertThrows(QueueUnderflow.class, () -> new DeferredQueue<Object>(10, 0).get());
    }

    @Test
    void nullItemsAreQueuedLikeAnyOther() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        queue.put(null);
        queue.put("x");
        assertEquals(2, queue.pendingCount());
        assertNull(successResultOf(queue.get()));
        assertEquals("x", successResultOf(queue.get()));
    }

    @Test
    void cancellingAGetThatHasItsItemDoesNothing() {
        DeferredQueue<Object> queue = new DeferredQueue<>();
        Deferred<Object> d = queue.get();
        d.addErrback(f -> {
            throw new AssertionError("Unexpected errback call!");
        });
        queue.put(null);
        d.cancel();
    }

    @Test
    void cancellingAWaitingGetRemovesItSoTheNextItemGoesElsewhere() {
        // test_cancelQueueAfterGet.
        DeferredQueue<String> queue = new DeferredQueue<>();
        Deferred<String> d = queue.get();
        d.cancel();
        failureResultOf(d, CancelledError.class);
        assertEquals(0, queue.waitingCount());
        queue.put("next");
        assertEquals("next", successResultOf(queue.get()));
    }

    @Test
    void thousandsOfGettersEachPuttingTheNextItemRunIteratively() {
        DeferredQueue<Integer> queue = new DeferredQueue<>();
        List<Integer> gotten = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            queue.get().addCallback(item -> {
                gotten.add(item);
                if (item < 4_999) {
                    queue.put(item + 1);
                }
                return null;
            });
        }
        queue.put(0);
        assertEquals(5_000, gotten.size());
        assertEquals(4_999, gotten.get(4_999));
        assertEquals(0, queue.waitingCount());
    }
}
