package dev.twine.testing.junit;

import dev.twine.internet.Reactors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names of the backends the extension runs a test on. The only place the kit looks at backends at all:
 * everything else goes through {@link Reactors#newReactor(String)} and the public reactor interfaces, so the
 * kit does not depend on the backend SPI.
 */
final class Backends {
    private Backends() {
    }

    /**
     * One backend to run on: its name, and why it cannot run here if it cannot.
     *
     * @param name        the backend's name, e.g. {@code "epoll"}
     * @param unavailable the reason it cannot run here, or empty
     */
    record Backend(String name, Optional<String> unavailable) {
    }

    /**
     * The registered backends, highest priority first: only the available ones unless
     * {@code includeUnavailable}; restricted to {@code filter} (comma-separated names) when it is not blank.
     *
     * @param property the property {@code filter} came from, for the error message
     * @throws IllegalStateException if {@code filter} names a backend that is not registered (or, without
     *                               {@code includeUnavailable}, not available), so that a typo fails loudly
     *                               instead of testing nothing
     */
    static List<Backend> selected(String property, String filter, boolean includeUnavailable) {
        List<Backend> candidates = new ArrayList<>();
        Reactors.registeredBackends().forEach(b -> {
            Optional<String> why = b.unavailabilityReason();
            if (includeUnavailable || why.isEmpty()) {
                candidates.add(new Backend(b.name(), why));
            }
        });
        if (filter == null || filter.isBlank()) {
            return candidates;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : filter.split(",")) {
            if (!name.isBlank()) {
                wanted.add(name.trim());
            }
        }
        List<Backend> out = new ArrayList<>();
        for (Backend b : candidates) {
            if (wanted.remove(b.name())) {
                out.add(b);
            }
        }
        if (!wanted.isEmpty()) {
            throw new IllegalStateException(property + "=" + filter + ": not available here: " + wanted
                    + "; available: " + candidates.stream().map(Backend::name).toList());
        }
        return out;
    }
}
