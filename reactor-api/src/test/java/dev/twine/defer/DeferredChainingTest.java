package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callbacks that return Deferreds (implicit chaining) and {@code chainDeferred} (explicit chaining). */
class DeferredChainingTest {

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    @Test
    void nextCallbackWaitsForAReturnedDeferredAndReceivesItsResult() {
        // test_callbackReturnsDeferred.
        Deferred<Integer> d1 = new Deferred<>();
        Deferred<Integer> d2 = new Deferred<>();
        d2.pause();
        List<Integer> results = new ArrayList<>();
        d1.addDeferredCallback(r -> d2).addCallback(results::add);
        d1.callback(1);
        assertTrue(results.isEmpty());
        d2.callback(2);
        assertTrue(results.isEmpty(), "d2 is paused");
        d2.unpause();
        assertEquals(List.of(2), results);
    }

    @Test
    void errbackMayReturnADeferredToo() {
        // test_errbackReturnsDeferred.
        Deferred<Object> d = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        List<Object> values = new ArrayList<>();
        d.addErrback(f -> d2).addCallback(values::add);
        d.errback(new IllegalArgumentException());
        assertTrue(values.isEmpty());
        d2.callback("result");
        assertEquals(List.of("result"), values);
    }

    @Test
    void alreadyFiredInnerResultIsTakenAtOnceAndTheInnerIsLeftWithNull() {
        // test_synchronousImplicitChain.
        Object result = new Object();
        Deferred<Object> first = Deferred.succeed(result);
        Deferred<Object> second = new Deferred<>();
        second.addCallback(ignored -> first);
        second.callback(null);
        assertNull(successResultOf(first));
        assertSame(result, successResultOf(second));
    }

    @Test
    void alreadyFailedInnerFailureMovesToTheOuterAndIsNotReportedTwice() {
        // test_synchronousImplicitErrorChain.
        Deferred<Object> first = Deferred.fail(new RuntimeException("First Deferred's Failure"));
        Deferred<Object> second = new Deferred<>();
        second.addCallback(ignored -> first);
        second.callback(null);
        assertNull(successResultOf(first));
        failureResultOf(second, RuntimeException.class);
        // @AfterEach checks that `first` is no longer registered as unhandled.
    }

    @Test
    void laterInnerResultMovesToTheOuterAndTheInnerIsLeftWithNull() {
        // test_asynchronousImplicitChain.
        Deferred<Object> first = new Deferred<>();
        Deferred<Object> second = new Deferred<>();
        second.addCallback(ignored -> first);
        second.callback(null);
        List<Object> firstResult = new ArrayList<>();
        first.addCallback(firstResult::add);
        List<Object> secondResult = new ArrayList<>();
        second.addCallback(secondResult::add);
        assertTrue(firstResult.isEmpty());
        assertTrue(secondResult.isEmpty());

        Object result = new Object();
        first.callback(result);
        assertEquals(1, firstResult.size());
        assertNull(firstResult.get(0));
        assertEquals(List.of(result), secondResult);
    }

    @Test
    void laterInnerFailureMovesToTheOuter() {
        // test_asynchronousImplicitErrorChain.
        Deferred<Object> first = new Deferred<>();
        Deferred<Object> second = new Deferred<>();
        second.addCallback(ignored -> first);
        second.callback(null);
        List<Failure> secondError = new ArrayList<>();
        second.addErrback(f -> {
            secondError.add(f);
            return null;
        });
        List<Object> firstResult = new ArrayList<>();
        first.addCallback(firstResult::add);

        first.errback(new RuntimeException("First Deferred's Failure"));
        assertInstanceOf(RuntimeException.class, secondError.get(0).value());
        assertEquals(1, firstResult.size());
        assertNull(firstResult.get(0));
    }

    @Test
    void chainingIsTransitive() {
        // test_doubleAsynchronousImplicitChaining.
        Deferred<Object> first = new Deferred<>();
        Deferred<Object> second = new Deferred<>();
        second.addCallback(ignored -> first);
        Deferred<Object> third = new Deferred<>();
        third.addCallback(ignored -> second);
        List<Object> thirdResult = new ArrayList<>();
        third.addCallback(thirdResult::add);

        second.callback(null);
        third.callback(null);
        assertTrue(thirdResult.isEmpty());
        Object result = new Object();
        first.callback(result);
        assertEquals(List.of(result), thirdResult);
    }

    @Test
    void innerCallbacksAddedBeforeChainingRunBeforeTheOuterContinues() {
        // test_innerCallbacksPreserved / test_nestedAsynchronousChainedDeferreds.
        List<Object> results = new ArrayList<>();
        Deferred<String> inner = new Deferred<>();
        Deferred<String> outer = Deferred.succeed("outer");
        outer.addDeferredCallback(r -> {
            results.add("start-of-cb " + r);
            Deferred<String> d = Deferred.succeed("inner");
            return d.addDeferredCallback(r2 -> {
                results.add("firstCallback " + r2);
                return inner;
            }).addCallback(r3 -> {
                results.add("secondCallback " + r3);
                return r3 + r3;
            });
        });
        inner.callback("orange");
        outer.addCallback(results::add);
        assertEquals(List.of("start-of-cb outer", "firstCallback inner", "secondCallback orange", "orangeorange"),
                results);
    }

    @Test
    void callbackAddedToTheOuterRunsAfterTheInnerChainFinishes() {
        // test_callbackOrderPreserved, with gatherResults as the innermost wait.
        List<Object> results = new ArrayList<>();
        Deferred<String> a = new Deferred<>();
        Deferred<String> outer = new Deferred<>();
        outer.addDeferredCallback(r -> {
            results.add("cb " + r);
            Deferred<Object> d = new Deferred<>();
            Deferred<Object> returner = d.addDeferredCallback(r2 -> {
                results.add("firstCallback " + r2);
                return Deferred.gatherResults(List.of(a));
            }).addCallback(r3 -> {
                results.add("secondCallback " + r3);
                return null;
            });
            d.callback(null);
            return returner;
        });
        outer.addCallback(x -> results.add("final"));
        outer.callback("outer");
        assertEquals(List.of("cb outer", "firstCallback null"), results);
        a.callback("withers");
        assertEquals(List.of("cb outer", "firstCallback null", "secondCallback [withers]", "final"), results);
    }

    @Test
    void pausedInnerWithAResultMakesTheOuterWaitForUnpause() {
        // test_chainedPausedDeferredWithResult.
        Object expected = new Object();
        Deferred<Object> paused = new Deferred<>();
        paused.callback(expected);
        paused.pause();
        Deferred<Object> chained = new Deferred<>();
        chained.addCallback(ignored -> paused);
        chained.callback(null);
        List<Object> result = new ArrayList<>();
        chained.addCallback(result::add);
        assertTrue(result.isEmpty());
        paused.unpause();
        assertEquals(List.of(expected), result);
    }

    @Test
    void pausedOuterDoesNotStopTheInnerRunningItsOwnCallbacks() {
        // test_pausedDeferredChained.
        Deferred<Object> first = new Deferred<>();
        Deferred<Object> second = new Deferred<>();
        first.addCallback(ignored -> second);
        first.callback(null);
        first.pause();
        second.callback(null);
        List<Object> result = new ArrayList<>();
        second.addCallback(result::add);
        assertEquals(1, result.size());
        assertNull(result.get(0));
        first.unpause();
        assertNull(successResultOf(first));
    }

    @Test
    void callbacksAddedToAMiddleDeferredAfterChainingRunOnceTheLastFires() {
        // test_resultOfDeferredResultOfDeferredOfFiredDeferredCalled.
        Deferred<Object> first = new Deferred<>();
        Deferred<Object> second = new Deferred<>();
        Deferred<Object> third = new Deferred<>();
        first.addCallback(ignored -> second);
        second.addCallback(ignored -> third);
        second.callback(null);
        first.callback(null);
        third.callback(null);
        List<Object> results = new ArrayList<>();
        second.addCallback(results::add);
        assertEquals(1, results.size());
        assertNull(results.get(0));
    }

    @Test
    void chainDeferredFiresTheOtherWithTheResultAndLeavesNull() {
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d1.chainDeferred(d2);
        d2.addCallback(seen::add);
        d1.callback("shared");
        assertEquals(List.of("shared"), seen);
        assertNull(successResultOf(d1));
    }

    @Test
    void chainDeferredPassesFailuresToTheOthersErrbacks() {
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        d1.chainDeferred(d2);
        d1.errback(new IllegalStateException("down the chain"));
        assertEquals("down the chain", failureResultOf(d2, IllegalStateException.class).getErrorMessage());
        assertNull(successResultOf(d1));
    }

    @Test
    void chainDeferredToAFiredDeferredGivesAlreadyCalledErrorOnTheSource() {
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = Deferred.succeed("already");
        d1.chainDeferred(d2);
        d1.callback("late");
        failureResultOf(d1, AlreadyCalledError.class);
        assertEquals("already", successResultOf(d2));
    }

    @Test
    void chainDeferredRunsTheTargetsCallbacksBeforeTheSourceContinues() {
        List<String> order = new ArrayList<>();
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        d2.addCallback(r -> order.add("d2 " + r));
        d1.chainDeferred(d2);
        d1.addCallback(r -> order.add("d1 " + r));
        d1.callback("x");
        assertEquals(List.of("d2 x", "d1 null"), order);
    }

    @Test
    void chainDeferredTargetsCallbackAddingToTheSourceIsQueuedNotReentrant() {
        // In Twisted d2.callback() runs inside d1's callback, so d1 is "running callbacks" meanwhile.
        List<String> order = new ArrayList<>();
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        d2.addCallback(r -> {
            d1.addCallback(r1 -> order.add("added to d1 by d2"));
            order.add("d2 callback returns");
            return null;
        });
        d1.chainDeferred(d2);
        d1.addCallback(r -> {
            order.add("d1 existing");
            return r;
        });
        d1.callback("x");
        assertEquals(List.of("d2 callback returns", "d1 existing", "added to d1 by d2"), order);
    }

    @Test
    void chainDeferredRecordsAndClearsTheExplicitChain() {
        // test_chainDeferredRecordsExplicitChain / test_explicitChainClearedWhenResolved.
        Deferred<Object> a = new Deferred<>();
        Deferred<Object> b = new Deferred<>();
        b.chainDeferred(a);
        assertSame(b, a.chainedTo);
        b.callback(null);
        assertNull(a.chainedTo);
    }

    @Test
    void implicitChainIsRecordedWhileWaiting() {
        // test_chainDeferredRecordsImplicitChain.
        Deferred<Object> a = new Deferred<>();
        Deferred<Object> b = new Deferred<>();
        a.addCallback(ignored -> b);
        a.callback(null);
        assertSame(b, a.chainedTo);
        assertNoResult(a);
        b.callback("done");
        assertEquals("done", successResultOf(a));
    }
}
