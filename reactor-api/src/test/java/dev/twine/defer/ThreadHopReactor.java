package dev.twine.defer;

import dev.twine.internet.IReactorThreads;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A test double for the thread-hopping part of {@link IReactorThreads}: {@link #callFromThread} queues, and
 * the test thread plays the reactor thread by running the queue with {@link #runQueued}. The thread-pool
 * methods are outside what the interop code uses and are not provided.
 */
final class ThreadHopReactor implements IReactorThreads {
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread reactorThread = Thread.currentThread();

    @Override
    public void callFromThread(Runnable f) {
        queue.add(f);
    }

    /** Waits up to {@code seconds} for at least one queued call, then runs every queued call; returns the count. */
    int runQueued(double seconds) throws InterruptedException {
        Runnable first = queue.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        first.run();
        int n = 1;
        Runnable next;
        while ((next = queue.poll()) != null) {
            next.run();
            n++;
        }
        return n;
    }

    int queued() {
        return queue.size();
    }

    @Override
    public boolean isInIOThread() {
        return Thread.currentThread() == reactorThread;
    }

    @Override
    public void callInThread(Runnable f) {
        throw new UnsupportedOperationException("not part of this test double");
    }

    @Override
    public ThreadPoolExecutor getThreadPool() {
        throw new UnsupportedOperationException("not part of this test double");
    }

    @Override
    public void suggestThreadPoolSize(int size) {
        throw new UnsupportedOperationException("not part of this test double");
    }
}
