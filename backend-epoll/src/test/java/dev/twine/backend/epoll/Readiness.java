package dev.twine.backend.epoll;

import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One poll's reports, keyed by token; fails if a token is reported twice in one poll. These mechanism tests
 * register every handle under its descriptor number as the token ({@link #token}).
 */
final class Readiness {

    final Map<Long, Integer> ready = new LinkedHashMap<>();
    int returned;

    /** The token these tests register {@code handle} under: its descriptor number. */
    static long token(SelectableHandle handle) {
        return handle.fileno();
    }

    static Readiness poll(Poller<?> poller, long timeoutNanos) throws IOException {
        Readiness readiness = new Readiness();
        readiness.returned = poller.poll(timeoutNanos, (token, ops, error) ->
                assertNull(readiness.ready.put(token, ops), token + " reported twice in one poll"));
        return readiness;
    }

    /** The bits {@code handle} was reported with, or null. */
    Integer of(SelectableHandle handle) {
        return ready.get(token(handle));
    }

    /** Polls (10 ms at a time) until {@code handle} is reported, and returns its bits. */
    static int awaitReady(Poller<?> poller, SelectableHandle handle) throws IOException {
        return Sockets.await("readiness of " + handle, () -> poll(poller, 10_000_000).of(handle));
    }

    /** Polls until {@code handle} is reported with all of {@code bits}, and returns its bits. */
    static int awaitBits(Poller<?> poller, SelectableHandle handle, int bits) throws IOException {
        return Sockets.await("bits " + bits + " on " + handle, () -> {
            Integer ops = poll(poller, 10_000_000).of(handle);
            return ops != null && (ops & bits) == bits ? ops : null;
        });
    }
}
