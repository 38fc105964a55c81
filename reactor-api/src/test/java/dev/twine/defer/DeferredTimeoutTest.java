package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.task.Clock;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Deferred#addTimeout} on a {@link Clock} (Twisted's DeferredAddTimeoutTests). */
class DeferredTimeoutTest {
    private final Clock clock = new Clock();

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    @Test
    void addTimeoutReturnsTheDeferredForChaining() {
        Deferred<Object> d = new Deferred<>();
        d.addTimeout(5, clock).addCallback(ignored -> "done");
        d.callback(null);
        assertEquals("done", successResultOf(d));
    }

    @Test
    void timingOutErrbacksWithTheDeferredLevelTimeoutError() {
        Deferred<Object> d = new Deferred<>();
        d.addTimeout(10, clock);
        assertNoResult(d);
        clock.advance(15);
        Failure f = failureResultOf(d, TimeoutError.class);
        assertEquals(10.0, ((TimeoutError) f.value()).timeout());
        assertNotSame(dev.twine.internet.error.TimeoutError.class, f.type());
    }

    @Test
    void successBeforeTheTimeoutCancelsTheTimerSoNothingIsCancelledLater() {
        // test_successResultBeforeTimeout.
        Deferred<String> d = new Deferred<>();
        d.addTimeout(10, clock);
        Deferred<Object> inner = new Deferred<>();
        List<String> seen = new ArrayList<>();
        d.addCallback(r -> {
            seen.add(r);
            return inner;
        });
        d.callback("results");
        assertEquals(List.of("results"), seen);
        assertTrue(clock.getDelayedCalls().isEmpty(), "the timer is cancelled once the result arrives");
        clock.advance(15);
        assertNoResult(inner);
    }

    @Test
    void failureBeforeTheTimeoutIsKeptAndCancelsTheTimer() {
        Deferred<Object> d = new Deferred<>();
        d.addTimeout(10, clock);
        d.errback(new IllegalArgumentException("early"));
        assertTrue(clock.getDelayedCalls().isEmpty());
        clock.advance(15);
        assertEquals("early", failureResultOf(d, IllegalArgumentException.class).getErrorMessage());
    }

    @Test
    void customOnTimeoutCancelDecidesTheResult() {
        Deferred<Object> d = new Deferred<>();
        d.addTimeout(10, clock, (result, timeout) -> "OVERRIDDEN after " + timeout);
        clock.advance(15);
        assertEquals("OVERRIDDEN after 10.0", successResultOf(d));
    }

    @Test
    void cancellerThatCallsBackWinsOverTheTimeout() {
        // test_timedOutProvidedCancelSuccess.
        Deferred<String> d = new Deferred<>(x -> x.callback("I was cancelled!"));
        d.addTimeout(10, clock);
        clock.advance(15);
        assertEquals("I was cancelled!", successResultOf(d));
    }

    @Test
    void cancellerThatErrbacksKeepsItsOwnFailure() {
        // test_timedOutProvidedCancelFailure.
        IllegalArgumentException error = new IllegalArgumentException("what!");
        Deferred<String> d = new Deferred<>(x -> x.errback(error));
        d.addTimeout(10, clock);
        clock.advance(15);
        assertSame(error, failureResultOf(d, IllegalArgumentException.class).value());
    }

    @Test
    void manualCancelBeforeTheTimeoutKeepsCancelledErrorAndStopsTheTimer() {
        // test_cancelBeforeTimeout.
        Deferred<Object> d = new Deferred<>();
        d.addTimeout(10, clock);
        Deferred<Object> inner = new Deferred<>();
        List<Failure> seen = new ArrayList<>();
        d.addErrback(f -> {
            seen.add(f);
            return inner;
        });
        d.cancel();
        assertInstanceOf(CancelledError.class, seen.get(0).value());
        clock.advance(15);
        assertNoResult(inner);
    }

    @Test
    void errbackAddedBeforeTheTimeoutSeesCancelledErrorAndLaterCallbacksSeeTimeoutError() {
        // test_errbackAddedBeforeTimeout.
        Deferred<Object> d = new Deferred<>();
        List<Failure> seen = new ArrayList<>();
        d.addErrback(f -> {
            seen.add(f);
            return f;
        });
        d.addTimeout(10, clock);
        clock.advance(15);
        assertInstanceOf(CancelledError.class, seen.get(0).value());
        failureResultOf(d, TimeoutError.class);
    }

    @Test
    void errbackAddedBeforeTheTimeoutMaySuppressTheCancellation() {
        // test_errbackAddedBeforeTimeoutSuppressesCancellation.
        Deferred<Object> d = new Deferred<>();
        d.addErrback(f -> {
            f.trap(CancelledError.class);
            return null;
        });
        d.addTimeout(10, clock);
        clock.advance(15);
        successResultOf(d);
    }

    @Test
    void callbackAddedBeforeTheTimeoutRunsWhenTheCancellerResumesTheChain() {
        // test_callbackAddedToCancelerBeforeTimeout.
        Deferred<String> d = new Deferred<>(x -> x.callback("success"));
        List<String> seen = new ArrayList<>();
        d.addCallback(v -> {
            seen.add(v);
            return v;
        });
        d.addTimeout(10, clock);
        clock.advance(15);
        assertEquals(List.of("success"), seen);
        assertEquals("success", successResultOf(d));
    }
}
