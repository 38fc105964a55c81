package dev.twine.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per reactor backend available on this machine, each time with a fresh reactor,
 * and fails it if it leaves the reactor dirty: Twisted's {@code ReactorBuilder.makeTestCaseClasses()} and
 * trial's dirty-reactor check, made deterministic.
 *
 * <pre>{@code
 * @EveryBackend
 * void echoesALine(ReactorFixture fixture) throws Exception {
 *     IReactor reactor = fixture.reactor();
 *     ...
 *     assertEquals("hello", fixture.runUntil(received));
 * }
 * }</pre>
 *
 * <p><b>Invocations.</b> One per backend that can run here (those registered on the class path whose
 * availability check passes), highest priority first, displayed as {@code [epoll]}, {@code [select]}...
 * The system property {@value EveryBackendExtension#PROPERTY} ({@code -Dtwine.test.backends=select,epoll})
 * restricts the set; naming a backend that is not available fails loudly.
 *
 * <p><b>Parameters.</b> A method may declare a {@link ReactorFixture} and/or an
 * {@link dev.twine.internet.IReactor} parameter; both refer to the same fresh reactor, built before the
 * method runs and closed after it. A test that needs more reactors builds them with
 * {@link ReactorFixture#buildReactor()}; each is checked and closed the same way. Another extension (a
 * suite's own parameter types) finds the fixture with {@link ReactorFixture#of}.
 *
 * <p><b>After each invocation</b> the {@link ReactorFixture#addCleanup clean-ups} run, most recent first;
 * then the test fails, naming each thing left behind, if any of these remain
 * (each is then cleaned up, so that the next test starts clean): a pending delayed call; a registered
 * reader or writer (listening ports are named as such); an unhandled failure at the end of a Deferred
 * chain; an error logged through the reactor's or Deferred's logger and not taken with
 * {@link ReactorFixture#flushLoggedErrors}; an open socket, pipe or poller descriptor that was not open
 * before the test (where {@code /proc/self/fd} exists).
 *
 * <p><b>Deadline.</b> The whole invocation has {@link #timeout()} seconds. If the reactor is still running
 * then, it is crashed from a watchdog thread and the test fails with "reactor still running after N s",
 * listing the delayed calls, readers and writers it was waiting on.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EveryBackendExtension.class)
public @interface EveryBackend {
    /** Seconds the test may take on one backend before it is reported as hung. */
    double timeout() default 30;

    /**
     * The system property that restricts the backends (comma-separated names); a suite with its own
     * convention, such as the conformance suite's {@code twine.tck.backends}, names it here.
     */
    String backendsProperty() default EveryBackendExtension.PROPERTY;

    /**
     * Also give each backend that is registered but cannot run here an invocation, skipped (aborted) with
     * the backend's reason, so that a report shows what was not tested and why. Off by default: a user's
     * suite simply runs on what is available.
     */
    boolean reportUnavailable() default false;
}
