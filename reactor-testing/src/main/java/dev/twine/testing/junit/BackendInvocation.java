package dev.twine.testing.junit;

import dev.twine.defer.Failure;
import dev.twine.defer.UnhandledFailures;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.error.ConnectionAborted;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One invocation of an {@link EveryBackend} method on one backend: builds the fresh reactor, resolves the
 * {@link ReactorFixture} and {@link IReactor} parameters, arms the deadline, and afterwards runs the
 * dirty-reactor check described on {@link EveryBackend}, then closes the reactor.
 *
 * <p>The check follows trial's janitor ({@code twisted.trial.util._Janitor}): everything left behind is
 * reported in one failure and then cleaned up (delayed calls cancelled, descriptors removed and
 * disconnected with {@code ConnectionAborted}), so one dirty test never breaks the next.
 *
 * <p>JUnit calls it on the test's thread.
 */
final class BackendInvocation implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
    private final String backend;
    private final double timeoutSeconds;
    private IReactor reactor;
    private ReactorFixture fixture;
    private LoggedErrors loggedErrors;
    private Watchdog watchdog;
    private List<String> descriptorsBefore;

    BackendInvocation(String backend, double timeoutSeconds) {
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
        return parameter.getParameter().getType() == IReactor.class ? reactor : fixture;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Failures left by earlier tests that did not use this extension are theirs: log them now, before
        // this test's capture starts, rather than blame this test or drop them.
        UnhandledFailures.reportAll();
        descriptorsBefore = OpenDescriptors.supported() ? OpenDescriptors.list() : null;
        loggedErrors = new LoggedErrors();
        reactor = Reactors.newReactor(backend);
        fixture = new ReactorFixture(reactor, timeoutSeconds, loggedErrors);
        watchdog = new Watchdog(reactor, timeoutSeconds, Thread.currentThread());
        fixture.watch(watchdog);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (watchdog == null) {
            // beforeEach failed (the backend could not build a reactor): that failure is the report.
            if (loggedErrors != null) {
                loggedErrors.close();
            }
            return;
        }
        watchdog.cancel();
        List<String> problems = new ArrayList<>();
        List<Throwable> causes = new ArrayList<>();
        if (watchdog.expired() && !fixture.hangReported()) {
            problems.add(watchdog.hangMessage());
        }
        if (reactor.running()) {
            // The test thread left the loop without the reactor stopping (it was interrupted): only a thread
            // call may touch the reactor now, and its descriptors cannot be checked.
            problems.add("reactor [" + backend + "] still running when the test ended");
            reactor.callFromThread(reactor::crash);
            loggedErrors.close();
            throw dirty(context, problems, causes);
        }
        for (String left : PendingWork.describe(reactor)) {
            problems.add("left behind: " + left);
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
        cleanUp();
        loggedErrors.close();
        if (descriptorsBefore != null) {
            List<String> leaked = OpenDescriptors.leakedSince(descriptorsBefore);
            if (!leaked.isEmpty()) {
                problems.add("descriptors opened by the test and still open: " + leaked);
            }
        }
        if (!problems.isEmpty()) {
            throw dirty(context, problems, causes);
        }
    }

    /** Cancels what is pending, disconnects what is registered, and closes the reactor. */
    private void cleanUp() throws Exception {
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
        UnhandledFailures.drain(); // failures caused by the forced disconnection above, not by the test
        if (reactor instanceof AutoCloseable c) {
            c.close();
        }
    }

    private AssertionError dirty(ExtensionContext context, List<String> problems, List<Throwable> causes) {
        AssertionError e = new AssertionError("reactor [" + backend + "] not left clean by "
                + context.getRequiredTestMethod().getName() + ":\n  " + String.join("\n  ", problems));
        for (Throwable t : causes) {
            e.addSuppressed(t);
        }
        return e;
    }
}
