package dev.twine.internet.threads;

import dev.twine.internet.IReactorThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread part of a reactor, for thread tests: a real "reactor thread" (a single-thread executor that
 * runs {@link #callFromThread} calls in order) and a real pool for {@link #callInThread}. Close it after
 * each test.
 */
final class LoopThreadReactor implements IReactorThreads, AutoCloseable {
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test reactor"));
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> new Thread(r, "test pool"));
    private volatile Thread loopThread;
    /** What callInThread calls threw, as a real reactor would log it. */
    final LinkedBlockingQueue<RuntimeException> logged = new LinkedBlockingQueue<>();

    LoopThreadReactor() throws Exception {
        loop.submit(() -> loopThread = Thread.currentThread()).get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code f} on the reactor thread and waits (up to 10 s) for its result. */
    <T> T onReactorThread(Callable<T> f) throws Exception {
        return loop.submit(f).get(10, TimeUnit.SECONDS);
    }

    Thread reactorThread() {
        return loopThread;
    }

    @Override
    public void callFromThread(Runnable f) {
        loop.execute(f);
    }

    @Override
    public void callInThread(Runnable f) {
        pool.execute(() -> {
            try {
                f.run();
            } catch (RuntimeException e) {
                logged.add(e);
            }
        });
    }

    @Override
    public ThreadPoolExecutor getThreadPool() {
        return pool;
    }

    @Override
    public void suggestThreadPoolSize(int size) {
        pool.setMaximumPoolSize(size);
    }

    @Override
    public boolean isInIOThread() {
        return Thread.currentThread() == loopThread;
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        loop.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }
}
