package dev.twine.tck.poller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a poller contract test once per backend, displayed as {@code [epoll]}, with a fresh
 * {@link PollerHarness} parameter that is closed afterwards. Backends come from {@link java.util.ServiceLoader}
 * and {@code -Dtwine.tck.backends}, exactly as for the reactor tests; an unavailable backend's invocation is
 * skipped with its reason.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(PollerHarnessExtension.class)
public @interface PollerTest {
}
