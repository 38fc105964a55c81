package dev.twine.application;

import dev.twine.defer.Deferred;

/**
 * The base implementation of {@link IService} (Twisted's {@code service.Service}): it keeps the name,
 * the parent and the running flag. Subclasses override the start and stop steps and call
 * {@code super} first.
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public class Service implements IService {
    private String name;
    private IServiceCollection parent;
    private boolean running;

    /** An unnamed service. */
    public Service() {
    }

    /** A service called {@code name}. */
    public Service(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String name) {
        if (parent != null) {
            throw new IllegalStateException("cannot change name when parent exists");
        }
        this.name = name;
    }

    @Override
    public IServiceCollection parent() {
        return parent;
    }

    @Override
    public void setServiceParent(IServiceCollection newParent) {
        if (newParent == null) {
            throw new NullPointerException("parent");
        }
        if (parent == newParent) {
            return;
        }
        if (parent != null) {
            disownServiceParent();
        }
        parent = newParent;
        newParent.addService(this);
    }

    @Override
    public Deferred<Void> disownServiceParent() {
        if (parent == null) {
            return Deferred.succeed(null);
        }
        IServiceCollection old = parent;
        // Cleared after the removal, as Twisted does, so that removeService still sees who it removes.
        Deferred<Void> d = old.removeService(this);
        parent = null;
        return d;
    }

    @Override
    public void privilegedStartService() {
    }

    @Override
    public void startService() {
        running = true;
    }

    @Override
    public Deferred<Void> stopService() {
        running = false;
        return Deferred.succeed(null);
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (name == null ? "unnamed" : name) + (running ? ", running" : "") + "]";
    }
}
