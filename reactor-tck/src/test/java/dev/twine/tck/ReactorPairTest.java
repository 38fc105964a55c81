package dev.twine.tck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once for every ordered pair of available backends, the same backend twice included, so that
 * a server on one poller is checked against a client on another: {@code void x(ReactorBuilder server,
 * ReactorBuilder client)}, displayed as {@code [server=select, client=epoll]}.
 *
 * <p>The usual shape runs the server's reactor on a background thread with
 * {@link ReactorBuilder#runReactorInBackground} and the client's on the test thread with
 * {@link ReactorBuilder#runReactor}. Unavailable backends take no part. {@code -Dtwine.tck.backends}
 * restricts the set as for {@link ReactorTest}, and the same clean-up checks run after each invocation.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ReactorPairExtension.class)
public @interface ReactorPairTest {
}
