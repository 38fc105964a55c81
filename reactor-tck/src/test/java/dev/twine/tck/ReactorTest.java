package dev.twine.tck;

import dev.twine.testing.junit.EveryBackend;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per reactor backend: Twisted's {@code ReactorBuilder.makeTestCaseClasses()} (semantics.md
 * §2), through twine-testing's {@link EveryBackend}, the extension users run their own tests with.
 *
 * <p>The method takes one {@link ReactorBuilder} parameter, {@code void x(ReactorBuilder b)}, and builds its
 * reactors with it. There is one invocation per backend registered with {@link java.util.ServiceLoader},
 * highest priority first, displayed as {@code [epoll]}; a backend that cannot run here is skipped (aborted)
 * with its reason, as Twisted skips a reactor that cannot be built. {@code -Dtwine.tck.backends=select,epoll}
 * restricts the set.
 *
 * <p>After each invocation the harness stops any background reactor the test left running, then
 * {@link EveryBackend}'s check fails the test if any reactor it built still has a delayed call, reader or
 * writer, if a Deferred failure went unhandled, if an error was logged outside a {@link LogCapture}, or if
 * a socket, pipe or poller descriptor leaked; every reactor is closed. The whole invocation has
 * {@value #TIMEOUT_SECONDS} seconds, beyond the per-run timeouts of {@link ReactorBuilder#runReactor}.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@EveryBackend(timeout = ReactorTest.TIMEOUT_SECONDS, backendsProperty = TckBackends.PROPERTY, reportUnavailable = true)
@ExtendWith(ReactorBuilderResolver.class)
public @interface ReactorTest {
    /** The deadline of one invocation: generous, since each run inside it has its own timeout. */
    double TIMEOUT_SECONDS = 120;
}
