package dev.twine.application;

import dev.twine.defer.Deferred;

/**
 * A long-running part of a program that can be started and stopped (Twisted's
 * {@code twisted.application.service.IService}).
 *
 * <p>Life cycle: {@link #privilegedStartService()} (acquire what needs privileges or must fail early,
 * such as listening ports), then {@link #startService()}, and at shutdown {@link #stopService()}, whose
 * Deferred fires once the service has really stopped (a port closed, state flushed). A parent
 * {@link IServiceCollection} drives its children through the same steps.
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public interface IService {

    /** The service's name, unique among its siblings, or {@code null}. */
    String name();

    /**
     * Names the service.
     *
     * @throws IllegalStateException if it already has a parent (Twisted: the parent indexes it by name)
     */
    void setName(String name);

    /** The collection this service belongs to, or {@code null}. */
    IServiceCollection parent();

    /**
     * Makes {@code parent} this service's parent, leaving any previous parent first, and adds it there;
     * a running parent starts it at once.
     */
    void setServiceParent(IServiceCollection parent);

    /**
     * Leaves the parent. If the parent is running the service is stopped, and the returned Deferred
     * fires when it has; otherwise it has fired already.
     */
    Deferred<Void> disownServiceParent();

    /** First start step, run before {@link #startService()}. */
    void privilegedStartService();

    /** Starts the service; {@link #running()} is true afterwards. */
    void startService();

    /**
     * Stops the service; {@link #running()} is false at once, and the Deferred fires when stopping has
     * finished. It never fails for a service that stops normally.
     */
    Deferred<Void> stopService();

    /** True between {@link #startService()} and {@link #stopService()}. */
    boolean running();
}
