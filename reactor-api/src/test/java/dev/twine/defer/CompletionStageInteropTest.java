package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Deferred#fromCompletionStage} and {@link Deferred#toCompletableFuture}, across real threads. */
class CompletionStageInteropTest {
    private static final long WAIT_SECONDS = 30;

    private final ThreadHopReactor reactor = new ThreadHopReactor();

    @AfterEach
    void noUnhandledFailures() {
        UnhandledFailures.assertNone();
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r, "interop-test-worker");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void alreadyCompletedStageFiresTheDeferredAtOnce() {
        assertEquals("done", successResultOf(Deferred.fromCompletionStage(CompletableFuture.completedFuture("done"))));
    }

    @Test
    void withoutAReactorTheDeferredFiresOnTheCompletingThread() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        AtomicReference<Thread> firedOn = new AtomicReference<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        d.addCallback(v -> {
            firedOn.set(Thread.currentThread());
            return v;
        });
        Thread worker = start(() -> future.complete("from worker"));
        worker.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertSame(worker, firedOn.get());
        assertEquals("from worker", successResultOf(d));
    }

    @Test
    void withAReactorTheDeferredFiresOnTheReactorThread() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        List<Thread> firedOn = new ArrayList<>();
        Deferred<String> d = Deferred.fromCompletionStage(future, reactor);
        d.addCallback(v -> {
            firedOn.add(Thread.currentThread());
            return v;
        });
        Thread worker = start(() -> future.complete("hopped"));
        worker.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertNoResult(d);
        assertEquals(1, reactor.runQueued(WAIT_SECONDS));
        assertEquals(List.of(Thread.currentThread()), firedOn);
        assertEquals("hopped", successResultOf(d));
    }

    @Test
    void withAReactorEvenAnAlreadyCompletedStageFiresOnALaterReactorTurn() throws Exception {
        Deferred<String> d = Deferred.fromCompletionStage(CompletableFuture.completedFuture("x"), reactor);
        assertNoResult(d);
        reactor.runQueued(WAIT_SECONDS);
        assertEquals("x", successResultOf(d));
    }

    @Test
    void exceptionalCompletionIsUnwrappedIntoTheFailure() throws Exception {
        CompletableFuture<String> future = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("in the pool");
        });
        Deferred<String> d = Deferred.fromCompletionStage(future, reactor);
        assertTrue(reactor.runQueued(WAIT_SECONDS) > 0);
        assertEquals("in the pool", failureResultOf(d, IllegalStateException.class).getErrorMessage());
    }

    @Test
    void cancelledStageBecomesCancelledError() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        future.cancel(false);
        Failure f = failureResultOf(d, CancelledError.class);
        assertInstanceOf(CancellationException.class, f.value().getCause());
    }

    @Test
    void cancellingTheDeferredCancelsTheFuture() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        d.cancel();
        assertTrue(future.isCancelled());
        failureResultOf(d, CancelledError.class);
    }

    @Test
    void withAReactorCancellingFailsTheDeferredAtOnceAndTheLateCompletionIsIgnored() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future, reactor);
        d.cancel();
        assertTrue(future.isCancelled());
        failureResultOf(d, CancelledError.class);
        // The future's cancellation was hopped to the reactor; running it must not fire d again.
        assertEquals(1, reactor.runQueued(WAIT_SECONDS));
    }

    @Test
    void futureCompletesWithTheDeferredsResultWhichIsConsumed() {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> future = d.toCompletableFuture();
        assertTrue(!future.isDone());
        d.callback("value");
        assertEquals("value", future.join());
        assertNull(successResultOf(d), "like Twisted's asFuture, the conversion consumes the result");
    }

    @Test
    void futureCompletesExceptionallyWithTheSameExceptionAndNoUnhandledFailureRemains() {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> future = d.toCompletableFuture();
        IOException error = new IOException("broken");
        d.errback(error);
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(1, TimeUnit.SECONDS));
        assertSame(error, e.getCause());
        assertEquals(0, UnhandledFailures.count());
    }

    @Test
    void cancelledDeferredGivesACancelledFuture() {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> future = d.toCompletableFuture();
        d.cancel();
        assertTrue(future.isCancelled());
    }

    @Test
    void cancellingTheFutureCancelsTheDeferred() {
        List<Deferred<String>> cancelled = new ArrayList<>();
        Deferred<String> d = new Deferred<>(cancelled::add);
        CompletableFuture<String> future = d.toCompletableFuture();
        future.cancel(true);
        assertEquals(List.of(d), cancelled);
        assertTrue(d.called());
    }

    @Test
    void withAReactorCancellingTheFutureOnAnotherThreadCancelsTheDeferredOnTheReactorThread() throws Exception {
        List<Thread> cancelledOn = new ArrayList<>();
        Deferred<String> d = new Deferred<>(x -> cancelledOn.add(Thread.currentThread()));
        CompletableFuture<String> future = d.toCompletableFuture(reactor);
        Thread worker = start(() -> future.cancel(true));
        worker.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertTrue(cancelledOn.isEmpty());
        assertEquals(1, reactor.runQueued(WAIT_SECONDS));
        assertEquals(List.of(Thread.currentThread()), cancelledOn);
    }

    @Test
    void anotherThreadWaitingOnTheFutureReceivesTheResult() throws Exception {
        Deferred<Integer> d = new Deferred<>();
        CompletableFuture<Integer> future = d.toCompletableFuture();
        AtomicReference<Object> received = new AtomicReference<>();
        Thread waiter = start(() -> {
            try {
                received.set(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (Exception e) {
                received.set(e);
            }
        });
        d.callback(42);
        waiter.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertEquals(42, received.get());
    }

    @Test
    void dependentStagesRunOnTheThreadThatFiresTheDeferred() {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletableFuture<Integer> length = d.toCompletableFuture().thenApply(s -> {
            ranOn.set(Thread.currentThread());
            return s.length();
        });
        d.callback("four");
        assertSame(Thread.currentThread(), ranOn.get());
        assertEquals(4, length.join());
    }
}
