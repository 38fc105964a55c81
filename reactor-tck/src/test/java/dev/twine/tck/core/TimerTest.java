package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactor;
import dev.twine.internet.error.AlreadyCalled;
import dev.twine.internet.error.AlreadyCancelled;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import java.util.ArrayList;
import java.util.List;

/** {@code callLater} and {@code IDelayedCall} (Twisted's {@code IReactorTime}, semantics.md §1.2). */
class TimerTest {
    private static final double TIMEOUT = 30;

    @ReactorTest
    void callsRunInDeadlineOrderNotSchedulingOrder(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> order = new ArrayList<>();
        // 100 ms apart, so that only a scheduler pause of that length between these lines could matter.
        reactor.callLater(0.3, () -> {
            order.add("0.3");
            reactor.stop();
        });
        reactor.callLater(0.1, () -> order.add("0.1"));
        reactor.callLater(0.2, () -> order.add("0.2"));
        reactor.callLater(0, () -> order.add("0"));
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("0", "0.1", "0.2", "0.3"), order);
    }

    @ReactorTest
    void callsWithTheSameDelayRunInTheOrderTheyWereScheduled(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<Integer> zero = new ArrayList<>();
        List<Integer> later = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            reactor.callLater(0, () -> zero.add(n));
            reactor.callLater(0.01, () -> later.add(n));
        }
        reactor.callLater(0.05, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(range(1_000), zero);
        assertEquals(range(1_000), later);
    }

    @ReactorTest
    void cancelledCallDoesNotRunAndIsNoLongerListed(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        boolean[] ran = {false};
        IDelayedCall call = reactor.callLater(0, () -> ran[0] = true);
        assertTrue(reactor.getDelayedCalls().contains(call));
        call.cancel();
        assertFalse(call.active());
        assertFalse(reactor.getDelayedCalls().contains(call));
        reactor.callLater(0.02, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertFalse(ran[0]);
    }

    @ReactorTest
    void cancelTwiceRaisesAlreadyCancelledAndAfterRunningRaisesAlreadyCalled(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IDelayedCall cancelled = reactor.callLater(10, () -> { });
        cancelled.cancel();
        assertThrows(AlreadyCancelled.class, cancelled::cancel);
        assertThrows(AlreadyCancelled.class, () -> cancelled.reset(1));
        assertThrows(AlreadyCancelled.class, () -> cancelled.delay(1));

        IDelayedCall called = reactor.callLater(0, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertFalse(called.active());
        assertThrows(AlreadyCalled.class, called::cancel);
        assertThrows(AlreadyCalled.class, () -> called.reset(1));
        assertThrows(AlreadyCalled.class, () -> called.delay(1));
    }

    @ReactorTest
    void cancellingACallFromInsideItselfRaisesAlreadyCalled(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IDelayedCall[] self = new IDelayedCall[1];
        List<Class<?>> raised = new ArrayList<>();
        self[0] = reactor.callLater(0, () -> {
            try {
                self[0].cancel();
            } catch (AlreadyCalled e) {
                raised.add(e.getClass());
            }
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of(AlreadyCalled.class), raised);
    }

    @ReactorTest
    void resetMovesACallLaterOrSooner(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> order = new ArrayList<>();
        IDelayedCall postponed = reactor.callLater(0.01, () -> order.add("postponed"));
        IDelayedCall hurried = reactor.callLater(100, () -> order.add("hurried"));
        // Each step below happens after the one before, so these orders hold however slow the machine.
        hurried.reset(0);
        reactor.callLater(0.05, () -> order.add("middle"));
        postponed.reset(0.1);
        reactor.callLater(0.2, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("hurried", "middle", "postponed"), order);
    }

    @ReactorTest
    void delayPostponesACallByTheGivenAmount(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> order = new ArrayList<>();
        reactor.callLater(0.05, () -> order.add("middle"));
        IDelayedCall delayed = reactor.callLater(0.01, () -> order.add("delayed"));
        double before = delayed.getTime();
        delayed.delay(0.1);
        assertEquals(before + 0.1, delayed.getTime(), 0.05);
        reactor.callLater(0.2, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("middle", "delayed"), order);
    }

    @ReactorTest
    void negativeDelayMovesACallSooner(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> order = new ArrayList<>();
        IDelayedCall call = reactor.callLater(100, () -> order.add("was far"));
        call.delay(-100);
        reactor.callLater(0.05, () -> {
            order.add("stop");
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("was far", "stop"), order);
    }

    @ReactorTest
    void getTimeIsInSecondsTermsAndActiveTracksTheCall(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        double now = reactor.seconds();
        assertTrue(now > 1.5e9, "seconds() is epoch based: " + now);
        IDelayedCall call = reactor.callLater(5, () -> { });
        // Generous: only the arithmetic is checked, not the machine's speed.
        assertEquals(now + 5, call.getTime(), 1.0);
        assertTrue(call.active());
        call.reset(10);
        assertEquals(now + 10, call.getTime(), 1.0);
        call.cancel();
        assertFalse(call.active());
    }

    @ReactorTest
    void nanInfiniteAndNegativeDelaysAreRejected(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.001}) {
            assertThrows(IllegalArgumentException.class, () -> reactor.callLater(bad, () -> { }), "callLater " + bad);
        }
        IDelayedCall call = reactor.callLater(1, () -> { });
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            assertThrows(IllegalArgumentException.class, () -> call.reset(bad), "reset " + bad);
        }
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> call.delay(bad), "delay " + bad);
        }
        assertTrue(call.active(), "rejected changes leave the call as it was");
        call.cancel();
        assertTrue(reactor.getDelayedCalls().isEmpty());
    }

    @ReactorTest
    void callLaterZeroFromInsideATimedCallRunsOnTheNextIterationNotTheSamePass(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.callLater(0, () -> {
            events.add("first");
            reactor.callLater(0, () -> events.add("second"));
        });
        for (int i = 0; i < 1_000 && events.isEmpty(); i++) {
            reactor.iterate(0);
        }
        assertEquals(List.of("first"), events);
        reactor.iterate(0);
        assertEquals(List.of("first", "second"), events);
    }

    @ReactorTest
    void farFutureCallIsListedByGetDelayedCalls(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IDelayedCall far = reactor.callLater(Math.pow(2, 128) + 1, () -> { });
        assertEquals(List.of(far), reactor.getDelayedCalls());
        assertTrue(far.getTime() > reactor.seconds() + 1e9, "far in the future: " + far.getTime());
        reactor.iterate(0);
        assertEquals(List.of(far), reactor.getDelayedCalls(), "still listed once it is in the heap");
        far.cancel();
        assertTrue(reactor.getDelayedCalls().isEmpty());
    }

    @ReactorTest
    void getDelayedCallsListsExactlyThePendingCalls(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IDelayedCall a = reactor.callLater(10, () -> { });
        IDelayedCall c = reactor.callLater(20, () -> { });
        IDelayedCall ran = reactor.callLater(0, () -> { });
        for (int i = 0; i < 1_000 && ran.active(); i++) {
            reactor.iterate(0);
        }
        List<IDelayedCall> pending = reactor.getDelayedCalls();
        assertEquals(2, pending.size());
        assertTrue(pending.containsAll(List.of(a, c)));
        a.cancel();
        c.cancel();
        assertTrue(reactor.getDelayedCalls().isEmpty());
    }

    @ReactorTest
    void exceptionInATimedCallIsLoggedAndLaterCallsStillRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.callLater(0, () -> {
            throw new IllegalStateException("timed boom");
        });
        reactor.callLater(0, () -> events.add("same pass"));
        reactor.callLater(0.02, () -> {
            events.add("later");
            reactor.stop();
        });
        try (LogCapture logs = LogCapture.reactor()) {
            b.runReactor(reactor, TIMEOUT);
            assertEquals(1, logs.errors(IllegalStateException.class).size());
        }
        assertEquals(List.of("same pass", "later"), events);
    }

    @ReactorTest
    void manyCancellationsInTheHeapLeaveTheOtherCallsRunningInOrder(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<Integer> ran = new ArrayList<>();
        List<IDelayedCall> calls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            // Ten calls share each of 50 delays between 0.5 s and 0.6 s, scheduled in deadline order, so
            // the order they must run in is the order they were scheduled in, however slow the machine.
            calls.add(reactor.callLater(0.5 + 0.002 * (i / 10), () -> ran.add(n)));
        }
        reactor.iterate(0); // moves them into the heap; none is due yet
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            if (i % 5 == 0) {
                expected.add(i);
            } else {
                calls.get(i).cancel(); // 400 of 500: enough to make the heap compact itself
            }
        }
        reactor.callLater(0.7, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(expected, ran);
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
