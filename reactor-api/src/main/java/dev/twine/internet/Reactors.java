package dev.twine.internet;

import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ReactorAlreadyInstalledError;
import dev.twine.spi.ReactorBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Choosing a backend and getting a reactor.
 *
 * <p><b>Backends</b> are the {@link ReactorBackend}s registered with {@link ServiceLoader} (in
 * {@code META-INF/services/dev.twine.spi.ReactorBackend}) on the class path. The one a new reactor uses is
 * the one named by the system property {@value #PROPERTY} if it is set, else the available backend with
 * the highest {@link ReactorBackend#priority()} (the OS's native poller, 100, over {@code select}, 0).
 * A named backend that is unknown or unavailable is an error, never a silent fallback; the message names
 * the reason and lists what is available, e.g.
 * {@code twine.reactor=nosuch: no such backend; available: epoll, select}.
 *
 * <p><b>Reactors are instances.</b> {@link #newReactor()} builds a fresh one each time, which is what tests
 * and libraries should use. {@link #reactor()} is the process-wide default for programs written in
 * Twisted's {@code from twisted.internet import reactor} style: created on first use, or chosen once with
 * {@link #installReactor}.
 *
 * <p>Thread-safe.
 */
public final class Reactors {
    /** The system property that names the backend: {@code -Dtwine.reactor=epoll}. */
    public static final String PROPERTY = "twine.reactor";

    private static final Object LOCK = new Object();
    private static final System.Logger LOG = System.getLogger("dev.twine.internet");
    private static List<ReactorBackend<?>> registered;
    private static List<String> loadFailures = List.of();
    private static IReactor installed;

    private Reactors() {
    }

    /**
     * A new reactor on the selected backend: {@code -Dtwine.reactor} if set, else the available backend
     * with the highest priority.
     *
     * @throws IllegalStateException if the named backend is unknown or unavailable, or none is available
     */
    public static IReactor newReactor() {
        return new ReactorBase(selectedBackend());
    }

    /**
     * A new reactor on the backend called {@code name}.
     *
     * @throws IllegalStateException if no such backend is registered or it is unavailable here
     */
    public static IReactor newReactor(String name) {
        return new ReactorBase(backend(name));
    }

    /**
     * The backend a new reactor would use: {@code -Dtwine.reactor} if set, else the available one with
     * the highest priority.
     *
     * @throws IllegalStateException as {@link #newReactor()}
     */
    public static ReactorBackend<?> selectedBackend() {
        String requested = System.getProperty(PROPERTY);
        if (requested != null && !requested.isBlank()) {
            // A backend the user named is judged on its own settings: a native binding forced with
            // -Dtwine.native concerns only the backends that bind it, so it cannot stop select (semantics.md §6.1).
            for (ReactorBackend<?> b : registeredBackends()) {
                if (b.name().equals(requested.trim())) {
                    failOnConfigurationError(b);
                }
            }
            return find(requested.trim(), PROPERTY + "=" + requested.trim());
        }
        // The automatic choice: a setting the user forced (a native binding) that cannot be honoured fails
        // here, at start-up, rather than letting a lower-priority backend run in its place (semantics.md §6.1).
        for (ReactorBackend<?> b : registeredBackends()) {
            failOnConfigurationError(b);
        }
        List<ReactorBackend<?>> available = availableBackends();
        if (available.isEmpty()) {
            throw new IllegalStateException("no reactor backend is available; registered: " + describe(registeredBackends()));
        }
        return available.get(0);
    }

    private static void failOnConfigurationError(ReactorBackend<?> b) {
        Optional<String> error = b.configurationError();
        if (error.isPresent()) {
            throw new IllegalStateException("backend " + b.name() + ": " + error.get());
        }
    }

    /**
     * The available backend called {@code name}.
     *
     * @throws IllegalStateException if no such backend is registered or it is unavailable here; the message
     *                               gives the reason and the available backends
     */
    public static ReactorBackend<?> backend(String name) {
        return find(name, "backend " + name);
    }

    /**
     * What a user debugging backend selection needs, as lines: one per registered backend (available,
     * with its priority and how it reaches the OS and why; or unavailable, with the reason), then the
     * backend a new reactor would use, or {@code none} and why. In the spirit of Netty's
     * {@code Epoll.isAvailable()} and {@code Epoll.unavailabilityCause()}, for every backend at once.
     * Never throws; safe from any thread.
     */
    public static List<String> diagnostics() {
        List<String> lines = new ArrayList<>();
        for (ReactorBackend<?> b : registeredBackends()) {
            lines.add("backend " + b.name() + ": " + b.unavailabilityReason()
                    .map(why -> "unavailable (" + why + ")")
                    .orElse("available, priority " + b.priority() + ", binding " + b.binding()));
        }
        String selected;
        try {
            selected = selectedBackend().name();
        } catch (IllegalStateException e) {
            selected = "none (" + e.getMessage() + ")";
        }
        lines.add("selected: " + selected);
        return lines;
    }

    /** The backends that can run here, highest priority first (ties by name). */
    public static List<ReactorBackend<?>> availableBackends() {
        List<ReactorBackend<?>> out = new ArrayList<>();
        for (ReactorBackend<?> b : registeredBackends()) {
            if (b.unavailabilityReason().isEmpty()) {
                out.add(b);
            }
        }
        return out;
    }

    /** Every registered backend, available or not, highest priority first (ties by name). */
    public static List<ReactorBackend<?>> registeredBackends() {
        synchronized (LOCK) {
            if (registered == null) {
                List<ReactorBackend<?>> found = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                @SuppressWarnings("rawtypes")
                Iterator<ReactorBackend> it = ServiceLoader.load(ReactorBackend.class).iterator();
                while (true) {
                    // A provider that cannot be instantiated (a missing native library, a broken jar) must
                    // not hide the others: it is remembered for error messages and the search goes on.
                    try {
                        if (!it.hasNext()) {
                            break;
                        }
                        found.add(it.next());
                    } catch (ServiceConfigurationError e) {
                        failed.add(e.getMessage());
                        LOG.log(System.Logger.Level.WARNING, "A reactor backend failed to load", e);
                        if (failed.size() >= 32) {
                            break; // a service file the iterator cannot get past: stop, do not spin
                        }
                    }
                }
                loadFailures = List.copyOf(failed);
                found.sort(Comparator.<ReactorBackend<?>>comparingInt(ReactorBackend::priority).reversed()
                        .thenComparing(ReactorBackend::name));
                registered = List.copyOf(found);
            }
            return registered;
        }
    }

    /**
     * The process-wide default reactor, created with {@link #newReactor()} on first use unless one was
     * installed with {@link #installReactor}.
     *
     * @throws IllegalStateException as {@link #newReactor()}, when it has to create one
     */
    public static IReactor reactor() {
        synchronized (LOCK) {
            if (installed == null) {
                installed = newReactor();
            }
            return installed;
        }
    }

    /**
     * Makes {@code reactor} the process-wide default (Twisted's {@code installReactor}).
     *
     * @throws ReactorAlreadyInstalledError if a default exists already, installed or created by
     *                                      {@link #reactor()}
     */
    public static void installReactor(IReactor reactor) {
        if (reactor == null) {
            throw new NullPointerException("reactor");
        }
        synchronized (LOCK) {
            if (installed != null) {
                throw new ReactorAlreadyInstalledError("reactor already installed: " + installed);
            }
            installed = reactor;
        }
    }

    private static ReactorBackend<?> find(String name, String what) {
        for (ReactorBackend<?> b : registeredBackends()) {
            if (b.name().equals(name)) {
                Optional<String> why = b.unavailabilityReason();
                if (why.isPresent()) {
                    throw new IllegalStateException(what + ": unavailable (" + why.get() + "); available: "
                            + names(availableBackends()));
                }
                return b;
            }
        }
        String failures = loadFailures().isEmpty() ? "" : "; failed to load: " + String.join("; ", loadFailures());
        throw new IllegalStateException(what + ": no such backend; available: " + names(availableBackends()) + failures);
    }

    private static List<String> loadFailures() {
        synchronized (LOCK) {
            return loadFailures;
        }
    }

    private static String names(List<ReactorBackend<?>> backends) {
        if (backends.isEmpty()) {
            return "none";
        }
        return backends.stream().map(ReactorBackend::name).collect(Collectors.joining(", "));
    }

    private static String describe(List<ReactorBackend<?>> backends) {
        if (backends.isEmpty()) {
            return "none (is a twine-backend-* jar on the class path?)";
        }
        return backends.stream()
                .map(b -> b.name() + b.unavailabilityReason().map(r -> " (" + r + ")").orElse(""))
                .collect(Collectors.joining(", "));
    }
}
