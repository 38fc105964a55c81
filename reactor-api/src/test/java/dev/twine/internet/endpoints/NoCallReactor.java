package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import java.lang.reflect.Proxy;

/**
 * An {@link IReactor} that fails any call: parsing a description must only remember the reactor, never use
 * it (semantics.md §1.14.2).
 */
final class NoCallReactor {
    private NoCallReactor() {
    }

    static IReactor create() {
        return (IReactor) Proxy.newProxyInstance(IReactor.class.getClassLoader(), new Class<?>[] {IReactor.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "NoCallReactor";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new AssertionError("parsing called the reactor: " + method);
                });
    }
}
