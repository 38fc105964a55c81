package dev.twine.backend.epoll;

import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;

/** One poll's reports, keyed by handle; fails if a handle is reported twice in one poll. */
final class Readiness {

    final Map<SelectableHandle, Integer> ready = new LinkedHashMap<>();
    int returned;

    static Readiness poll(Poller poller, long timeoutNanos) throws IOException {
        Readiness readiness = new Readiness();
        readiness.returned = poller.poll(timeoutNanos, (handle, ops) ->
                assertNull(readiness.ready.put(handle, ops), handle + " reported twice in one poll"));
        return readiness;
    }

    /** Polls (10 ms at a time) until {@code handle} is reported, and returns its bits. */
    static int awaitReady(Poller poller, SelectableHandle handle) throws IOException {
        return Sockets.await("readiness of " + handle, () -> poll(poller, 10_000_000).ready.get(handle));
    }

    /** Polls until {@code handle} is reported with all of {@code bits}, and returns its bits. */
    static int awaitBits(Poller poller, SelectableHandle handle, int bits) throws IOException {
        return Sockets.await("bits " + bits + " on " + handle, () -> {
            Integer ops = poll(poller, 10_000_000).ready.get(handle);
            return ops != null && (ops & bits) == bits ? ops : null;
        });
    }
}
