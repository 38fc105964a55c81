package dev.twine.testing.junit;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IReactor;
import java.util.List;

/**
 * One test's reactor on one backend, handed to an {@link EveryBackend} method: the fresh reactor, a way to
 * run it until a {@link Deferred} fires (trial's "return a Deferred and the reactor spins"), and Twisted's
 * {@code flushLoggedErrors}. Made by the extension; never shared between invocations.
 *
 * <p>Threading: the test's thread, which is also the reactor's thread while {@link #runUntil} runs it.
 */
public final class ReactorFixture {
    private enum Outcome { WAITING, SUCCEEDED, FAILED }

    private final IReactor reactor;
    private final double timeoutSeconds;
    private final LoggedErrors loggedErrors;
    private Watchdog watchdog;
    private boolean hangReported;

    ReactorFixture(IReactor reactor, double timeoutSeconds, LoggedErrors loggedErrors) {
        this.reactor = reactor;
        this.timeoutSeconds = timeoutSeconds;
        this.loggedErrors = loggedErrors;
    }

    void watch(Watchdog w) {
        watchdog = w;
    }

    /** The fresh reactor for this invocation; the extension checks and closes it afterwards. */
    public IReactor reactor() {
        return reactor;
    }

    /** The backend under test, e.g. {@code "epoll"}. */
    public String backendName() {
        return reactor.backendName();
    }

    /** The invocation's deadline in seconds, from {@link EveryBackend#timeout()}. */
    public double timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Runs the reactor on this thread until {@code d} fires, then returns its result or throws its failure's
     * exception. The reactor is {@link IReactor#crash() crashed}, not stopped, when {@code d} fires, so it can
     * be run again and what the test opened stays open for the test to close (trial's rule). Returns at once
     * when {@code d} has fired already.
     *
     * @throws AssertionError if the invocation's deadline passes first (listing what the reactor was waiting
     *                        on), or if the reactor stopped before {@code d} fired
     * @throws Exception      the exception {@code d} failed with
     */
    public <T> T runUntil(Deferred<T> d) throws Exception {
        Object[] result = new Object[1];
        Outcome[] outcome = {Outcome.WAITING};
        d.addCallbacks(r -> {
            result[0] = r;
            outcome[0] = Outcome.SUCCEEDED;
            crashIfRunning();
            return null;
        }, f -> {
            result[0] = f;
            outcome[0] = Outcome.FAILED;
            crashIfRunning();
            return null;
        });
        if (outcome[0] == Outcome.WAITING) {
            reactor.run();
        }
        switch (outcome[0]) {
            case SUCCEEDED -> {
                @SuppressWarnings("unchecked")
                T r = (T) result[0];
                return r;
            }
            case FAILED -> {
                Throwable t = ((Failure) result[0]).value();
                if (t instanceof Exception e) {
                    throw e;
                }
                throw (Error) t;
            }
            default -> {
                if (watchdog != null && watchdog.expired()) {
                    hangReported = true;
                    throw new AssertionError(watchdog.hangMessage() + "\n  while waiting for " + d);
                }
                throw new AssertionError("the reactor stopped before " + d + " fired");
            }
        }
    }

    /**
     * Removes and returns the errors logged through the reactor (or Deferred's unhandled-failure report)
     * whose exceptions are of the given types, every logged error when no type is given, so that errors the
     * test expects do not fail it (Twisted's {@code flushLoggedErrors}).
     */
    @SafeVarargs
    public final List<Throwable> flushLoggedErrors(Class<? extends Throwable>... types) {
        return loggedErrors.flush(types);
    }

    boolean hangReported() {
        return hangReported;
    }

    private void crashIfRunning() {
        if (reactor.running()) {
            reactor.crash();
        }
    }

    @Override
    public String toString() {
        return "ReactorFixture[" + reactor.backendName() + "]";
    }
}
