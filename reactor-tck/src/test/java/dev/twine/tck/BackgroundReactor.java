package dev.twine.tck;

import dev.twine.internet.IReactor;
import dev.twine.internet.error.ReactorNotRunning;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A reactor running on its own thread, typically the server side of a {@link ReactorPairTest} while the
 * client's reactor runs on the test thread. Made by {@link ReactorBuilder#runReactorInBackground}.
 *
 * <p>{@link #call} runs code on the reactor's thread and waits for its result, so the test thread never
 * touches the reactor directly while it runs. {@link #stopAndJoin()} asks the reactor to stop from its own
 * thread and waits for {@code run()} to return; it rethrows anything that failed on that thread, including
 * the {@link ReactorBuilder#runReactor} timeout. Thread-safe.
 */
public final class BackgroundReactor implements AutoCloseable {
    private final IReactor reactor;
    private final double timeoutSeconds;
    private final Thread thread;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile boolean joined;

    private BackgroundReactor(ReactorBuilder builder, IReactor reactor, double timeoutSeconds) {
        this.reactor = reactor;
        this.timeoutSeconds = timeoutSeconds;
        this.thread = new Thread(() -> {
            try {
                builder.runReactor(reactor, timeoutSeconds);
            } catch (Throwable t) {
                failure = t;
            } finally {
                running.countDown();
            }
        }, "tck-" + builder.backendName() + "-reactor");
        thread.setDaemon(true);
    }

    static BackgroundReactor start(ReactorBuilder builder, IReactor reactor, double timeoutSeconds) {
        BackgroundReactor bg = new BackgroundReactor(builder, reactor, timeoutSeconds);
        reactor.callWhenRunning(bg.running::countDown);
        bg.thread.start();
        try {
            if (!bg.running.await(waitMillis(timeoutSeconds), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("background reactor did not start within " + ReactorBuilder.seconds(timeoutSeconds) + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting the background reactor", e);
        }
        if (bg.failure != null) {
            throw new AssertionError("background reactor failed to start", bg.failure);
        }
        return bg;
    }

    /** The reactor. Touch it only through {@link #call} while it runs. */
    public IReactor reactor() {
        return reactor;
    }

    /**
     * Runs {@code task} on the reactor's thread and returns its result, waiting at most the reactor's
     * timeout. An exception thrown by {@code task} is rethrown here.
     */
    public <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        reactor.callFromThread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(waitMillis(timeoutSeconds), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        } catch (TimeoutException e) {
            throw new AssertionError("background reactor did not run the call within "
                    + ReactorBuilder.seconds(timeoutSeconds) + " s", e);
        }
    }

    /**
     * Stops the reactor (if it is still running) from its own thread and waits for its thread to end.
     * Idempotent: only the first successful join reports a failure.
     *
     * @throws AssertionError if the thread does not end in time, or wrapping what failed on it
     */
    public void stopAndJoin() {
        if (joined) {
            return; // what failed was reported by the first call
        }
        reactor.callFromThread(() -> {
            try {
                reactor.stop();
            } catch (ReactorNotRunning alreadyStopping) {
                // The test stopped it already.
            }
        });
        try {
            thread.join(waitMillis(timeoutSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining the background reactor", e);
        }
        if (thread.isAlive()) {
            throw new AssertionError("background reactor thread still alive " + ReactorBuilder.seconds(timeoutSeconds)
                    + " s after stop()");
        }
        joined = true;
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof AssertionError a) {
            throw a;
        }
        if (f != null) {
            throw new AssertionError("background reactor failed", f);
        }
    }

    /** {@link #stopAndJoin()}. */
    @Override
    public void close() {
        stopAndJoin();
    }

    private static long waitMillis(double seconds) {
        return (long) Math.ceil(seconds * 1000) + 5_000;
    }

    @Override
    public String toString() {
        return "BackgroundReactor[" + reactor + " on " + thread.getName() + "]";
    }
}
