package dev.twine.internet.task;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.CancelledError;
import dev.twine.defer.Deferred;
import dev.twine.defer.UnhandledFailures;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Task#deferLater} (Twisted's DeferLaterTests). */
class DeferLaterTest {
    private final Clock clock = new Clock();

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    @Test
    void firesWithTheFunctionsResultAfterTheDelay() {
        Object flag = new Object();
        List<Double> calledAt = new ArrayList<>();
        Deferred<Object> d = Task.deferLater(clock, 3, () -> {
            calledAt.add(clock.seconds());
            return flag;
        });
        clock.advance(2);
        assertTrue(calledAt.isEmpty());
        assertNoResult(d);
        clock.advance(1);
        assertEquals(List.of(3.0), calledAt);
        assertSame(flag, successResultOf(d));
    }

    @Test
    void errbacksWhenTheFunctionThrows() {
        Deferred<Object> d = Task.deferLater(clock, 1, () -> {
            throw new IllegalStateException("late failure");
        });
        clock.advance(1);
        failureResultOf(d, IllegalStateException.class);
    }

    @Test
    void cancelStopsTheCallAndErrbacksWithCancelledError() {
        List<Object> called = new ArrayList<>();
        Deferred<Object> d = Task.deferLater(clock, 1, () -> called.add(null));
        d.cancel();
        failureResultOf(d, CancelledError.class);
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(1);
        assertTrue(called.isEmpty());
    }

    @Test
    void withoutAFunctionFiresWithNull() {
        Deferred<Void> d = Task.deferLater(clock, 2.0);
        assertNoResult(d);
        clock.advance(2.0);
        assertNull(successResultOf(d));
    }

    @Test
    void functionReturningADeferredIsWaitedOn() {
        Deferred<String> inner = new Deferred<>();
        Deferred<Object> d = Task.deferLater(clock, 1, () -> inner);
        clock.advance(1);
        assertNoResult(d);
        inner.callback("inner result");
        assertEquals("inner result", successResultOf(d));
    }

    @Test
    void invalidDelayIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Task.deferLater(clock, -1));
        assertThrows(IllegalArgumentException.class, () -> Task.deferLater(clock, Double.NaN));
    }
}
