package dev.twine.testing.junit;

import dev.twine.internet.Reactors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
     * The available backends, highest priority first, restricted to {@code filter} (comma-separated names)
     * when it is not blank.
     *
     * @throws IllegalStateException if {@code filter} names a backend that is not available, so that a typo
     *                               fails loudly instead of testing nothing
     */
    static List<String> selected(String filter) {
        List<String> available = new ArrayList<>();
        Reactors.availableBackends().forEach(b -> available.add(b.name()));
        if (filter == null || filter.isBlank()) {
            return available;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : filter.split(",")) {
            if (!name.isBlank()) {
                wanted.add(name.trim());
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : available) {
            if (wanted.remove(name)) {
                out.add(name);
            }
        }
        if (!wanted.isEmpty()) {
            throw new IllegalStateException(EveryBackendExtension.PROPERTY + "=" + filter + ": not available here: "
                    + wanted + "; available: " + available);
        }
        return out;
    }
}
