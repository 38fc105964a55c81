package dev.twine.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per reactor backend: Twisted's {@code ReactorBuilder.makeTestCaseClasses()} (semantics.md §2).
 *
 * <p>The method takes one {@link ReactorBuilder} parameter, {@code void x(ReactorBuilder b)}, and builds its
 * reactors with it. There is one invocation per backend registered with {@link java.util.ServiceLoader},
 * highest priority first, displayed as {@code [epoll]}; a backend whose
 * {@link dev.twine.spi.ReactorBackend#unavailabilityReason()} is present is skipped (aborted) with that
 * reason, as Twisted skips a reactor that cannot be built. {@code -Dtwine.tck.backends=select,epoll}
 * restricts the set.
 *
 * <p>After each invocation the harness checks that every reactor the test built was left clean (nothing
 * registered, no delayed call pending), closes them, and checks that no socket, pipe or poller descriptor
 * leaked; see {@link ReactorBuilder}.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ReactorBuilderExtension.class)
public @interface ReactorTest {
}
