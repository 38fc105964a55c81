package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Deferred#race} (Twisted's RaceTests). */
class RaceTest {
    private final List<Integer> cancelled = new ArrayList<>();

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    /** Deferreds that count their cancellations in {@link #cancelled}. */
    private List<Deferred<Object>> deferreds(int n) {
        List<Deferred<Object>> ds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cancelled.add(0);
            int index = i;
            ds.add(new Deferred<>(d -> cancelled.set(index, cancelled.get(index) + 1)));
        }
        return ds;
    }

    @Test
    void firstSuccessWinsWithItsIndexAndTheOthersAreCancelledOnce() {
        for (int before = 0; before <= 2; before++) {
            for (int after = 0; after <= 2; after++) {
                cancelled.clear();
                List<Deferred<Object>> ds = deferreds(before + 1 + after);
                Deferred<IndexedResult<Object>> result = Deferred.race(ds);
                Object expected = new Object();
                ds.get(before).callback(expected);
                assertEquals(new IndexedResult<>(before, expected), successResultOf(result));
                List<Integer> expectedCancels = new ArrayList<>();
                for (int i = 0; i < ds.size(); i++) {
                    expectedCancels.add(i == before ? 0 : 1);
                }
                assertEquals(expectedCancels, cancelled);
            }
        }
    }

    @Test
    void whenAllFailTheFailuresComeInInputOrder() {
        List<Deferred<Object>> ds = deferreds(3);
        Deferred<IndexedResult<Object>> result = Deferred.race(ds);
        List<Failure> failures = List.of(new Failure(new RuntimeException("0")),
                new Failure(new RuntimeException("1")), new Failure(new RuntimeException("2")));
        ds.get(2).errback(failures.get(2));
        ds.get(0).errback(failures.get(0));
        ds.get(1).errback(failures.get(1));
        FailureGroup group = (FailureGroup) failureResultOf(result, FailureGroup.class).value();
        assertEquals(failures, group.failures());
        assertEquals(List.of(0, 0, 0), cancelled);
    }

    @Test
    void aResultAfterTheWinnerGoesNowhereAndIsNotReported() {
        List<Deferred<Object>> ds = List.of(new Deferred<>(), new Deferred<>(), new Deferred<>());
        Deferred<IndexedResult<Object>> result = Deferred.race(ds);
        ds.get(0).callback("winner");
        // ds[1] and ds[2] were cancelled (CancelledError, consumed by race); a late fire is swallowed.
        ds.get(1).callback("too late");
        assertEquals(0, successResultOf(result).index());
    }

    @Test
    void aCancellerThatSucceedsDoesNotDisturbTheWinner() {
        Deferred<Object> winner = new Deferred<>();
        Deferred<Object> other = new Deferred<>(d -> d.callback(new Object()));
        Deferred<IndexedResult<Object>> result = Deferred.race(List.of(winner, other));
        Object expected = new Object();
        winner.callback(expected);
        assertEquals(new IndexedResult<>(0, expected), successResultOf(result));
    }

    @Test
    void cancellingTheRaceCancelsEveryInput() {
        List<Deferred<Object>> ds = deferreds(3);
        Deferred<IndexedResult<Object>> result = Deferred.race(ds);
        result.cancel();
        assertEquals(List.of(1, 1, 1), cancelled);
        failureResultOf(result, FailureGroup.class);
    }
}
