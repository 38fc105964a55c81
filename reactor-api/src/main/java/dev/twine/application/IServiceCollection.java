package dev.twine.application;

import dev.twine.defer.Deferred;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A service that holds other services (Twisted's {@code IServiceCollection}). Children start in the
 * order they were added and stop in the reverse order.
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public interface IServiceCollection {

    /**
     * The child called {@code name}.
     *
     * @throws NoSuchElementException if there is none
     */
    IService getServiceNamed(String name);

    /** The children, in the order they were added; a snapshot. */
    List<IService> services();

    /**
     * Adds a child. If this collection is running, the child is started at once.
     *
     * @throws IllegalStateException if a child with the same name exists
     */
    void addService(IService service);

    /**
     * Removes a child. If this collection is running, the child is stopped and the Deferred fires when
     * it has; otherwise the Deferred has fired already.
     */
    Deferred<Void> removeService(IService service);
}
