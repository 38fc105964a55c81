package dev.twine.testfixtures;

import java.io.IOException;
import java.time.Duration;

/**
 * Bounded waiting for tests that sit below a reactor (no loop to wait in): retry a non-blocking call with
 * one-millisecond sleeps until it yields a value, and fail the test after {@link #PATIENCE}.
 *
 * <p>Called on the test thread. An interrupt ends the wait with an {@link AssertionError} and leaves the
 * thread's interrupt flag set.
 */
public final class Await {
    /**
     * How long a test waits for something the kernel does within milliseconds on loopback. Generous on
     * purpose: Wine adds a wineserver round trip to each call, and the shared build machine may be busy.
     */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Await() {
    }

    /** One attempt at something non-blocking: a value when it has happened, {@code null} when not yet. */
    @FunctionalInterface
    public interface Attempt<T> {
        T attempt() throws IOException;
    }

    /**
     * Retries {@code attempt} until it returns non-null, and returns that value.
     *
     * @param what what is awaited, for the failure message
     * @throws AssertionError after {@link #PATIENCE}, or if interrupted
     */
    public static <T> T until(String what, Attempt<T> attempt) throws IOException {
        return until(what, PATIENCE, attempt);
    }

    /** As {@link #until(String, Attempt)}, failing after {@code patience}. */
    public static <T> T until(String what, Duration patience, Attempt<T> attempt) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            T value = attempt.attempt();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + patience.toMillis() + " ms waiting for " + what);
            }
            sleep(1);
        }
    }

    /** Sleeps {@code millis}; an interrupt fails the test instead of being swallowed. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
