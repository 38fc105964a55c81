package dev.twine.tck.kqueue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test-only kqueue backends are found by {@link java.util.ServiceLoader} like any other, under their
 * own names and below every real backend's priority, so the conformance suite and the poller contract kit
 * (which carry bytes over them) run them, and no program ever picks them by default.
 */
class EmulatedKqueueBackendsTest {

    private static Map<String, ReactorBackend<?>> backends() {
        Map<String, ReactorBackend<?>> byName = new HashMap<>();
        for (ReactorBackend<?> b : Reactors.registeredBackends()) {
            byName.putIfAbsent(b.name(), b);
        }
        return byName;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kqueue-darwin-shim", "kqueue-freebsd-shim"})
    void theEmulatedBackendIsRegisteredAndNeverChosenByDefault(String name) {
        ReactorBackend<?> backend = backends().get(name);
        assertTrue(backend != null, name + " is registered");
        assertTrue(backend.priority() < 0, "below select's 0");
    }
}
