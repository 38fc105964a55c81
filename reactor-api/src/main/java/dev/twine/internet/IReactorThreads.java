package dev.twine.internet;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * Calls between the reactor thread and other threads (Twisted's {@code IReactorThreads}, semantics.md §1.3).
 */
public interface IReactorThreads {
    /**
     * Runs {@code f} on the reactor thread at the start of a later iteration, FIFO. Thread-safe, and the
     * only reactor method that is. Calls queued before {@link IReactorCore#run()} run once it runs.
     */
    void callFromThread(Runnable f);

    /**
     * Runs {@code f} on the reactor's thread pool. Work given before the reactor runs waits until it does;
     * the pool is stopped and joined in the DURING phase of shutdown, so {@code run()} returns only after
     * every such call has finished. An exception from {@code f} is logged. Reactor thread only.
     */
    void callInThread(Runnable f);

    /**
     * The reactor's thread pool, created lazily (Twisted: at most 10 threads) and forgotten after shutdown.
     * Work submitted to it directly starts at once, even before the reactor runs. Reactor thread only.
     */
    ThreadPoolExecutor getThreadPool();

    /**
     * Sets the thread pool's maximum size, creating the pool if needed. Reactor thread only.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    void suggestThreadPoolSize(int size);

    /** True on the thread that runs (or last ran) this reactor; false before {@code run()}. Thread-safe. */
    boolean isInIOThread();
}
