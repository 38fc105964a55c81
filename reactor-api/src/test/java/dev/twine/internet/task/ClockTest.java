package dev.twine.internet.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.error.AlreadyCalled;
import dev.twine.internet.error.AlreadyCancelled;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Clock}: deterministic time for tests (Twisted's ClockTests, semantics.md §1.13). */
class ClockTest {
    private final Clock clock = new Clock();
    private final List<String> events = new ArrayList<>();

    @Test
    void timeStartsAtZero() {
        assertEquals(0.0, clock.seconds());
    }

    @Test
    void callLaterSchedulesAtNowPlusDelay() {
        IDelayedCall call = clock.callLater(1, () -> events.add("a"));
        assertEquals(1.0, call.getTime());
        assertTrue(call.active());
        assertEquals(List.of(call), clock.getDelayedCalls());
    }

    @Test
    void advanceRunsDueCallsOnlyAndMovesTime() {
        IDelayedCall call = clock.callLater(2, () -> events.add("due at 2"));
        clock.advance(1);
        assertTrue(events.isEmpty());
        assertTrue(call.active());
        clock.advance(1);
        assertEquals(List.of("due at 2"), events);
        assertFalse(call.active());
        assertEquals(2.0, clock.seconds());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void callsRunInTimeOrderAndFifoForEqualTimes() {
        clock.callLater(2, () -> events.add("c"));
        clock.callLater(1, () -> events.add("a1"));
        clock.callLater(1, () -> events.add("a2"));
        clock.callLater(1, () -> events.add("a3"));
        clock.callLater(1.5, () -> events.add("b"));
        clock.advance(3);
        assertEquals(List.of("a1", "a2", "a3", "b", "c"), events);
    }

    @Test
    void cancelledCallDoesNotRunAndLeavesThePendingList() {
        IDelayedCall call = clock.callLater(1, () -> events.add("x"));
        call.cancel();
        assertFalse(call.active());
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(1);
        assertTrue(events.isEmpty());
    }

    @Test
    void cancelAndResetFailOnceCancelledOrCalled() {
        IDelayedCall cancelled = clock.callLater(1, () -> { });
        cancelled.cancel();
        assertThrows(AlreadyCancelled.class, cancelled::cancel);
        assertThrows(AlreadyCancelled.class, () -> cancelled.reset(1));
        assertThrows(AlreadyCancelled.class, () -> cancelled.delay(1));

        IDelayedCall called = clock.callLater(1, () -> { });
        clock.advance(1);
        assertThrows(AlreadyCalled.class, called::cancel);
        assertThrows(AlreadyCalled.class, () -> called.reset(1));
        assertThrows(AlreadyCalled.class, () -> called.delay(1));
    }

    @Test
    void callIsAlreadyCalledWhileItRuns() {
        IDelayedCall[] self = new IDelayedCall[1];
        List<Throwable> thrown = new ArrayList<>();
        self[0] = clock.callLater(1, () -> {
            try {
                self[0].cancel();
            } catch (AlreadyCalled e) {
                thrown.add(e);
            }
        });
        clock.advance(1);
        assertEquals(1, thrown.size());
    }

    @Test
    void delayMovesTheCallLater() {
        IDelayedCall call = clock.callLater(1, () -> events.add("x"));
        call.delay(1);
        assertEquals(2.0, call.getTime());
        clock.advance(1);
        assertTrue(events.isEmpty());
        clock.advance(1);
        assertEquals(List.of("x"), events);
    }

    @Test
    void resetMovesTheCallRelativeToNowEitherWay() {
        clock.advance(10);
        IDelayedCall later = clock.callLater(5, () -> events.add("later"));
        IDelayedCall sooner = clock.callLater(5, () -> events.add("sooner"));
        later.reset(3);
        assertEquals(13.0, later.getTime());
        sooner.reset(1);
        clock.advance(1);
        assertEquals(List.of("sooner"), events);
        clock.advance(2);
        assertEquals(List.of("sooner", "later"), events);
    }

    @Test
    void resetAndDelayKeepPendingCallsInFiringOrder() {
        // test_callLaterResetKeepsCallsOrdered.
        IDelayedCall first = clock.callLater(1, () -> events.add("first"));
        clock.callLater(2, () -> events.add("second"));
        first.reset(3);
        List<IDelayedCall> pending = clock.getDelayedCalls();
        assertSame(first, pending.get(1));
        clock.advance(3);
        assertEquals(List.of("second", "first"), events);
    }

    @Test
    void callScheduledDuringAdvanceThatIsDueRunsInTheSameAdvance() {
        clock.callLater(1, () -> {
            events.add("outer");
            clock.callLater(0, () -> events.add("inner, due now"));
            clock.callLater(5, () -> events.add("not yet"));
        });
        clock.advance(2);
        assertEquals(List.of("outer", "inner, due now"), events);
    }

    @Test
    void resetInsideACallKeepsOrder() {
        // test_callLaterResetInsideCallKeepsCallsOrdered.
        IDelayedCall[] second = new IDelayedCall[1];
        clock.callLater(1, () -> {
            events.add("first");
            second[0].reset(0.5);
        });
        second[0] = clock.callLater(2, () -> events.add("second"));
        clock.advance(1);
        assertEquals(List.of("first"), events);
        clock.advance(0.5);
        assertEquals(List.of("first", "second"), events);
    }

    @Test
    void exceptionFromACallPropagatesOutOfAdvanceAndLaterCallsStayScheduled() {
        clock.callLater(1, () -> {
            throw new IllegalStateException("from the call");
        });
        clock.callLater(1, () -> events.add("after"));
        assertThrows(IllegalStateException.class, () -> clock.advance(1));
        assertTrue(events.isEmpty());
        clock.advance(0);
        assertEquals(List.of("after"), events);
    }

    @Test
    void pumpAdvancesStepByStep() {
        List<Double> times = new ArrayList<>();
        clock.callLater(1, () -> times.add(clock.seconds()));
        clock.callLater(2.5, () -> times.add(clock.seconds()));
        clock.pump(1, 1, 1);
        assertEquals(List.of(1.0, 3.0), times);
    }

    @Test
    void invalidDelaysAndAmountsAreRejected() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            assertThrows(IllegalArgumentException.class, () -> clock.callLater(bad, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> clock.advance(bad));
        }
        IDelayedCall call = clock.callLater(1, () -> { });
        assertThrows(IllegalArgumentException.class, () -> call.reset(-1));
        assertThrows(IllegalArgumentException.class, () -> call.reset(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> call.delay(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> call.delay(Double.NEGATIVE_INFINITY));
        call.delay(-0.5);
        assertEquals(0.5, call.getTime());
    }
}
