package dev.twine.tck;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ReactorNotRunning;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SelectableHandle;
import dev.twine.testing.junit.ReactorFixture;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and runs reactors for one backend inside one test: Twisted's {@code ReactorBuilder}
 * ({@code internet/test/reactormixins.py}, semantics.md §2). Handed to {@link ReactorTest} and {@link ReactorPairTest}
 * methods as a parameter; never shared between tests.
 *
 * <p>A test builds fresh reactors with {@link #buildReactor()}, sets up, schedules a {@code stop()} (often
 * with {@link #needsRunningReactor}, so {@code stop()} is never called before {@code run()}), calls
 * {@link #runReactor}, then asserts on what was recorded. When the test ends, background reactors are
 * stopped and every reactor built is checked: for a {@link ReactorTest} by twine-testing's
 * {@code @EveryBackend} (whose fixture builds the reactors, and which also fails on unhandled Deferred
 * failures and errors logged outside a {@link LogCapture}), for a {@link ReactorPairTest} by
 * {@link #cleanUp()}:
 * <ul>
 *   <li>it must be clean: {@code removeAll()} returns nothing and {@code getDelayedCalls()} is empty
 *       (Twisted's "reactor left clean" assertions); what was left is reported, cancelled and closed so
 *       that one dirty test does not break the next;</li>
 *   <li>it is closed ({@link ReactorBase#close()}), releasing its poller;</li>
 *   <li>no socket, pipe or poller descriptor may remain open beyond those open before the test
 *       ({@code /proc/self/fd}, where it exists; retried for a short while so that a peer thread's close
 *       can land).</li>
 * </ul>
 * Methods are for the test thread.
 */
public final class ReactorBuilder {
    private final ReactorBackend<?> backend;
    /** The {@link ReactorTest} invocation's fixture, which builds, checks and closes the reactors; null for pairs. */
    private final ReactorFixture fixture;
    private final List<IReactor> built = new ArrayList<>();
    private final List<BackgroundReactor> background = new ArrayList<>();

    /** A builder that checks and closes its own reactors ({@link ReactorPairTest}). */
    ReactorBuilder(ReactorBackend<?> backend) {
        this.backend = backend;
        this.fixture = null;
    }

    /** A builder whose reactors are the fixture's, checked and closed by {@code @EveryBackend}. */
    ReactorBuilder(ReactorFixture fixture) {
        this.backend = Reactors.backend(fixture.backendName());
        this.fixture = fixture;
    }

    /** The name of the backend under test, e.g. {@code "epoll"}. */
    public String backendName() {
        return backend.name();
    }

    /** The backend under test. */
    public ReactorBackend<?> backend() {
        return backend;
    }

    /** A fresh reactor on this backend, checked and closed when the test ends. */
    public IReactor buildReactor() {
        IReactor r;
        if (fixture == null) {
            r = new ReactorBase(backend);
        } else {
            // The fixture made one reactor already; a test's first reactor is that one.
            r = built.isEmpty() ? fixture.reactor() : fixture.buildReactor();
        }
        built.add(r);
        return r;
    }

    /**
     * Runs {@code reactor} on this thread until it stops. If it is still running after
     * {@code timeoutSeconds}, stops it (crashing it if even that hangs) and fails the test with "reactor
     * still running after N seconds" (Twisted's {@code runReactor}); otherwise the timeout is cancelled.
     */
    public void runReactor(IReactor reactor, double timeoutSeconds) {
        boolean[] timedOut = {false};
        IDelayedCall guard = reactor.callLater(timeoutSeconds, () -> {
            timedOut[0] = true;
            // A shutdown can itself hang (a before-trigger Deferred that never fires): crash if it does.
            reactor.callLater(Math.max(1, timeoutSeconds / 10), reactor::crash);
            try {
                reactor.stop();
            } catch (ReactorNotRunning alreadyStopping) {
                reactor.crash();
            }
        });
        try {
            reactor.run();
        } finally {
            if (guard.active()) {
                guard.cancel();
            }
            if (timedOut[0]) {
                for (IDelayedCall c : reactor.getDelayedCalls()) {
                    c.cancel();
                }
            }
        }
        if (timedOut[0]) {
            throw new AssertionError("reactor still running after " + seconds(timeoutSeconds) + " seconds");
        }
    }

    /** Runs {@code thunk} once {@code reactor} is running (Twisted's {@code needsRunningReactor}). */
    public void needsRunningReactor(IReactor reactor, Runnable thunk) {
        reactor.callWhenRunning(thunk);
    }

    /**
     * Runs {@code reactor} on a new thread, as {@link #runReactor} does, and returns once it is running.
     * The test stops it with {@link BackgroundReactor#stopAndJoin()}; if the test does not, the harness
     * does when the test ends. A failure on that thread (including the timeout) is rethrown by
     * {@code stopAndJoin()}.
     */
    public BackgroundReactor runReactorInBackground(IReactor reactor, double timeoutSeconds) {
        BackgroundReactor bg = BackgroundReactor.start(this, reactor, timeoutSeconds);
        background.add(bg);
        return bg;
    }

    /** Stops the background reactors the test left running. Returns the problems found. */
    List<String> stopBackgroundReactors() {
        List<String> problems = new ArrayList<>();
        for (BackgroundReactor bg : background) {
            try {
                bg.stopAndJoin();
            } catch (Throwable t) {
                problems.add("background reactor " + bg + ": " + t);
            }
        }
        return problems;
    }

    /**
     * Stops background reactors, then checks and closes every reactor built (for {@link ReactorPairTest};
     * a {@link ReactorTest}'s reactors are checked by its fixture). Returns the problems found.
     */
    List<String> cleanUp() {
        List<String> problems = stopBackgroundReactors();
        for (IReactor r : built) {
            if (r.running()) {
                // The test thread was abandoned (JUnit timeout) with the reactor in its loop: only a
                // thread call may touch it now.
                problems.add(r + " still running when the test ended");
                r.callFromThread(r::crash);
                continue;
            }
            List<IFileDescriptor> left = r.removeAll();
            if (!left.isEmpty()) {
                problems.add(r + " left registered descriptors: " + left);
                for (IFileDescriptor d : left) {
                    closeQuietly(d.handle());
                }
            }
            List<IDelayedCall> calls = r.getDelayedCalls();
            if (!calls.isEmpty()) {
                problems.add(r + " left delayed calls: " + calls);
                for (IDelayedCall c : calls) {
                    c.cancel();
                }
            }
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    problems.add(r + " failed to close: " + e);
                }
            }
        }
        return problems;
    }

    private static void closeQuietly(SelectableHandle h) {
        if (h != null) {
            try {
                h.close();
            } catch (Exception ignored) {
                // Best effort: the leak is already reported.
            }
        }
    }

    static String seconds(double s) {
        return s == Math.rint(s) && !Double.isInfinite(s) ? Long.toString((long) s) : Double.toString(s);
    }

    @Override
    public String toString() {
        return "ReactorBuilder[" + backend.name() + "]";
    }
}
