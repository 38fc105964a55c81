package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The callback chain: order, the success/error switch, firing once, adding after firing, pausing. */
class DeferredCallbackTest {

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    @Test
    void callbacksRunInOrderEachReceivingThePreviousResult() {
        Deferred<Integer> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(x -> {
            seen.add(x);
            return x + 1;
        }).addCallback(x -> {
            seen.add(x);
            return "s" + x;
        }).addCallback(s -> {
            seen.add(s);
            return null;
        });
        assertTrue(seen.isEmpty());
        d.callback(1);
        assertEquals(List.of(1, 2, "s2"), seen);
    }

    @Test
    void callbackThatThrowsSwitchesToTheErrbackPath() {
        Deferred<Integer> d = new Deferred<>();
        List<Failure> errors = new ArrayList<>();
        int zero = 0;
        d.addCallback(x -> x / zero).addErrback(f -> {
            errors.add(f);
            return null;
        });
        d.callback(1);
        assertInstanceOf(ArithmeticException.class, errors.get(0).value());
    }

    @Test
    void callbackReturningAFailureSwitchesToTheErrbackPath() {
        Deferred<Integer> d = new Deferred<>();
        IllegalStateException error = new IllegalStateException("as a value");
        d.addCallback(x -> new Failure(error));
        d.callback(1);
        assertSame(error, failureResultOf(d, IllegalStateException.class).value());
    }

    @Test
    void callbacksAreSkippedOnTheErrorPathAndErrbacksOnTheSuccessPath() {
        List<String> calls = new ArrayList<>();
        Deferred<String> d = new Deferred<>();
        d.addErrback(f -> {
            calls.add("errback before failure");
            return null;
        });
        d.addCallback(s -> {
            calls.add("callback " + s);
            throw new RuntimeException("boom");
        });
        d.addCallback(ignored -> {
            calls.add("callback after failure");
            return null;
        });
        d.addErrback(f -> {
            calls.add("errback " + f.getErrorMessage());
            return "recovered";
        });
        d.addCallback(s -> {
            calls.add("callback " + s);
            return null;
        });
        d.callback("x");
        assertEquals(List.of("callback x", "errback boom", "callback recovered"), calls);
    }

    @Test
    void errbackThatReturnsAValueRecoversAndOneThatReturnsTheFailurePassesItOn() {
        Deferred<String> recovering = Deferred.fail(new RuntimeException("a"));
        recovering.addErrback(f -> "fine");
        assertEquals("fine", successResultOf(recovering));

        Deferred<String> passing = Deferred.fail(new RuntimeException("b"));
        passing.addErrback(f -> f);
        assertEquals("b", failureResultOf(passing, RuntimeException.class).getErrorMessage());
    }

    @Test
    void trapInAnErrbackHandlesNamedErrorsAndPassesOthersOn() {
        Deferred<Object> handled = Deferred.fail(new IllegalArgumentException());
        handled.addErrback(f -> {
            f.trap(IllegalArgumentException.class);
            return "trapped";
        });
        assertEquals("trapped", successResultOf(handled));

        Deferred<Object> passed = Deferred.fail(new UnsupportedOperationException());
        passed.addErrback(f -> {
            f.trap(IllegalArgumentException.class);
            return "trapped";
        });
        failureResultOf(passed, UnsupportedOperationException.class);
    }

    @Test
    void addBothReceivesResultsAndFailures() {
        List<Object> seen = new ArrayList<>();
        Deferred.succeed("ok").addBoth(r -> seen.add(r));
        Deferred.fail(new RuntimeException("bad")).addBoth(r -> seen.add(r));
        assertEquals("ok", seen.get(0));
        assertInstanceOf(Failure.class, seen.get(1));
    }

    @Test
    void addCallbacksWithoutErrbackPassesFailuresThrough() {
        Deferred<String> d = new Deferred<>();
        d.addCallbacks(s -> s + "!", null);
        d.errback(new RuntimeException("through"));
        assertEquals("through", failureResultOf(d).getErrorMessage());
    }

    @Test
    void callbackWithAFailureBehavesAsErrback() {
        Deferred<Object> d = new Deferred<>();
        d.callback(new Failure(new RuntimeException("via callback")));
        assertEquals("via callback", failureResultOf(d).getErrorMessage());
    }

    @Test
    void callbackRejectsADeferredAsTheResult() {
        Deferred<Object> d = new Deferred<>();
        assertThrows(IllegalArgumentException.class, () -> d.callback(new Deferred<>()));
        assertFalse(d.called());
    }

    @Test
    void secondFiringRaisesAlreadyCalledErrorInEveryCombination() {
        Deferred<String> cc = new Deferred<>();
        cc.callback("once");
        assertThrows(AlreadyCalledError.class, () -> cc.callback("twice"));

        Deferred<String> ce = new Deferred<>();
        ce.callback("once");
        assertThrows(AlreadyCalledError.class, () -> ce.errback(new RuntimeException()));

        Deferred<String> ee = new Deferred<>();
        ee.addErrback(f -> null);
        ee.errback(new RuntimeException());
        assertThrows(AlreadyCalledError.class, () -> ee.errback(new RuntimeException()));

        Deferred<String> ec = new Deferred<>();
        ec.addErrback(f -> null);
        ec.errback(new RuntimeException());
        assertThrows(AlreadyCalledError.class, () -> ec.callback("late"));
    }

    @Test
    void callbackAddedToAFiredDeferredRunsBeforeAddReturns() {
        List<String> seen = new ArrayList<>();
        Deferred<String> d = Deferred.succeed("now");
        d.addCallback(seen::add);
        assertEquals(List.of("now"), seen);
    }

    @Test
    void callbackAddedByARunningCallbackRunsAfterItAtTheEnd() {
        // test_reentrantRunCallbacks: [1, 2, 3].
        Deferred<Object> d = new Deferred<>();
        List<Integer> called = new ArrayList<>();
        d.addCallback(r -> {
            called.add(1);
            d.addCallback(r3 -> called.add(3));
            return null;
        });
        d.addCallback(r -> called.add(2));
        d.callback(null);
        assertEquals(List.of(1, 2, 3), called);
    }

    @Test
    void callbackAddedByARunningCallbackDoesNotRunReentrantly() {
        // test_nonReentrantCallbacks.
        Deferred<Object> d = new Deferred<>();
        List<Integer> called = new ArrayList<>();
        List<List<Integer>> seenInside = new ArrayList<>();
        d.addCallback(r -> {
            called.add(1);
            d.addCallback(r2 -> called.add(2));
            seenInside.add(List.copyOf(called));
            return null;
        });
        d.callback(null);
        assertEquals(List.of(List.of(1)), seenInside);
        assertEquals(List.of(1, 2), called);
    }

    @Test
    void exceptionFromACallbackAddedByACallbackReachesTheNextErrback() {
        // test_reentrantRunCallbacksWithFailure.
        Deferred<Object> d = new Deferred<>();
        d.addCallback(r -> {
            d.addCallback(r2 -> {
                throw new Exception("callback raised exception");
            });
            return null;
        });
        d.callback(null);
        assertEquals("callback raised exception", failureResultOf(d, Exception.class).getErrorMessage());
    }

    @Test
    void callbackReturningItsOwnDeferredFailsTheChainInsteadOfHangingIt() {
        // Twisted warns "breaks the callback chain" and then waits forever (test_circularChainWarning).
        Deferred<Object> d = new Deferred<>();
        d.addCallback(r -> d);
        d.callback("x");
        Failure f = failureResultOf(d, IllegalStateException.class);
        assertTrue(f.getErrorMessage().contains("breaks the callback chain"));
    }

    @Test
    void pausedDeferredRunsNoCallbacksUntilUnpaused() {
        // testPausedFailure.
        Deferred<Object> d = Deferred.fail(new RuntimeException("fail"));
        d.pause();
        List<Failure> errors = new ArrayList<>();
        d.addErrback(errors::add);
        assertTrue(errors.isEmpty());
        assertTrue(d.paused());
        d.unpause();
        assertEquals("fail", errors.get(0).getErrorMessage());
    }

    @Test
    void pauseIsACounter() {
        Deferred<String> d = new Deferred<>();
        d.pause();
        d.pause();
        d.callback("r");
        d.unpause();
        assertNoResultYetThrough(d);
        d.unpause();
        assertEquals("r", successResultOf(d));
    }

    private static void assertNoResultYetThrough(Deferred<String> d) {
        AtomicReference<Object> seen = new AtomicReference<>();
        d.addCallback(r -> {
            seen.set(r);
            return r;
        });
        assertNull(seen.get());
    }

    @Test
    void unpauseBeforeFiringDoesNothing() {
        // testUnpauseBeforeCallback.
        Deferred<String> d = new Deferred<>();
        d.pause();
        d.addCallback(s -> s);
        d.unpause();
        assertNoResult(d);
    }

    @Test
    void unpauseWithoutPauseIsAnError() {
        Deferred<String> d = new Deferred<>();
        assertThrows(IllegalStateException.class, d::unpause);
    }

    @Test
    void succeedAndFailAreAlreadyFired() {
        assertTrue(Deferred.succeed(1).called());
        Deferred<Object> failed = Deferred.fail(new RuntimeException());
        assertTrue(failed.called());
        failureResultOf(failed, RuntimeException.class);
        Failure f = new Failure(new IllegalStateException());
        assertSame(f, failureResultOf(Deferred.fail(f)));
    }

    @Test
    void maybeDeferredWrapsValuesFailuresExceptionsAndPassesDeferredsThrough() {
        assertEquals("v", successResultOf(Deferred.maybeDeferred(() -> "v")));
        failureResultOf(Deferred.maybeDeferred(() -> {
            throw new java.io.IOException("io");
        }), java.io.IOException.class);
        failureResultOf(Deferred.maybeDeferred(() -> new Failure(new IllegalStateException())),
                IllegalStateException.class);
        Deferred<String> pending = new Deferred<>();
        assertSame(pending, Deferred.maybeDeferred(() -> pending));
    }

    @Test
    void typedChainCarriesResultTypes() {
        Deferred<String> d = new Deferred<>();
        Deferred<Integer> length = d.addCallback(String::length);
        Deferred<Integer> doubled = length.addDeferredCallback(n -> Deferred.succeed(n * 2));
        d.callback("four");
        assertEquals(8, successResultOf(doubled));
    }

    @Test
    void toStringShowsTheResultOrWhatItWaitsOn() {
        Deferred<String> d = new Deferred<>();
        assertTrue(d.toString().matches("<Deferred@[0-9a-f]+>"), d.toString());
        d.callback("orange");
        assertTrue(d.toString().endsWith(" current result: orange>"), d.toString());

        Deferred<Object> a = new Deferred<>();
        Deferred<Object> b = new Deferred<>();
        b.chainDeferred(a);
        assertTrue(a.toString().contains(" waiting on Deferred@"), a.toString());
    }
}
