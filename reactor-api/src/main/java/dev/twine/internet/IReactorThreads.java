package dev.twine.internet;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * Calls between the reactor thread and other threads (Twisted's {@code IReactorThreads}, §1.3).
 */
public interface IReactorThreads {
    /**
     * Runs {@code f} on the reactor thread at the start of a later iteration, FIFO. Thread-safe, and the
     * only reactor method that is. Calls queued before {@link IReactorCore#run()} run once it runs.
     */
    void callFromThread(Runnable f);

    /** Runs {@code f} on the reactor's thread pool (started when the reactor runs). Reactor thread only. */
    void callInThread(Runnable f);

    /** The reactor's thread pool, created lazily (Twisted: at most 10 threads). */
    ThreadPoolExecutor getThreadPool();

    /** Sets the thread pool's maximum size. */
    void suggestThreadPoolSize(int size);

    /** True on the thread that is running this reactor. Thread-safe. */
    boolean isInIOThread();
}
