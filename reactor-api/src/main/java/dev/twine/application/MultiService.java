package dev.twine.application;

import dev.twine.defer.Deferred;
import dev.twine.defer.DeferredList;
import dev.twine.defer.Failure;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A service made of other services (Twisted's {@code service.MultiService}): starting it starts every
 * child in the order added; stopping it stops them in the reverse order, all at once, and its
 * Deferred fires when every child has stopped.
 *
 * <p>A child whose {@code stopService} throws or fails does not keep the others from stopping: the
 * failure is logged and the collection still reports itself stopped, since a shutdown must finish.
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public class MultiService extends Service implements IServiceCollection {
    private static final System.Logger LOG = System.getLogger(MultiService.class.getName());

    private final List<IService> services = new ArrayList<>();
    private final Map<String, IService> namedServices = new HashMap<>();

    /** An unnamed collection. */
    public MultiService() {
    }

    /** A collection called {@code name}. */
    public MultiService(String name) {
        super(name);
    }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        for (IService s : services()) {
            s.privilegedStartService();
        }
    }

    @Override
    public void startService() {
        super.startService();
        for (IService s : services()) {
            s.startService();
        }
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        List<IService> reversed = services();
        java.util.Collections.reverse(reversed);
        List<Deferred<Void>> stopping = new ArrayList<>(reversed.size());
        for (IService s : reversed) {
            stopping.add(Deferred.<Void>maybeDeferred(s::stopService).addErrback(f -> logStopFailure(s, f)));
        }
        return DeferredList.of(stopping).addCallback(outcomes -> null);
    }

    private static Void logStopFailure(IService service, Failure failure) {
        LOG.log(Level.ERROR, "Error stopping service " + service, failure.value());
        return null;
    }

    @Override
    public IService getServiceNamed(String name) {
        IService s = namedServices.get(name);
        if (s == null) {
            throw new NoSuchElementException("no service named " + name);
        }
        return s;
    }

    @Override
    public List<IService> services() {
        return new ArrayList<>(services);
    }

    /**
     * Adds {@code service}. A service whose parent is not yet this collection is re-parented through
     * {@link IService#setServiceParent}, so both sides always agree.
     */
    @Override
    public void addService(IService service) {
        if (service.parent() != this) {
            service.setServiceParent(this);
            return;
        }
        if (services.contains(service)) {
            return;
        }
        String name = service.name();
        if (name != null) {
            if (namedServices.containsKey(name)) {
                throw new IllegalStateException("cannot have two services with same name '" + name + "'");
            }
            namedServices.put(name, service);
        }
        services.add(service);
        if (running()) {
            // Twisted: "it may be too late for that, but we will do our best".
            service.privilegedStartService();
            service.startService();
        }
    }

    @Override
    public Deferred<Void> removeService(IService service) {
        if (!services.remove(service)) {
            throw new NoSuchElementException(service + " is not a child of " + this);
        }
        if (service.name() != null) {
            namedServices.remove(service.name());
        }
        if (running()) {
            return service.stopService();
        }
        return Deferred.succeed(null);
    }
}
