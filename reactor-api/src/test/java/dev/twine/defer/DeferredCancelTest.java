package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cancel()} with and without a canceller (Twisted's DeferredCancellerTests). */
class DeferredCancelTest {
    private final List<Object> results = new ArrayList<>();
    private final List<Failure> errors = new ArrayList<>();

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    private <T> Deferred<T> observed(Deferred<T> d) {
        d.addCallbacks(r -> {
            results.add(r);
            return r;
        }, f -> {
            errors.add(f);
            return null;
        });
        return d;
    }

    @Test
    void withoutACancellerCancelErrbacksWithCancelledError() {
        Deferred<String> d = observed(new Deferred<>());
        d.cancel();
        assertInstanceOf(CancelledError.class, errors.get(0).value());
        assertTrue(results.isEmpty());
    }

    @Test
    void withoutACancellerExactlyOneLaterCallbackIsSwallowed() {
        // test_raisesAfterCancelAndCallback.
        Deferred<String> d = observed(new Deferred<>());
        d.cancel();
        d.callback("the operation finished anyway");
        assertThrows(AlreadyCalledError.class, () -> d.callback("again"));
        assertThrows(AlreadyCalledError.class, () -> d.errback(new RuntimeException()));
        assertEquals(1, errors.size());
        assertTrue(results.isEmpty());
    }

    @Test
    void withoutACancellerExactlyOneLaterErrbackIsSwallowed() {
        // test_raisesAfterCancelAndErrback / test_noCancellerMultipleCancelsAfterCancelAndErrback.
        Deferred<String> d = observed(new Deferred<>());
        d.cancel();
        Failure first = errors.get(0);
        d.errback(new IllegalStateException("ignored"));
        assertInstanceOf(CancelledError.class, errors.get(0).value());
        d.cancel();
        assertSame(first, errors.get(0));
        assertEquals(1, errors.size());
        assertThrows(AlreadyCalledError.class, () -> d.errback(new RuntimeException()));
    }

    @Test
    void repeatedCancelsAreHarmlessAndCallTheCancellerOnce() {
        // test_cancellerMultipleCancel.
        AtomicInteger calls = new AtomicInteger();
        Deferred<String> d = observed(new Deferred<>(x -> calls.incrementAndGet()));
        d.cancel();
        Failure first = errors.get(0);
        d.cancel();
        d.cancel();
        assertEquals(1, calls.get());
        assertSame(first, errors.get(0));
        assertEquals(1, errors.size());
    }

    @Test
    void cancellerReceivesTheDeferredAndLaterFiringsAreNotSwallowed() {
        // test_simpleCanceller / test_cancellerArg.
        List<Deferred<String>> given = new ArrayList<>();
        Deferred<String> d = observed(new Deferred<>(given::add));
        d.cancel();
        assertSame(d, given.get(0));
        assertInstanceOf(CancelledError.class, errors.get(0).value());
        assertThrows(AlreadyCalledError.class, () -> d.callback("late"));
        assertThrows(AlreadyCalledError.class, () -> d.errback(new RuntimeException()));
    }

    @Test
    void cancelAfterFiringDoesNothingAndDoesNotCallTheCanceller() {
        // test_cancelAfterCallback / test_cancelAfterErrback.
        AtomicInteger calls = new AtomicInteger();
        Deferred<String> ok = observed(new Deferred<>(x -> calls.incrementAndGet()));
        ok.callback("biff!");
        ok.cancel();
        Deferred<String> bad = observed(new Deferred<>(x -> calls.incrementAndGet()));
        bad.errback(new IllegalArgumentException());
        bad.cancel();
        assertEquals(0, calls.get());
        assertEquals(List.of("biff!"), results);
        assertInstanceOf(IllegalArgumentException.class, errors.get(0).value());
    }

    @Test
    void cancellerThatErrbacksChoosesTheFailure() {
        Deferred<String> d = observed(new Deferred<>(x -> x.errback(new UnsupportedOperationException())));
        d.cancel();
        assertInstanceOf(UnsupportedOperationException.class, errors.get(0).value());
    }

    @Test
    void cancellerThatCallsBackChoosesSuccess() {
        Deferred<String> d = observed(new Deferred<>(x -> x.callback("hello!")));
        d.cancel();
        assertEquals(List.of("hello!"), results);
        assertTrue(errors.isEmpty());
    }

    @Test
    void cancellingADeferredWaitingOnAnInnerOneCancelsTheInner() {
        // test_cancelNestedDeferred.
        AtomicInteger innerCancels = new AtomicInteger();
        Deferred<Object> b = new Deferred<>(x -> innerCancels.incrementAndGet());
        Deferred<Object> a = new Deferred<>(x -> {
            throw new AssertionError("the outer canceller must not be called: a has fired");
        });
        a.callback(null);
        a.addCallback(data -> b);
        a.cancel();
        observed(a);
        assertEquals(1, innerCancels.get());
        assertInstanceOf(CancelledError.class, errors.get(0).value());
    }

    @Test
    void cancellerExceptionPropagatesAndTheCancellerIsNotCalledAgain() {
        AtomicInteger calls = new AtomicInteger();
        Deferred<String> d = new Deferred<>(x -> {
            calls.incrementAndGet();
            throw new IllegalStateException("canceller broke");
        });
        assertThrows(IllegalStateException.class, d::cancel);
        d.cancel();
        assertEquals(1, calls.get());
        failureResultOf(d, CancelledError.class);
    }

    @Test
    void cancelledErrorIsAJavaCancellationException() {
        Deferred<String> d = new Deferred<>();
        d.cancel();
        assertInstanceOf(java.util.concurrent.CancellationException.class, failureResultOf(d).value());
    }

    @Test
    void cancelledResultCanBeRecoveredByAnErrback() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(f -> {
            f.trap(CancelledError.class);
            return "gave up";
        });
        d.cancel();
        assertEquals("gave up", successResultOf(d));
    }
}
