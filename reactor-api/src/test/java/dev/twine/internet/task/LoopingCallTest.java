package dev.twine.internet.task;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.defer.UnhandledFailures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LoopingCall} on a {@link Clock} (Twisted's LoopTests and ReactorLoopTests, semantics.md §1.13). */
class LoopingCallTest {
    private final Clock clock = new Clock();
    private final List<Double> times = new ArrayList<>();

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    @Test
    void callsNowAndThenEveryIntervalUntilStopped() {
        // testBasicFunction: start(0.1), pump([0.05, 0.1, 0.1]) gives 3 calls.
        LoopingCall lc = new LoopingCall(clock, () -> times.add(clock.seconds()));
        Deferred<LoopingCall> d = lc.start(0.1);
        clock.pump(0.05, 0.1, 0.1);
        assertEquals(3, times.size());
        assertNoResult(d);
        lc.stop();
        assertSame(lc, successResultOf(d));
        assertFalse(lc.running());
        assertTrue(clock.getDelayedCalls().isEmpty(), "nothing further is planned");
    }

    @Test
    void delayedStartWaitsOneInterval() {
        LoopingCall lc = new LoopingCall(clock, () -> times.add(clock.seconds()));
        Deferred<LoopingCall> d = lc.start(0.1, false);
        clock.pump(0.05, 0.1, 0.1);
        assertEquals(2, times.size());
        lc.stop();
        assertSame(lc, successResultOf(d));
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void slowReactorSkipsMissedSlotsInsteadOfQueueingThem() {
        // test_reactorTimeSkips.
        LoopingCall lc = new LoopingCall(clock, () -> times.add(clock.seconds()));
        lc.start(0.5);
        assertEquals(List.of(0.0), times);
        clock.advance(2);
        assertEquals(List.of(0.0, 2.0), times);
        clock.advance(1);
        assertEquals(List.of(0.0, 2.0, 3.0), times);
        clock.advance(0);
        assertEquals(List.of(0.0, 2.0, 3.0), times);
        lc.stop();
    }

    @Test
    void slowFunctionSchedulesTheNextSlotStrictlyInTheFuture() {
        // test_callbackTimeSkips.
        double[] callDuration = {2};
        LoopingCall lc = new LoopingCall(clock, () -> {
            times.add(clock.seconds());
            clock.advance(callDuration[0]);
        });
        lc.start(0.5);
        assertEquals(List.of(0.0), times);
        assertEquals(2.0, clock.seconds());
        clock.advance(0);
        assertEquals(List.of(0.0), times, "the slot at 2.0 is now, not the future: skipped");
        callDuration[0] = 1;
        clock.advance(0.5);
        assertEquals(List.of(0.0, 2.5), times);
        assertEquals(3.5, clock.seconds());
        clock.advance(0);
        assertEquals(List.of(0.0, 2.5), times);
        callDuration[0] = 0;
        clock.advance(0.5);
        assertEquals(List.of(0.0, 2.5, 4.0), times);
        lc.stop();
    }

    @Test
    void callsStayAlignedToTheStartTime() {
        LoopingCall lc = new LoopingCall(clock, () -> times.add(clock.seconds()));
        lc.start(1);
        clock.advance(1.3);
        clock.advance(0.9);
        clock.advance(0.8);
        // Called at 0, then at 1.3 (slot 1, late), then at the next slot 2 is missed since the clock jumped
        // to 2.2; next slot 3.0 is reached exactly.
        assertEquals(List.of(0.0, 1.3, 2.2, 3.0), times);
        assertEquals(4.0, clock.getDelayedCalls().get(0).getTime(), 1e-9);
        lc.stop();
    }

    @Test
    void functionReturningADeferredDelaysTheNextCallUntilItFires() {
        // testWaitDeferred.
        List<Deferred<Object>> pending = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> {
            times.add(clock.seconds());
            Deferred<Object> d = new Deferred<>();
            pending.add(d);
            return d;
        });
        lc.start(0.2);
        clock.pump(0.2, 0.8);
        assertEquals(List.of(0.0), times);
        assertTrue(clock.getDelayedCalls().isEmpty());
        pending.get(0).callback(null);
        assertEquals(1, clock.getDelayedCalls().size());
        clock.advance(0.2);
        assertEquals(List.of(0.0, 1.2), times);
        lc.stop();
    }

    @Test
    void stopWhileTheFunctionsDeferredIsPendingFiresStartsDeferredWhenItCompletes() {
        Deferred<Object> inner = new Deferred<>();
        LoopingCall lc = new LoopingCall(clock, () -> inner);
        Deferred<LoopingCall> d = lc.start(1);
        lc.stop();
        assertNoResult(d);
        inner.callback(null);
        assertSame(lc, successResultOf(d));
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void failureStopsTheLoopAndErrbacksStartsDeferred() {
        // testFailure / testFailurePropagation.
        LoopingCall lc = new LoopingCall(clock, () -> {
            throw new IllegalStateException("bar");
        });
        Deferred<LoopingCall> d = lc.start(0.1);
        assertEquals("bar", failureResultOf(d, IllegalStateException.class).getErrorMessage());
        assertFalse(lc.running());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void failureOfTheFunctionsDeferredStopsTheLoop() {
        LoopingCall lc = new LoopingCall(clock, () -> {
            Deferred<Object> d = new Deferred<>();
            clock.callLater(0.3, () -> d.errback(new UnsupportedOperationException()));
            return d;
        });
        Deferred<LoopingCall> d = lc.start(1);
        clock.pump(0.3);
        failureResultOf(d, UnsupportedOperationException.class);
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void stopThenFailInTheSameCallStillErrbacks() {
        // testFailAndStop.
        LoopingCall[] self = new LoopingCall[1];
        self[0] = new LoopingCall(clock, () -> {
            self[0].stop();
            throw new IllegalStateException("after stop");
        });
        failureResultOf(self[0].start(0.1), IllegalStateException.class);
    }

    @Test
    void stopFromInsideTheFunctionEndsTheLoop() {
        // testEveryIteration.
        LoopingCall[] self = new LoopingCall[1];
        self[0] = new LoopingCall(clock, () -> {
            times.add(clock.seconds());
            if (times.size() > 5) {
                self[0].stop();
            }
        });
        Deferred<LoopingCall> d = self[0].start(0);
        clock.pump(0, 0, 0, 0, 0, 0, 0);
        assertEquals(6, times.size());
        assertSame(self[0], successResultOf(d));
    }

    @Test
    void stoppingBeforeTheFirstCallPreventsEveryCall() {
        for (double interval : new double[] {0, 10}) {
            LoopingCall lc = new LoopingCall(clock, () -> times.add(clock.seconds()));
            lc.start(interval, false);
            lc.stop();
            clock.advance(20);
            assertTrue(times.isEmpty());
            assertTrue(clock.getDelayedCalls().isEmpty());
        }
    }

    @Test
    void resetRestartsTheTimingFromNow() {
        List<Object> ran = new ArrayList<>();
        LoopingCall lc = new LoopingCall(clock, () -> ran.add(null));
        lc.start(2, false);
        clock.advance(1);
        lc.reset();
        clock.advance(1);
        assertEquals(List.of(), ran);
        clock.advance(1);
        assertEquals(Collections.singletonList(null), ran);
        lc.stop();
    }

    @Test
    void invalidUseIsRejected() {
        LoopingCall lc = new LoopingCall(clock, () -> { });
        assertThrows(IllegalArgumentException.class, () -> lc.start(-1));
        assertThrows(IllegalArgumentException.class, () -> lc.start(Double.NaN));
        assertThrows(IllegalStateException.class, lc::stop);
        assertThrows(IllegalStateException.class, lc::reset);
        lc.start(1);
        assertThrows(IllegalStateException.class, () -> lc.start(1));
        lc.stop();
    }

    @Test
    void withCountPassesTheNumberOfElapsedIntervals() {
        // test_reactorTimeCountSkips.
        List<String> calls = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(clock, count -> calls.add(clock.seconds() + "x" + count));
        double interval = 0.5;
        double delay = 0.01;
        lc.start(interval);
        assertEquals(List.of("0.0x1"), calls);
        clock.advance(interval + delay);
        assertEquals(List.of("0.0x1", (interval + delay) + "x1"), calls);
        clock.advance(3 * interval + delay);
        assertEquals(3, calls.size());
        assertTrue(calls.get(2).endsWith("x3"), calls.get(2));
        clock.advance(0);
        assertEquals(3, calls.size());
        lc.stop();
    }

    @Test
    void withCountCountsOnlyWholeMissedIntervals() {
        // test_countLengthyIntervalCounts.
        List<Integer> counts = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(clock, counts::add);
        lc.start(0.5);
        clock.advance(0.51);
        clock.advance(0.5 * 1.75);
        clock.advance(0.5 * 0.25);
        assertEquals(List.of(1, 1, 1, 1), counts);
        lc.stop();
    }

    @Test
    void withCountNeverPassesZeroAndSumsToTheElapsedIntervals() {
        // test_withCountFloatingPointBoundary: 0.1 is inexact in binary.
        List<Integer> counts = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(clock, counts::add);
        int count = 10;
        double interval = 1.0 / count;
        lc.start(interval, false);
        for (int i = 0; i < count; i++) {
            clock.advance(interval);
        }
        // Ten additions of 0.1 fall just short of 1.0; push the clock over the threshold as Twisted does.
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += interval;
        }
        double epsilon = 1.0 - sum;
        assertTrue(Math.abs(epsilon) > 0, "the test needs the floating-point inaccuracy it is about");
        clock.advance(epsilon);
        assertTrue(clock.seconds() >= 1.0);
        assertFalse(counts.contains(0));
        assertEquals(count, counts.stream().mapToInt(Integer::intValue).sum());
        lc.stop();
    }

    @Test
    void withCountAndIntervalZeroAlwaysPassesOne() {
        List<Integer> counts = new ArrayList<>();
        LoopingCall[] self = new LoopingCall[1];
        self[0] = LoopingCall.withCount(clock, n -> {
            counts.add(n);
            if (counts.size() > 4) {
                self[0].stop();
            }
            return null;
        });
        Deferred<LoopingCall> d = self[0].start(0, false);
        clock.pump(0, 0, 0, 0, 0);
        successResultOf(d);
        assertEquals(List.of(1, 1, 1, 1, 1), counts);
    }

    @Test
    void withCountCountsIntervalsMissedWhileWaitingOnADeferred() {
        // test_deferredWithCount.
        Deferred<Object> first = new Deferred<>();
        List<Integer> counts = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(clock, n -> {
            counts.add(n);
            return counts.size() == 1 ? first : null;
        });
        lc.start(0.2, false);
        clock.pump(0.2, 0.4);
        assertEquals(List.of(1), counts);
        first.callback(null);
        clock.pump(0.2);
        assertEquals(List.of(1, 3), counts);
        lc.stop();
    }
}
