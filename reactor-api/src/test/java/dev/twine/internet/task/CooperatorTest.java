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
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cooperator and CooperativeTask (Twisted's {@code test_cooperator}, semantics.md §3.14), on a Clock. */
class CooperatorTest {
    private final Clock clock = new Clock();
    /** Steps allowed per tick; each tick's predicate counts down from it. */
    private int stepsPerTick = 1;
    private final Cooperator coop = new Cooperator(this::countingPredicate, f -> clock.callLater(Cooperator.EPSILON, f), true);
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    private BooleanSupplier countingPredicate() {
        int[] left = {stepsPerTick};
        return () -> --left[0] <= 0;
    }

    /** An iterator of {@code n} steps that log {@code name + i}. */
    private Iterator<Object> steps(String name, int n) {
        return IntStream.range(0, n).mapToObj(i -> (Object) i).map(i -> {
            log.add(name + i);
            return i;
        }).iterator();
    }

    private void tick() {
        clock.advance(Cooperator.EPSILON);
    }

    @Test
    void eachTickRunsStepsUntilThePredicateEndsItAndWhenDoneFiresWithTheIterator() {
        stepsPerTick = 2;
        Iterator<Object> it = steps("a", 3);
        Deferred<Iterator<Object>> done = coop.coiterate(it);
        assertEquals(List.of(), log, "nothing runs inside coiterate");
        tick();
        assertEquals(List.of("a0", "a1"), log);
        assertNoResult(done);
        tick();
        // The second step of this tick finds the iterator exhausted, as Twisted's StopIteration step does.
        assertEquals(List.of("a0", "a1", "a2"), log);
        assertSame(it, successResultOf(done));
        assertTrue(clock.getDelayedCalls().isEmpty(), "no tick is scheduled without tasks");
    }

    @Test
    void tasksTakeTurnsRoundRobin() {
        stepsPerTick = 4;
        coop.cooperate(steps("a", 3));
        coop.cooperate(steps("b", 3));
        tick();
        assertEquals(List.of("a0", "b0", "a1", "b1"), log);
    }

    @Test
    void aYieldedDeferredPausesTheTaskUntilItFires() {
        stepsPerTick = 100;
        Deferred<String> gate = new Deferred<>();
        List<Object> items = List.of("x", gate, "y");
        Iterator<Object> it = items.stream().map(o -> {
            log.add(o instanceof Deferred ? "gate" : (String) o);
            return o;
        }).iterator();
        CooperativeTask<Iterator<Object>> task = coop.cooperate(it);
        tick();
        tick();
        assertEquals(List.of("x", "gate"), log);
        assertTrue(clock.getDelayedCalls().isEmpty(), "a task waiting on a Deferred costs no ticks");
        gate.callback("open");
        tick();
        assertEquals(List.of("x", "gate", "y"), log);
        tick();
        assertEquals(CooperativeTask.State.DONE, task.state());
    }

    @Test
    void aFailedYieldedDeferredFailsTheTask() {
        Deferred<String> gate = new Deferred<>();
        CooperativeTask<Iterator<Object>> task = coop.cooperate(List.<Object>of(gate).iterator());
        tick();
        gate.errback(new IllegalArgumentException("bad"));
        failureResultOf(task.whenDone(), IllegalArgumentException.class);
        assertEquals(CooperativeTask.State.FAILED, task.state());
        assertThrows(TaskFailed.class, task::stop);
    }

    @Test
    void anIteratorThatThrowsFailsTheTaskWithItsException() {
        Iterator<Object> bad = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                throw new ArithmeticException("/ by zero");
            }
        };
        Deferred<Iterator<Object>> done = coop.coiterate(bad);
        tick();
        failureResultOf(done, ArithmeticException.class);
    }

    @Test
    void pauseAndResumeNestAndResumingAnUnpausedTaskIsNotPaused() {
        CooperativeTask<Iterator<Object>> task = coop.cooperate(steps("a", 5));
        task.pause();
        task.pause();
        tick();
        assertEquals(List.of(), log);
        task.resume();
        tick();
        assertEquals(List.of(), log, "still paused once");
        task.resume();
        tick();
        assertEquals(List.of("a0"), log);
        assertThrows(NotPaused.class, task::resume);
    }

    @Test
    void stopEndsTheTaskWithTaskStoppedAndAFinishedTaskRefusesPauseAndStop() {
        CooperativeTask<Iterator<Object>> task = coop.cooperate(steps("a", 5));
        Deferred<Iterator<Object>> before = task.whenDone();
        task.stop();
        failureResultOf(before, TaskStopped.class);
        failureResultOf(task.whenDone(), TaskStopped.class);
        assertThrows(TaskStopped.class, task::stop);
        assertThrows(TaskStopped.class, task::pause);
        tick();
        assertEquals(List.of(), log);

        CooperativeTask<Iterator<Object>> finished = coop.cooperate(steps("b", 0));
        tick();
        assertThrows(TaskDone.class, finished::pause);
    }

    @Test
    void stoppingTheCooperatorEndsEveryTaskAndLaterOnesAtOnce() {
        Deferred<Iterator<Object>> one = coop.coiterate(steps("a", 5));
        Deferred<Iterator<Object>> two = coop.coiterate(steps("b", 5));
        coop.stop();
        failureResultOf(one, SchedulerStopped.class);
        failureResultOf(two, SchedulerStopped.class);
        assertFalse(coop.running());
        failureResultOf(coop.coiterate(steps("c", 5)), SchedulerStopped.class);
        assertTrue(clock.getDelayedCalls().isEmpty());
        coop.start();
        assertTrue(coop.running());
    }

    @Test
    void aCooperatorNotStartedQueuesItsTasksUntilStart() {
        Cooperator later = new Cooperator(this::countingPredicate, f -> clock.callLater(Cooperator.EPSILON, f), false);
        later.cooperate(steps("a", 1));
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertFalse(later.running());
        later.start();
        tick();
        assertEquals(List.of("a0"), log);
    }

    @Test
    void theDefaultSliceEndsATickAfterTenMilliseconds() {
        long[] now = {5_000_000_000L};
        BooleanSupplier slice = Cooperator.timeSlice(() -> now[0]);
        assertFalse(slice.getAsBoolean(), "a new slice has time left");
        now[0] += 9_999_999;
        assertFalse(slice.getAsBoolean(), "a nanosecond before 10 ms the slice still has time");
        now[0] += 1;
        assertTrue(slice.getAsBoolean(), "10 ms after it was made the slice is over");
    }

    @Test
    void theDefaultCooperatorHoldsTheLoopForAboutOneSlicePerTick() {
        // Each step takes ~1 ms of real time; a tick may run at most one slice (10 ms) plus one step.
        Cooperator real = new Cooperator(clock);
        long[] steps = {0};
        Iterator<Object> busy = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return steps[0] < 200;
            }

            @Override
            public Object next() {
                long end = System.nanoTime() + 1_000_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return ++steps[0];
            }
        };
        real.cooperate(busy);
        long start = System.nanoTime();
        tick();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(steps[0] >= 1 && steps[0] < 200, steps[0] + " steps in one tick");
        assertTrue(tookMs < 200, "one tick took " + tookMs + " ms");
    }
}
