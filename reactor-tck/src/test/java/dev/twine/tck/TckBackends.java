package dev.twine.tck;

import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The backends the suite runs against: every backend registered with {@link java.util.ServiceLoader}
 * (through {@link Reactors#registeredBackends()}), restricted by {@value #PROPERTY} when it is set.
 */
public final class TckBackends {
    /** Comma-separated backend names to run, e.g. {@code -Dtwine.tck.backends=select,epoll}. */
    public static final String PROPERTY = "twine.tck.backends";

    private TckBackends() {
    }

    /**
     * The registered backends to test, available or not, highest priority first.
     *
     * @throws IllegalStateException if {@value #PROPERTY} names a backend that is not registered, so a
     *                               typo fails loudly instead of silently testing nothing
     */
    public static List<ReactorBackend<?>> selected() {
        List<ReactorBackend<?>> all = Reactors.registeredBackends();
        String filter = System.getProperty(PROPERTY);
        if (filter == null || filter.isBlank()) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : filter.split(",")) {
            if (!name.isBlank()) {
                wanted.add(name.trim());
            }
        }
        List<ReactorBackend<?>> out = new ArrayList<>();
        for (ReactorBackend<?> b : all) {
            if (wanted.remove(b.name())) {
                out.add(b);
            }
        }
        if (!wanted.isEmpty()) {
            throw new IllegalStateException(PROPERTY + "=" + filter + ": not registered: " + wanted
                    + "; registered: " + all.stream().map(ReactorBackend::name).collect(Collectors.joining(", ")));
        }
        return out;
    }

    /** The selected backends that can run here. */
    public static List<ReactorBackend<?>> selectedAvailable() {
        List<ReactorBackend<?>> out = new ArrayList<>();
        for (ReactorBackend<?> b : selected()) {
            if (b.unavailabilityReason().isEmpty()) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * {@link #selected()}, for a test template to expand.
     *
     * @throws IllegalStateException if none is selected: a template with no invocation would otherwise
     *                               report nothing rather than fail
     */
    public static List<ReactorBackend<?>> requireSelected() {
        List<ReactorBackend<?>> backends = selected();
        if (backends.isEmpty()) {
            throw new IllegalStateException("no reactor backend selected; " + PROPERTY + "="
                    + System.getProperty(PROPERTY));
        }
        return backends;
    }

    /**
     * {@link #selectedAvailable()}, for a test template to expand.
     *
     * @throws IllegalStateException if none of the selected backends can run here
     */
    public static List<ReactorBackend<?>> requireAvailable() {
        List<ReactorBackend<?>> available = selectedAvailable();
        if (available.isEmpty()) {
            throw new IllegalStateException("no available reactor backend among " + names(selected()));
        }
        return available;
    }

    static String names(List<ReactorBackend<?>> backends) {
        return Arrays.toString(backends.stream().map(ReactorBackend::name).toArray());
    }
}
