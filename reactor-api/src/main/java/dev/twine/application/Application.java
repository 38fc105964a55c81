package dev.twine.application;

import dev.twine.internet.IReactorCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The root of a program's services, optionally persistent (Twisted's {@code service.Application} with
 * its {@code sob.Persistent} component, and {@code app.startApplication}).
 *
 * <p>A persistent application has a {@link StateFile}. {@link #load()} gives every {@link IPersistable}
 * service in the tree the state an earlier run saved; {@link #save()} writes all of it. Each service's
 * keys are stored under its path of names below the application, e.g. {@code fibonacci.current}, or
 * {@code outer/inner.key} for nested collections.
 *
 * <p>{@link #startApplication(IReactorCore, boolean)} is {@code twistd}'s part: it starts the services
 * now, stops them in the reactor's "before shutdown" phase (the reactor waits for their Deferreds, so a
 * port is closed and a connection drained before anything else happens), and saves the state in the
 * "after shutdown" phase, when every service has stopped and its state is final. A program that calls
 * {@code reactor.stop()} (for example from a signal handler) therefore persists its state on the way out.
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public class Application extends MultiService {
    private static final System.Logger LOG = System.getLogger(Application.class.getName());

    private final StateFile stateFile;

    /** A non-persistent application called {@code name}. */
    public Application(String name) {
        this(name, null);
    }

    /** An application called {@code name} whose state lives in {@code stateFile} (may be null: none). */
    public Application(String name, Path stateFile) {
        super(name);
        this.stateFile = stateFile == null ? null : new StateFile(stateFile);
    }

    /** The state file, if the application is persistent. */
    public Optional<Path> stateFile() {
        return stateFile == null ? Optional.empty() : Optional.of(stateFile.path());
    }

    /**
     * Restores every persistable service from the state file, if it exists. Call it after building the
     * service tree and before starting it.
     *
     * @return true if saved state was found and restored
     * @throws IOException if the file cannot be read, or a service rejects its state
     */
    public boolean load() throws IOException {
        if (stateFile == null) {
            return false;
        }
        Optional<Map<String, String>> saved = stateFile.read();
        if (saved.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, IPersistable> e : persistables().entrySet()) {
            String prefix = e.getKey() + ".";
            Map<String, String> own = new TreeMap<>();
            for (Map.Entry<String, String> kv : saved.get().entrySet()) {
                if (kv.getKey().startsWith(prefix)) {
                    own.put(kv.getKey().substring(prefix.length()), kv.getValue());
                }
            }
            if (!own.isEmpty()) {
                try {
                    e.getValue().restoreState(own);
                } catch (IllegalArgumentException bad) {
                    throw new IOException("state for service " + e.getKey() + " in " + stateFile.path()
                            + " is not valid: " + bad.getMessage(), bad);
                }
            }
        }
        return true;
    }

    /**
     * Writes the state of every persistable service to the state file, replacing it atomically. Does
     * nothing for a non-persistent application.
     */
    public void save() throws IOException {
        if (stateFile == null) {
            return;
        }
        Map<String, String> all = new TreeMap<>();
        for (Map.Entry<String, IPersistable> e : persistables().entrySet()) {
            for (Map.Entry<String, String> kv : e.getValue().saveState().entrySet()) {
                all.put(e.getKey() + "." + kv.getKey(), kv.getValue());
            }
        }
        stateFile.write(all, "Twine application state: " + name());
        LOG.log(Level.INFO, "Saved state of application {0} to {1}", name(), stateFile.path());
    }

    /**
     * Starts this application on {@code reactor} the way {@code twistd} does: privileged start and start
     * now; stop in "before shutdown"; save (if {@code save} and persistent) in "after shutdown".
     */
    public void startApplication(IReactorCore reactor, boolean save) {
        privilegedStartService();
        startService();
        reactor.addSystemEventTrigger(IReactorCore.Phase.BEFORE, "shutdown", (Callable<?>) this::stopService);
        if (save && stateFile != null) {
            reactor.addSystemEventTrigger(IReactorCore.Phase.AFTER, "shutdown", (Runnable) this::saveAtShutdown);
        }
    }

    private void saveAtShutdown() {
        try {
            save();
        } catch (IOException e) {
            // The reactor logs a throwing trigger too, but saying which file failed is more useful.
            LOG.log(Level.ERROR, "Could not save state of application " + name() + " to " + stateFile.path(), e);
            throw new UncheckedIOException(e);
        }
    }

    /** Every persistable service in the tree, keyed by its path of names below this application. */
    private Map<String, IPersistable> persistables() {
        Map<String, IPersistable> out = new TreeMap<>();
        collect(this, "", out);
        return out;
    }

    private static void collect(IServiceCollection collection, String prefix, Map<String, IPersistable> out) {
        List<IService> children = new ArrayList<>(collection.services());
        for (IService child : children) {
            String path = child.name() == null ? null : prefix + child.name();
            if (child instanceof IPersistable p) {
                if (path == null) {
                    throw new IllegalStateException("a persistable service must be named: " + child);
                }
                if (out.put(path, p) != null) {
                    throw new IllegalStateException("two persistable services at " + path);
                }
            }
            if (child instanceof IServiceCollection nested) {
                collect(nested, path == null ? prefix : path + "/", out);
            }
        }
    }
}
