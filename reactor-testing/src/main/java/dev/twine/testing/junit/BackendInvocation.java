package dev.twine.testing.junit;

import dev.twine.defer.Failure;
import dev.twine.defer.UnhandledFailures;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IReactor;
import dev.twine.internet.error.ConnectionAborted;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One invocation of an {@link EveryBackend} method on one backend: builds the fixture and its fresh
 * reactor, resolves the {@link ReactorFixture} and {@link IReactor} parameters, arms the deadline, and
 * afterwards runs the clean-ups and the dirty-reactor check described on {@link EveryBackend}, then closes
 * every reactor. A backend that cannot run here makes the invocation skipped with its reason.
 *
 * <p>The check follows trial's janitor ({@code twisted.trial.util._Janitor}): everything left behind is
 * reported in one failure and then cleaned up (delayed calls cancelled, descriptors removed and
 * disconnected with {@code ConnectionAborted}), so one dirty test never breaks the next.
 *
 * <p>JUnit calls it on the test's thread.
 */
final class BackendInvocation implements ParameterResolver, BeforeEachCallback, AfterEachCallback,
        InvocationInterceptor {
    private final Backends.Backend backend;
    private final double timeoutSeconds;
    private ReactorFixture fixture;
    private LoggedErrors loggedErrors;
    private Watchdog watchdog;
    private List<String> descriptorsBefore;

    BackendInvocation(Backends.Backend backend, double timeoutSeconds) {
        this.backend = backend;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ReactorFixture.class || type == IReactor.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IReactor.class ? fixture.reactor() : fixture;
    }

    /**
     * Prefixes a failed assertion's message with the backend, {@code "[epoll] expected ..."}. Surefire's
     * console names a failed test template invocation by its index ({@code method(...)[2]}), JUnit's
     * legacy name, not by the display name; the message is what it does print.
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        try {
            invocation.proceed();
        } catch (AssertionFailedError e) {
            String message = "[" + backend.name() + "] " + e.getMessage();
            AssertionFailedError named = e.isExpectedDefined() && e.isActualDefined()
                    ? new AssertionFailedError(message, e.getExpected().getValue(), e.getActual().getValue(), e)
                    : new AssertionFailedError(message, e);
            named.setStackTrace(e.getStackTrace());
            throw named;
        } catch (AssertionError e) {
            AssertionError named = new AssertionError("[" + backend.name() + "] " + e.getMessage(), e);
            named.setStackTrace(e.getStackTrace());
            throw named;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (backend.unavailable().isPresent()) {
            throw new TestAbortedException(backend.name() + " backend unavailable: " + backend.unavailable().get());
        }
        // Failures left by earlier tests that did not use this extension are theirs: log them now, before
        // this test's capture starts, rather than blame this test or drop them.
        UnhandledFailures.reportAll();
        descriptorsBefore = OpenDescriptors.supported() ? OpenDescriptors.list() : null;
        loggedErrors = new LoggedErrors();
        fixture = new ReactorFixture(backend.name(), timeoutSeconds, loggedErrors);
        context.getStore(ReactorFixture.NAMESPACE).put(ReactorFixture.class, fixture);
        watchdog = new Watchdog(fixture::reactors, timeoutSeconds, Thread.currentThread());
        fixture.watch(watchdog);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (watchdog == null) {
            // Skipped, or beforeEach failed (the backend could not build a reactor): nothing to check.
            if (loggedErrors != null) {
                loggedErrors.close();
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t : fixture.runCleanups()) {
            problems.add("clean-up failed: " + t);
            causes.add(t);
        }
        watchdog.cancel();
        List<IReactor> reactors = fixture.reactors();
        for (IReactor r : reactors) {
            if (watchdog.hung(r) && !(r == fixture.reactor() && fixture.hangReported())) {
                problems.add(watchdog.hangMessage(r));
            }
        }
        if (watchdog.expired() && problems.isEmpty()) {
            problems.add(watchdog.deadlineMessage());
        }
        List<IReactor> stopped = new ArrayList<>();
        for (IReactor r : reactors) {
            if (r.running()) {
                // The test thread left the loop without the reactor stopping (it was interrupted, or the
                // reactor runs on a thread the test abandoned): only a thread call may touch it now.
                problems.add("reactor [" + backend.name() + "] still running when the test ended: " + r);
                r.callFromThread(r::crash);
            } else {
                stopped.add(r);
                for (String left : PendingWork.describe(r)) {
                    problems.add("left behind: " + left);
                }
            }
        }
        for (UnhandledFailures.Report r : UnhandledFailures.drain()) {
            problems.add(r.message());
            causes.add(r.failure().value());
        }
        for (LogRecord r : loggedErrors.remaining()) {
            problems.add("error logged: " + r.getMessage() + (r.getThrown() == null ? "" : ": " + r.getThrown()));
            if (r.getThrown() != null) {
                causes.add(r.getThrown());
            }
        }
        for (IReactor r : stopped) {
            cleanUp(r);
        }
        UnhandledFailures.drain(); // failures caused by the forced disconnections, not by the test
        loggedErrors.close();
        if (descriptorsBefore != null && stopped.size() == reactors.size()) {
            List<String> leaked = OpenDescriptors.leakedSince(descriptorsBefore);
            if (!leaked.isEmpty()) {
                problems.add("descriptors opened by the test and still open: " + leaked);
            }
        }
        if (!problems.isEmpty()) {
            AssertionError e = new AssertionError("reactor [" + backend.name() + "] not left clean by "
                    + context.getRequiredTestMethod().getName() + ":\n  " + String.join("\n  ", problems));
            for (Throwable t : causes) {
                e.addSuppressed(t);
            }
            throw e;
        }
    }

    /** Cancels what is pending, disconnects what is registered, and closes the reactor. */
    private static void cleanUp(IReactor reactor) throws Exception {
        for (int round = 0; round < 3; round++) {
            // Disconnecting a descriptor runs protocol code that may schedule again: a few rounds settle it.
            for (IDelayedCall c : reactor.getDelayedCalls()) {
                if (c.active()) {
                    c.cancel();
                }
            }
            List<IFileDescriptor> left = reactor.removeAll();
            for (IFileDescriptor d : left) {
                try {
                    d.connectionLost(new Failure(new ConnectionAborted("left behind by the test")));
                } catch (RuntimeException ignored) {
                    // Already reported as left behind; the protocol's complaint adds nothing.
                }
            }
            if (left.isEmpty() && reactor.getDelayedCalls().isEmpty()) {
                break;
            }
        }
        if (reactor instanceof AutoCloseable c) {
            c.close();
        }
    }
}
