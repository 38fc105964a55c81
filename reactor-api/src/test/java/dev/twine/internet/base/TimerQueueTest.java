package dev.twine.internet.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IDelayedCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timer heap on a frozen clock, where deadlines can be made exactly equal: what the conformance suite
 * cannot arrange through a real clock.
 */
class TimerQueueTest {
    private long clock = 1_000_000;
    private final TimerQueue queue = new TimerQueue(() -> clock);

    @Test
    void aThousandCallsWithExactlyEqualDeadlinesRunInSchedulingOrder() {
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            queue.schedule(1, () -> ran.add(n));
        }
        queue.insertNewCalls();
        clock += 1_000_000_000;
        queue.runDueCalls();
        assertEquals(range(1_000), ran);
    }

    @Test
    void equalDeadlinesStayInOrderAcrossCompaction() {
        List<Integer> ran = new ArrayList<>();
        List<IDelayedCall> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            calls.add(queue.schedule(1, () -> ran.add(n)));
        }
        queue.insertNewCalls();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i % 3 == 0) {
                expected.add(i);
            } else {
                calls.get(i).cancel(); // 200 of 300: more than 50 and more than half, so the heap compacts
            }
        }
        clock += 1_000_000_000;
        queue.runDueCalls();
        assertEquals(expected, ran);
        assertTrue(queue.pending().isEmpty());
    }

    @Test
    void callsDueLaterWaitAndTheTimeoutSaysHowLong() {
        List<String> ran = new ArrayList<>();
        queue.schedule(2, () -> ran.add("2s"));
        assertEquals(2_000_000_000L, queue.timeoutNanos());
        clock += 1_999_999_999;
        queue.runDueCalls();
        assertEquals(List.of(), ran);
        assertEquals(1, queue.timeoutNanos());
        clock += 1;
        queue.runDueCalls();
        assertEquals(List.of("2s"), ran);
        assertEquals(-1, queue.timeoutNanos(), "nothing scheduled: wait forever");
    }

    @Test
    void timeoutIsClampedToTwistedsMaximumWait() {
        queue.schedule(1e9, () -> { });
        assertEquals(TimerQueue.MAX_TIMEOUT_NANOS, queue.timeoutNanos());
    }

    @Test
    void cancelledEarliestCallDoesNotShortenTheTimeout() {
        IDelayedCall soon = queue.schedule(1, () -> { });
        queue.schedule(5, () -> { });
        queue.insertNewCalls();
        soon.cancel();
        assertEquals(5_000_000_000L, queue.timeoutNanos());
    }

    @Test
    void resetLaterIsAppliedWhenTheCallSurfacesAndResetSoonerAtOnce() {
        List<String> ran = new ArrayList<>();
        IDelayedCall a = queue.schedule(1, () -> ran.add("a"));
        IDelayedCall b = queue.schedule(2, () -> ran.add("b"));
        IDelayedCall c = queue.schedule(10, () -> ran.add("c"));
        queue.insertNewCalls();
        a.reset(3); // later: recorded, applied lazily
        c.reset(0.5); // sooner: moved in the heap now
        assertEquals(500_000_000L, queue.timeoutNanos());
        clock += 1_000_000_000;
        queue.runDueCalls();
        assertEquals(List.of("c"), ran);
        clock += 2_000_000_000;
        queue.runDueCalls();
        assertEquals(List.of("c", "b", "a"), ran);
        assertFalse(b.active());
    }

    @Test
    void deadlinesSaturateInsteadOfOverflowing() {
        IDelayedCall far = queue.schedule(Math.pow(2, 128), () -> { });
        far.delay(1e300);
        assertEquals(List.of(far), queue.pending());
        assertEquals(TimerQueue.MAX_TIMEOUT_NANOS, queue.timeoutNanos());
        clock += Long.MAX_VALUE / 2;
        queue.runDueCalls();
        assertTrue(far.active());
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
