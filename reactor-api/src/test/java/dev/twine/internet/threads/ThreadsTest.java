package dev.twine.internet.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** deferToThread, blockingCallFromThread and friends (Twisted's {@code test_threads}, semantics.md §3.13). */
@Timeout(60)
class ThreadsTest {
    private final LoopThreadReactor reactor = new LoopThreadReactor();

    ThreadsTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        reactor.close();
    }

    /** What a Deferred fired with, and on which thread. */
    private record Outcome(Object result, Thread thread) {
    }

    private static CompletableFuture<Outcome> watch(Deferred<?> d) {
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        d.addBoth(r -> {
            f.complete(new Outcome(r, Thread.currentThread()));
            return null;
        });
        return f;
    }

    @Test
    void deferToThreadRunsInAPoolThreadAndFiresOnTheReactorThread() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        CompletableFuture<Outcome> outcome = reactor.onReactorThread(() -> watch(Threads.deferToThread(reactor, () -> {
            ranOn.complete(Thread.currentThread());
            return 42;
        })));
        Outcome o = outcome.get(10, TimeUnit.SECONDS);
        assertEquals(42, o.result());
        assertSame(reactor.reactorThread(), o.thread(), "results are delivered on the reactor thread");
        assertTrue(ranOn.get().getName().startsWith("test pool"), ranOn.get().getName());
    }

    @Test
    void deferToThreadErrbacksWithWhatTheFunctionThrew() throws Exception {
        CompletableFuture<Outcome> outcome = reactor.onReactorThread(() -> watch(Threads.deferToThread(reactor, () -> {
            throw new IOException("disk gone");
        })));
        Outcome o = outcome.get(10, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, ((dev.twine.defer.Failure) o.result()).value());
        assertSame(reactor.reactorThread(), o.thread());
    }

    @Test
    void deferToThreadPoolUsesTheGivenPoolAndAPoolThatRefusesGivesAFailedDeferred() throws Exception {
        ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "own pool"));
        try {
            CompletableFuture<Outcome> outcome = reactor.onReactorThread(() ->
                    watch(Threads.deferToThreadPool(reactor, own, () -> Thread.currentThread().getName())));
            assertEquals("own pool", outcome.get(10, TimeUnit.SECONDS).result());
        } finally {
            own.shutdownNow();
        }
        CompletableFuture<Outcome> refused = reactor.onReactorThread(() ->
                watch(Threads.deferToThreadPool(reactor, own, () -> "never")));
        Object failure = refused.get(10, TimeUnit.SECONDS).result();
        assertInstanceOf(RejectedExecutionException.class, ((dev.twine.defer.Failure) failure).value());
    }

    @Test
    void blockingCallFromThreadGetsTheValueOfADeferredTheReactorFiresLater() throws Exception {
        String value = Threads.blockingCallFromThread(reactor, () -> {
            Deferred<String> d = new Deferred<>();
            // Fired on a later turn of the reactor thread, not inside the call.
            reactor.callFromThread(() -> d.callback("from the reactor on " + Thread.currentThread().getName()));
            return d;
        });
        assertEquals("from the reactor on test reactor", value);
    }

    @Test
    void blockingCallFromThreadThrowsTheFailuresException() {
        IOException e = assertThrows(IOException.class, () -> Threads.blockingCallFromThread(reactor,
                () -> Deferred.<String>fail(new IOException("no"))));
        assertEquals("no", e.getMessage());
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Threads.<String>blockingCallFromThread(reactor, () -> {
                    throw new IllegalArgumentException("thrown by f");
                }));
        assertEquals("thrown by f", thrown.getMessage());
    }

    @Test
    void blockingCallFromThreadOnTheReactorThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        Throwable refused = reactor.onReactorThread(() -> {
            try {
                Threads.blockingCallFromThread(reactor, () -> {
                    ran.add("f");
                    return Deferred.succeed("x");
                });
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertInstanceOf(IllegalStateException.class, refused);
        assertTrue(refused.getMessage().contains("reactor thread"), refused.getMessage());
        reactor.onReactorThread(() -> null);
        assertEquals(List.of(), ran, "nothing was scheduled");
    }

    @Test
    void callMultipleInThreadRunsTheCallsInOrderInOneThread() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        reactor.onReactorThread(() -> {
            Threads.callMultipleInThread(reactor, List.of(
                    () -> log.add("a " + Thread.currentThread().getId()),
                    () -> log.add("b " + Thread.currentThread().getId()),
                    () -> {
                        log.add("c " + Thread.currentThread().getId());
                        done.complete(null);
                    }));
            return null;
        });
        done.get(10, TimeUnit.SECONDS);
        assertEquals(3, log.size());
        String thread = log.get(0).substring(2);
        assertEquals(List.of("a " + thread, "b " + thread, "c " + thread), log);
    }

    @Test
    void callMultipleInThreadStopsAtTheFirstException() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        reactor.onReactorThread(() -> {
            Threads.callMultipleInThread(reactor, List.of(() -> log.add("a"), () -> {
                throw new IllegalStateException("boom");
            }, () -> log.add("never")));
            return null;
        });
        RuntimeException logged = reactor.logged.poll(10, TimeUnit.SECONDS);
        assertEquals("boom", logged.getMessage(), "the exception is logged, and the sequence ends there");
        assertEquals(List.of("a"), log);
    }
}
