package dev.twine.internet.base;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reactor's thread pool (Twisted's {@code ReactorBase.threadpool}, semantics.md §1.3): created lazily with at most
 * 10 threads, started when the reactor runs, stopped and joined in the DURING phase of shutdown, and then
 * forgotten, so a later {@link #executor()} builds a new one.
 *
 * <p>Work given to {@link #callInThread} before the pool is started is held and submitted by
 * {@link #start()}, as Twisted's {@code ThreadPool} queues work until {@code start()}. The executor itself
 * is a plain {@link ThreadPoolExecutor} whose core and maximum sizes are equal and whose idle threads time
 * out, so it grows to the maximum under load and shrinks to nothing when idle. Threads are named
 * {@code twine-reactor-<id>-pool-<n>} and are daemons, so an abandoned reactor never keeps the JVM alive.
 *
 * <p>Methods are synchronized: the pool is reached from the reactor thread, but a user may hold the
 * executor from anywhere.
 */
final class ReactorThreadPool {
    /** Twisted's {@code ThreadPool(0, 10)} maximum. */
    static final int DEFAULT_MAX_THREADS = 10;
    private static final long KEEP_ALIVE_SECONDS = 30;
    private static final long JOIN_WARNING_SECONDS = 10;

    private final String namePrefix;
    private final AtomicInteger threadCount = new AtomicInteger();
    private ThreadPoolExecutor executor;
    private boolean started;
    private final List<Runnable> heldUntilStart = new ArrayList<>();
    private int maxThreads = DEFAULT_MAX_THREADS;

    ReactorThreadPool(String namePrefix) {
        this.namePrefix = namePrefix;
    }

    /** True if the executor exists (it was asked for and not yet stopped). */
    synchronized boolean exists() {
        return executor != null;
    }

    /** The executor, created on first use. Creating does not start work that was held back. */
    synchronized ThreadPoolExecutor executor() {
        if (executor == null) {
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, namePrefix + "-pool-" + threadCount.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            executor = new ThreadPoolExecutor(maxThreads, maxThreads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), factory);
            executor.allowCoreThreadTimeOut(true);
        }
        return executor;
    }

    /** Runs {@code f} on a pool thread, now if started, else once {@link #start()} is called. */
    synchronized void callInThread(Runnable f) {
        executor();
        Runnable guarded = () -> {
            try {
                f.run();
            } catch (Throwable t) {
                ReactorLog.error("Unhandled error in thread pool call " + f, t);
            }
        };
        if (started) {
            executor.execute(guarded);
        } else {
            heldUntilStart.add(guarded);
        }
    }

    /** Starts the pool: work held back is submitted in the order it was given. */
    synchronized void start() {
        if (executor == null || started) {
            return;
        }
        started = true;
        for (Runnable r : heldUntilStart) {
            executor.execute(r);
        }
        heldUntilStart.clear();
    }

    /** Sets the maximum number of threads (Twisted's {@code adjustPoolsize(maxthreads=size)}). */
    synchronized void suggestSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thread pool size must be >= 1, got " + size);
        }
        maxThreads = size;
        ThreadPoolExecutor e = executor();
        // Core may never exceed maximum, so the order of the two calls depends on the direction.
        if (size > e.getMaximumPoolSize()) {
            e.setMaximumPoolSize(size);
            e.setCorePoolSize(size);
        } else {
            e.setCorePoolSize(size);
            e.setMaximumPoolSize(size);
        }
    }

    /**
     * Stops the pool: no new work, waits for running and queued work to finish (Twisted's
     * {@code ThreadPool.stop} joins its threads), then forgets the executor. Work held back because the
     * pool never started is dropped with a warning. Logs a warning every 10 s while a worker is still
     * busy, so a stuck worker is visible rather than silent.
     */
    void stop() {
        ThreadPoolExecutor e;
        synchronized (this) {
            e = executor;
            executor = null;
            if (!heldUntilStart.isEmpty()) {
                ReactorLog.warning("Reactor thread pool stopped before it started; dropped "
                        + heldUntilStart.size() + " queued call(s)");
                heldUntilStart.clear();
            }
            started = false;
        }
        if (e == null) {
            return;
        }
        e.shutdown();
        try {
            while (!e.awaitTermination(JOIN_WARNING_SECONDS, TimeUnit.SECONDS)) {
                ReactorLog.warning("Still waiting for " + e.getActiveCount() + " reactor thread pool worker(s) "
                        + "to finish before shutdown can continue");
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
