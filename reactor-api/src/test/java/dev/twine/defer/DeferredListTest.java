package dev.twine.defer;

import static dev.twine.defer.DeferredList.Option.CONSUME_ERRORS;
import static dev.twine.defer.DeferredList.Option.FIRE_ON_ONE_ERRBACK;
import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeferredList} and its flags (Twisted's testDeferredList* and test_cancelDeferredList*). */
class DeferredListTest {

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    private static Deferred<String> callsBackWhenCancelled() {
        return new Deferred<>(d -> d.callback("Callback Result"));
    }

    @Test
    void firesWithOutcomesInInputOrderOnceAllHaveFired() {
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        Deferred<String> d3 = new Deferred<>();
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(d1, d2, d3));
        d3.callback("3");
        d2.addErrback(f -> null);
        d2.errback(new IllegalStateException("2"));
        assertNoResult(dl);
        d1.callback("1");
        List<DeferredList.Outcome> outcomes = successResultOf(dl);
        assertEquals(new DeferredList.Outcome(true, "1"), outcomes.get(0));
        assertFalse(outcomes.get(1).success());
        assertEquals("2", outcomes.get(1).failure().getErrorMessage());
        assertEquals(new DeferredList.Outcome(true, "3"), outcomes.get(2));
    }

    @Test
    void emptyListFiresWithAnEmptyListAtOnceButNeverWithFireOnOneCallback() {
        assertEquals(List.of(), successResultOf(DeferredList.of(List.of())));
        assertNoResult(DeferredList.fireOnOneCallback(List.of()));
    }

    @Test
    void fireOnOneErrbackFailsWithFirstErrorNamingTheInput() {
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        Deferred<String> d3 = new Deferred<>();
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(d1, d2, d3), FIRE_ON_ONE_ERRBACK);
        d2.addErrback(f -> null);
        d1.callback("1");
        assertNoResult(dl);
        d2.errback(new IllegalArgumentException("from d2"));
        FirstError first = (FirstError) failureResultOf(dl, FirstError.class).value();
        assertEquals(1, first.index());
        assertInstanceOf(IllegalArgumentException.class, first.subFailure().value());
        assertEquals("from d2", first.subFailure().getErrorMessage());
        assertSame(first.subFailure().value(), first.getCause());
    }

    @Test
    void withoutConsumeErrorsTheInputKeepsItsFailure() {
        Deferred<Object> d1 = new Deferred<>();
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(d1));
        List<Failure> trapped = new ArrayList<>();
        d1.addErrback(f -> {
            trapped.add(f);
            return null;
        });
        d1.errback(new RuntimeException("Bang"));
        assertEquals("Bang", trapped.get(0).getErrorMessage());
        assertEquals("Bang", successResultOf(dl).get(0).failure().getErrorMessage());
    }

    @Test
    void consumeErrorsLeavesNullInTheInputsChainAfterRecordingTheFailure() {
        Deferred<Object> d1 = new Deferred<>();
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(d1), CONSUME_ERRORS);
        List<Object> after = new ArrayList<>();
        d1.addBoth(after::add);
        d1.errback(new RuntimeException("Bang"));
        assertEquals(1, after.size());
        assertNull(after.get(0));
        assertEquals("Bang", successResultOf(dl).get(0).failure().getErrorMessage());
    }

    @Test
    void alreadyFiredInputsAreRecordedDuringConstruction() {
        Deferred<Integer> d1 = Deferred.fail(new RuntimeException("Bang"));
        Deferred<Integer> d2 = Deferred.succeed(2);
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(d1, d2));
        assertEquals(2, successResultOf(dl).size());
        d1.addErrback(e -> null);

        Deferred<Integer> d3 = Deferred.fail(new RuntimeException("Bang"));
        DeferredList<List<DeferredList.Outcome>> failing = DeferredList.of(List.of(d3, new Deferred<>()),
                FIRE_ON_ONE_ERRBACK);
        failureResultOf(failing, FirstError.class);
        d3.addErrback(e -> null);
    }

    @Test
    void fireOnOneCallbackFiresWithTheFirstSuccessAndItsIndex() {
        Deferred<String> d1 = new Deferred<>();
        Deferred<String> d2 = new Deferred<>();
        DeferredList<Object> dl = DeferredList.fireOnOneCallback(List.of(d1, d2));
        d2.callback("second");
        assertEquals(new IndexedResult<>(1, "second"), successResultOf(dl));
        d1.callback("later");
        assertEquals(new DeferredList.Outcome(true, "later"), dl.resultList().get(0));
        assertEquals(2, dl.finishedCount());
    }

    @Test
    void fireOnOneCallbackFiresWithTheListWhenEveryInputFails() {
        Deferred<String> d1 = new Deferred<>();
        DeferredList<Object> dl = DeferredList.fireOnOneCallback(List.of(d1), CONSUME_ERRORS);
        d1.errback(new RuntimeException("all failed"));
        List<?> outcomes = (List<?>) successResultOf(dl);
        assertFalse(((DeferredList.Outcome) outcomes.get(0)).success());
    }

    @Test
    void cancellingAnUnfiredListCancelsEveryInput() {
        Deferred<Object> one = new Deferred<>();
        Deferred<Object> two = new Deferred<>();
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(one, two));
        dl.cancel();
        failureResultOf(one, CancelledError.class);
        failureResultOf(two, CancelledError.class);
        List<DeferredList.Outcome> outcomes = successResultOf(dl);
        assertTrue(outcomes.get(0).failure().check(CancelledError.class) != null);
    }

    @Test
    void cancellingCollectsWhatTheCancellersDeliver() {
        // test_cancelDeferredListCallback.
        Deferred<String> one = callsBackWhenCancelled();
        Deferred<String> two = new Deferred<>();
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(one, two));
        dl.cancel();
        failureResultOf(two, CancelledError.class);
        List<DeferredList.Outcome> result = successResultOf(dl);
        assertEquals(new DeferredList.Outcome(true, "Callback Result"), result.get(0));
        assertNotNull(result.get(1).failure().check(CancelledError.class));
    }

    @Test
    void cancellingAFireOnOneCallbackListTakesASuccessFromACanceller() {
        // test_cancelDeferredListWithFireOnOneCallbackAndDeferredCallback.
        Deferred<String> one = callsBackWhenCancelled();
        Deferred<String> two = new Deferred<>();
        DeferredList<Object> dl = DeferredList.fireOnOneCallback(List.of(one, two));
        dl.cancel();
        failureResultOf(two, CancelledError.class);
        assertEquals(new IndexedResult<>(0, "Callback Result"), successResultOf(dl));
    }

    @Test
    void cancellingAFireOnOneErrbackListFailsWithFirstCancelledError() {
        Deferred<Object> one = new Deferred<>();
        Deferred<Object> two = new Deferred<>();
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(one, two), FIRE_ON_ONE_ERRBACK);
        dl.cancel();
        failureResultOf(one, CancelledError.class);
        failureResultOf(two, CancelledError.class);
        FirstError first = (FirstError) failureResultOf(dl, FirstError.class).value();
        assertNotNull(first.subFailure().check(CancelledError.class));
    }

    @Test
    void cancelKeepsGoingWhenACancellerThrowsAndLogsIt() {
        // test_cancelDeferredListWithException.
        Logger jul = Logger.getLogger(DeferredList.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        boolean parentHandlers = jul.getUseParentHandlers();
        jul.setUseParentHandlers(false);
        try {
            Deferred<Object> one = new Deferred<>(d -> {
                throw new RuntimeException("test");
            });
            Deferred<Object> two = new Deferred<>();
            DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(List.of(one, two));
            dl.cancel();
            failureResultOf(two, CancelledError.class);
            assertEquals(1, records.size());
            assertEquals("test", records.get(0).getThrown().getMessage());
            assertNoResult(dl);
        } finally {
            jul.removeHandler(handler);
            jul.setUseParentHandlers(parentHandlers);
        }
    }

    @Test
    void cancellingAFiredListDoesNothing() {
        Deferred<Object> one = new Deferred<>();
        Deferred<Object> two = new Deferred<>();
        DeferredList<Object> dl = DeferredList.fireOnOneCallback(List.of(one, two));
        one.callback(null);
        dl.cancel();
        assertNoResult(two);
        successResultOf(dl);
    }

    @Test
    void laterChangesToTheCallersListDoNotAffectIt() {
        // test_cancelDeferredListWithOriginalDeferreds.
        Deferred<Object> one = new Deferred<>();
        Deferred<Object> two = new Deferred<>();
        List<Deferred<Object>> argumentList = new ArrayList<>(List.of(one, two));
        DeferredList<List<DeferredList.Outcome>> dl = DeferredList.of(argumentList);
        Deferred<Object> three = new Deferred<>();
        argumentList.add(three);
        dl.cancel();
        failureResultOf(one, CancelledError.class);
        failureResultOf(two, CancelledError.class);
        assertNoResult(three);
        assertEquals(2, successResultOf(dl).size());
    }

    @Test
    void gatherResultsGivesPlainResultsInInputOrder() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = Deferred.succeed(2);
        Deferred<List<Integer>> all = Deferred.gatherResults(List.of(a, b));
        assertNoResult(all);
        a.callback(1);
        assertEquals(List.of(1, 2), successResultOf(all));
    }

    @Test
    void gatherResultsFailsWithFirstErrorAndMayConsumeTheInputsErrors() {
        Deferred<Integer> a = Deferred.fail(new IllegalStateException("oh no"));
        Deferred<Integer> b = new Deferred<>();
        Deferred<List<Integer>> all = Deferred.gatherResults(List.of(a, b), true);
        FirstError first = (FirstError) failureResultOf(all, FirstError.class).value();
        assertEquals(0, first.index());
        assertNull(successResultOf(a), "consumeErrors leaves null in the input's chain");
    }

    @Test
    void cancellingGatherResultsCancelsTheInputs() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = new Deferred<>();
        Deferred<List<Integer>> all = Deferred.gatherResults(List.of(a, b));
        all.cancel();
        failureResultOf(a, CancelledError.class);
        failureResultOf(b, CancelledError.class);
        failureResultOf(all, FirstError.class);
    }
}
