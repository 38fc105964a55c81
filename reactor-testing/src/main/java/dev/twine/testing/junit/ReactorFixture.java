package dev.twine.testing.junit;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's reactors on one backend, handed to an {@link EveryBackend} method: the fresh reactor (and any
 * more the test builds), a way to run it until a {@link Deferred} fires (trial's "return a Deferred and
 * the reactor spins"), Twisted's {@code flushLoggedErrors} and trial's {@code addCleanup}. Made by the
 * extension; never shared between invocations.
 *
 * <p>Threading: the test's thread, which is also the reactor's thread while {@link #runUntil} runs it.
 */
public final class ReactorFixture {
    /** Where {@link #of} finds the fixture of the invocation under way. */
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReactorFixture.class);

    /** Work done after the test and before the dirty-reactor check, like trial's {@code addCleanup}. */
    @FunctionalInterface
    public interface Cleanup {
        /** Runs the clean-up; what it throws is reported as a problem of the test. */
        void run() throws Exception;
    }

    private enum Outcome { WAITING, SUCCEEDED, FAILED }

    private final String backend;
    private final double timeoutSeconds;
    private final LoggedErrors loggedErrors;
    private final List<IReactor> reactors = Collections.synchronizedList(new ArrayList<>());
    private final List<Cleanup> cleanups = new ArrayList<>();
    private Watchdog watchdog;
    private boolean hangReported;

    ReactorFixture(String backend, double timeoutSeconds, LoggedErrors loggedErrors) {
        this.backend = backend;
        this.timeoutSeconds = timeoutSeconds;
        this.loggedErrors = loggedErrors;
        buildReactor();
    }

    /**
     * The fixture of the {@link EveryBackend} invocation under way, for another extension that resolves a
     * suite's own parameter types from it.
     *
     * @throws IllegalStateException outside an {@code @EveryBackend} invocation
     */
    public static ReactorFixture of(ExtensionContext context) {
        ReactorFixture f = context.getStore(NAMESPACE).get(ReactorFixture.class, ReactorFixture.class);
        if (f == null) {
            throw new IllegalStateException(context.getDisplayName() + " is not an @EveryBackend invocation");
        }
        return f;
    }

    void watch(Watchdog w) {
        watchdog = w;
    }

    /** The fresh reactor for this invocation; the extension checks and closes it afterwards. */
    public IReactor reactor() {
        return reactors.get(0);
    }

    /**
     * Another fresh reactor on the same backend, for a test that needs several (a client and a server on
     * separate loops); checked, and closed, with the first when the test ends, and covered by the deadline.
     */
    public IReactor buildReactor() {
        IReactor r = Reactors.newReactor(backend);
        reactors.add(r);
        return r;
    }

    /** Every reactor of this invocation, the first one first. */
    public List<IReactor> reactors() {
        synchronized (reactors) {
            return List.copyOf(reactors);
        }
    }

    /** The backend under test, e.g. {@code "epoll"}. */
    public String backendName() {
        return backend;
    }

    /** The invocation's deadline in seconds, from {@link EveryBackend#timeout()}. */
    public double timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Registers {@code cleanup} to run after the test, before the dirty-reactor check; clean-ups run most
     * recent first, each even if an earlier one threw (trial's {@code addCleanup}).
     */
    public void addCleanup(Cleanup cleanup) {
        cleanups.add(cleanup);
    }

    /**
     * Runs the first reactor on this thread until {@code d} fires, then returns its result or throws its
     * failure's exception. The reactor is {@link IReactor#crash() crashed}, not stopped, when {@code d} fires,
     * so it can be run again and what the test opened stays open for the test to close (trial's rule).
     * Returns at once when {@code d} has fired already.
     *
     * @throws AssertionError if the invocation's deadline passes first (listing what the reactor was waiting
     *                        on), or if the reactor stopped before {@code d} fired
     * @throws Exception      the exception {@code d} failed with
     */
    public <T> T runUntil(Deferred<T> d) throws Exception {
        IReactor reactor = reactor();
        Object[] result = new Object[1];
        Outcome[] outcome = {Outcome.WAITING};
        d.addCallbacks(r -> {
            result[0] = r;
            outcome[0] = Outcome.SUCCEEDED;
            crashIfRunning(reactor);
            return null;
        }, f -> {
            result[0] = f;
            outcome[0] = Outcome.FAILED;
            crashIfRunning(reactor);
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
                if (watchdog != null && watchdog.hung(reactor)) {
                    hangReported = true;
                    throw new AssertionError(watchdog.hangMessage(reactor) + "\n  while waiting for " + d);
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

    /** Runs the clean-ups, most recent first; returns what they threw. */
    List<Throwable> runCleanups() {
        List<Throwable> thrown = new ArrayList<>();
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).run();
            } catch (Throwable t) {
                thrown.add(t);
            }
        }
        cleanups.clear();
        return thrown;
    }

    private static void crashIfRunning(IReactor reactor) {
        if (reactor.running()) {
            reactor.crash();
        }
    }

    @Override
    public String toString() {
        return "ReactorFixture[" + backend + "]";
    }
}
