package dev.twine.internet.group;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a protocol factory class may be shared by every member of a {@link ReactorGroup}: its
 * {@code buildProtocol} is called from several reactor threads at once, so the class must be safe for that
 * (semantics.md §5.3). Without this annotation on the factory's class,
 * {@link ReactorGroup#listenTCP(int, dev.twine.internet.IProtocolFactory, int, String)} refuses the factory,
 * and code written for Twisted's single thread stays correct by listening with a supplier of one factory
 * per member instead.
 *
 * <p>{@code doStart} and {@code doStop} of a shared factory are still called on one thread at a time: once
 * per group port, as Twisted calls them once per port.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ThreadSafeFactory {
}
